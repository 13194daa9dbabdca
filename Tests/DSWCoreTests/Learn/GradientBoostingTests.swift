import Foundation
import Testing

@testable import DSWCore

@Suite struct GradientBoostingTests {
  typealias Data = LearnTestData

  @Test func learnsXor() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 4000, seed: 1), [Data.argument("target", Data.names("label"))])
    #expect(model.task == .binaryClassification)
    #expect(model.positiveClass == .bool(true))
    let auc = try #require(model.headline)
    #expect(auc.name == "AUC")
    #expect(auc.value > 0.97)
    #expect(model.trainingRowCount == 3200 && model.holdoutRowCount == 800)
    // The two informative features carry nearly all the gain.
    let top = Set(model.featureImportance.prefix(2).map(\.feature))
    #expect(top == ["a", "b"])
  }

  @Test func learnsARegressionWithAStringFeature() throws {
    let model = try Data.train(
      "gbt", Data.regression(rows: 4000, seed: 2),
      [Data.argument("target", Data.names("y")), Data.argument("trees", Data.integer(200))])
    #expect(model.task == .regression)
    #expect(model.features.map(\.encoding) == [.numeric, .numeric, .categorical(["hi", "lo"])])
    let r2 = try #require(model.metrics.first { $0.name == "R²" })
    #expect(r2.value > 0.97)
    #expect(try #require(model.headline).name == "RMSE")
  }

  @Test func learnsWhereMissingValuesGo() throws {
    let table = Data.missingSignal(rows: 3000, seed: 3)
    let model = try Data.train("gbt", table, [Data.argument("target", Data.names("label"))])
    #expect(try #require(model.headline).value > 0.85)
    let probe = Table([
      ("recency", Column(doubles: [0, 50], validity: Bitmap([false, true])))
    ])
    let scored = try model.score(probe)
    let scores = Data.doubles(scored[0].1)
    #expect(scores[0] > 0.8)
    #expect(scores[1] < 0.2)
  }

  @Test func isDeterministicForASeed() throws {
    let table = Data.xor(rows: 2000, seed: 4)
    let arguments = [
      Data.argument("target", Data.names("label")), Data.argument("seed", Data.integer(9)),
    ]
    let first = try Data.train("gbt", table, arguments)
    let second = try Data.train("gbt", table, arguments)
    #expect(first.fitted == second.fitted)
    #expect(first.holdout == second.holdout)
    let other = try Data.train(
      "gbt", table,
      [Data.argument("target", Data.names("label")), Data.argument("seed", Data.integer(10))])
    #expect(other.holdout?.rows != first.holdout?.rows)
  }

  @Test func scoresAddScoreAndDecile() throws {
    let table = Data.xor(rows: 1000, seed: 5)
    let model = try Data.train("gbt", table, [Data.argument("target", Data.names("label"))])
    let scored = try model.score(table)
    #expect(scored.map(\.0) == ["score", "decile"])
    #expect(scored[0].1.count == 1000)
    guard case .int(let deciles) = scored[1].1.storage else {
      Issue.record("decile is not an int column")
      return
    }
    #expect(Set(deciles) == Set(1...10))
    #expect(deciles.filter { $0 == 1 }.count == 100)
  }

  @Test func earlyStoppingKeepsTheBestTrees() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 2000, seed: 6),
      [
        Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(500)),
        Data.argument("early_stopping", Data.integer(5)),
        Data.argument("learning_rate", Data.number(0.3)),
      ])
    guard case .gbt(let boosted) = model.fitted else {
      Issue.record("not a gbt model")
      return
    }
    #expect(boosted.trees.count < 500)
    #expect(try #require(model.headline).value > 0.95)
  }

  @Test func depthLimitsTrees() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 2000, seed: 7),
      [Data.argument("target", Data.names("label")), Data.argument("depth", Data.integer(2))])
    guard case .gbt(let boosted) = model.fitted else { return }
    #expect(boosted.trees.allSatisfy { $0.leafValues.count <= 4 })
    #expect(model.parameters.contains(ModelParameter(name: "leaves", value: .int(4))))
  }

  @Test func reportsProgressAndStopsWhenCancelled() throws {
    let table = Data.xor(rows: 500, seed: 8)
    var fractions: [Double] = []
    _ = try ModelTrainer.train(
      algorithm: "gbt", table: table,
      arguments: [
        Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(10)),
      ], progress: { fractions.append($0) })
    #expect(fractions.count == 10)
    #expect(fractions.last == 1)
    let error = #expect(throws: Diagnostic.self) {
      try ModelTrainer.train(
        algorithm: "gbt", table: table,
        arguments: [Data.argument("target", Data.names("label"))], isCancelled: { true })
    }
    #expect(error?.code == "X001")
    #expect(error?.message == "interrupted")
  }

  @Test func binsHoldDistinctValuesOrQuantiles() {
    let few = BinMapper.numeric([3, 1, 2, 2, .nan, 3], maxBins: 255)
    #expect(few.kind == .numeric(upperBounds: [1.5, 2.5]))
    #expect(few.codes(of: .numeric([1, 2, 3, .nan, 100, -5])) == [0, 1, 2, 3, 2, 0])
    let many = BinMapper.numeric((0..<1000).map(Double.init), maxBins: 10)
    #expect(many.valueBinCount == 10)
    let codes = many.codes(of: .numeric((0..<1000).map(Double.init)))
    for bin in 0..<10 { #expect(codes.filter { $0 == UInt8(bin) }.count == 100) }
  }
}
