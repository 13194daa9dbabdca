import Foundation
import Testing

@testable import DSWCore

@Suite struct LinearModelTests {
  typealias Data = LearnTestData

  /// From scripts/learn/make_linear_fixture.py: intercept, then x1, x2,
  /// x2 is null, x3, plan=basic, plan=gold, plan=pro (original scale).
  static let sklearnRidge = [
    4.2280337967166925, 1.4206400099516552, -1.752411861253379, 0.26520481092741377,
    0.30086861731415737, -0.7664426153757571, 1.3332914537712688, -0.7916370478523067,
  ]
  static let sklearnLogistic = [
    -4.926777367489163, 1.0281096986194527, -0.672778497580873, 0.24657164573123627,
    -0.16601479411432563, -0.6410446065564341, -0.47096322463805557, 1.214361489416837,
  ]

  /// Trains through `ModelTrainer` with a bool split column: every row but the
  /// last trains.
  private func fitFixture(_ algorithm: String, target: String) throws -> LinearModel {
    var table = try Data.fixture("linear.csv")
    table.set("fit", Column(bools: (0..<table.rowCount).map { $0 < table.rowCount - 1 }))
    let model = try Data.train(
      algorithm, table,
      [
        Data.argument("target", Data.names(target)),
        Data.argument("features", Data.names("x1", "x2", "x3", "plan")),
        Data.argument("split", Data.names("fit")),
      ])
    guard case .linear(let linear) = model.fitted else { throw Diagnostic.error("T", "not linear") }
    return linear
  }

  @Test func ridgeMatchesScikitLearn() throws {
    let table = try Data.fixture("linear.csv")
    let frame = try FeatureFrame.extract(specs(table), from: table)
    let design = LinearDesign.fit(try specs(table), frame: frame)
    let labels = Data.doubles(try #require(table.column(named: "y")))
    let model = try LinearModel.fitRidge(design: design, frame: frame, labels: labels, alpha: 1)
    let original = model.originalCoefficients
    let ours = [original.intercept] + original.coefficients
    #expect(ours.count == Self.sklearnRidge.count)
    for (mine, theirs) in zip(ours, Self.sklearnRidge) { #expect(abs(mine - theirs) < 1e-6) }
    #expect(
      design.labels(try specs(table)) == [
        "x1", "x2", "x2 is null", "x3", "plan=basic", "plan=gold", "plan=pro",
      ])
  }

  @Test func logisticMatchesScikitLearn() throws {
    let table = try Data.fixture("linear.csv")
    let frame = try FeatureFrame.extract(specs(table), from: table)
    let design = LinearDesign.fit(try specs(table), frame: frame)
    guard case .bool(let won) = try #require(table.column(named: "won")).storage else { return }
    let model = try LinearModel.fitLogistic(
      design: design, frame: frame, labels: won.map { $0 ? 1 : 0 }, inverseStrength: 1,
      isCancelled: { false }, progress: { _ in })
    let original = model.originalCoefficients
    let ours = [original.intercept] + original.coefficients
    for (mine, theirs) in zip(ours, Self.sklearnLogistic) { #expect(abs(mine - theirs) < 1e-6) }
  }

  private func specs(_ table: Table) throws -> [FeatureSpec] {
    try ["x1", "x2", "x3", "plan"].map { name in
      FeatureSpec.infer(
        name: name, column: try #require(table.column(named: name)),
        rows: Array(0..<table.rowCount))
    }
  }

  @Test func trainerFitsLinearAndLogistic() throws {
    let ridge = try fitFixture("linear", target: "y")
    #expect(ridge.link == .identity)
    let logistic = try fitFixture("logistic", target: "won")
    #expect(logistic.link == .logistic)
  }

  @Test func unseenCategoryScoresAsAllZeros() throws {
    let table = try Data.fixture("linear.csv")
    let model = try Data.train(
      "linear", table,
      [
        Data.argument("target", Data.names("y")),
        Data.argument("features", Data.names("x1", "plan")),
      ])
    let probe = Table([
      ("x1", Column(doubles: [5, 5])), ("plan", Column(strings: ["enterprise", nil])),
    ])
    let scores = Data.doubles(try model.score(probe)[0].1)
    #expect(scores[0] == scores[1])
  }

  @Test func importanceIsAbsoluteStandardizedCoefficient() throws {
    let model = try Data.train(
      "linear", try Data.fixture("linear.csv"),
      [Data.argument("target", Data.names("y")), Data.argument("exclude", Data.names("won"))])
    #expect(model.featureImportance.first?.feature == "x1")
  }
}
