import Testing

@testable import DSWCore

/// `cv: k`: stratified seeded folds, metrics as mean ± sd, the final fit on
/// every training row.
@Suite struct CrossValidationTests {
  typealias Data = LearnTestData

  private static let table = Data.xor(rows: 600, seed: 3)
  private let target = Data.argument("target", Data.names("label"))

  @Test func foldsPartitionTheRowsAndKeepTheBaseRate() {
    var strata: [Double] = []
    for row in 0..<103 { strata.append(row % 5 == 0 ? 1 : 0) }
    let split = FoldSplit.stratified(rows: Array(0..<103), strata: strata, count: 4, seed: 9)
    #expect(split.folds.count == 4)
    #expect(split.folds.flatMap { $0 }.sorted() == Array(0..<103))
    let positives = split.folds.map { fold in fold.filter { strata[$0] == 1 }.count }
    let sizes = split.folds.map(\.count)
    #expect(positives.max()! - positives.min()! <= 1)
    #expect(sizes.max()! - sizes.min()! <= 1)
    #expect(
      split.training(excluding: 2)
        == split.folds.enumerated().filter { $0.offset != 2 }
        .flatMap(\.element).sorted())
  }

  @Test func foldsDependOnlyOnTheSeed() {
    let strata = (0..<50).map { Double($0 % 3 == 0 ? 1 : 0) }
    let first = FoldSplit.stratified(rows: Array(0..<50), strata: strata, count: 5, seed: 1)
    let again = FoldSplit.stratified(rows: Array(0..<50), strata: strata, count: 5, seed: 1)
    let other = FoldSplit.stratified(rows: Array(0..<50), strata: strata, count: 5, seed: 2)
    #expect(first == again)
    #expect(first != other)
  }

  @Test func crossValidationReportsFoldsAndFitsOnEveryRow() throws {
    let model = try Data.train(
      "gbt", Self.table,
      [
        target, Data.argument("cv", Data.integer(5)),
        Data.argument("trees", Data.integer(20)),
      ])
    let cv = try #require(model.crossValidation)
    #expect(cv.foldCount == 5)
    #expect(cv.foldRows.reduce(0, +) == 600)
    #expect(model.trainingRowCount == 600)
    #expect(model.holdoutRowCount == 0)
    #expect(cv.names.first == "AUC")
    let aucs = cv.foldMetrics.map { $0[0].value }
    let mean = aucs.reduce(0, +) / 5
    #expect(abs(model.metrics[0].value - mean) < 1e-12)
    let sd = (aucs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
    #expect(abs(cv.standardDeviations[0] - sd) < 1e-12)
    #expect(mean > 0.8)
    #expect(model.parameters.contains(ModelParameter(name: "cv", value: .int(5))))
    #expect(!model.parameters.contains { $0.name == "split" })
  }

  @Test func crossValidationIsDeterministicForASeed() throws {
    let arguments = [
      target, Data.argument("cv", Data.integer(3)), Data.argument("trees", Data.integer(10)),
      Data.argument("seed", Data.integer(11)),
    ]
    let first = try Data.train("gbt", Self.table, arguments)
    let again = try Data.train("gbt", Self.table, arguments)
    #expect(first.crossValidation == again.crossValidation)
    #expect(first.fitted == again.fitted)
  }

  @Test func splitWithCrossValidationKeepsAHoldout() throws {
    let model = try Data.train(
      "logistic", Self.table,
      [target, Data.argument("cv", Data.integer(4)), Data.argument("split", Data.number(0.75))])
    #expect((148...152).contains(model.holdoutRowCount))
    #expect(model.crossValidation?.foldRows.reduce(0, +) == 600 - model.holdoutRowCount)
    #expect(model.holdout != nil)
  }

  @Test func regressionFoldsAreNotStratified() throws {
    let model = try Data.train(
      "linear", Data.regression(rows: 100, seed: 1),
      [Data.argument("target", Data.names("y")), Data.argument("cv", Data.integer(4))])
    #expect(model.crossValidation?.names == ["RMSE", "MAE", "R²", "MAPE %"])
    #expect(model.crossValidation?.foldRows == [25, 25, 25, 25])
  }

  @Test func earlyStoppingFitsTheFinalModelWithTheFoldsMeanTreeCount() throws {
    let model = try Data.train(
      "gbt", Self.table,
      [
        target, Data.argument("cv", Data.integer(3)), Data.argument("trees", Data.integer(300)),
        Data.argument("early_stopping", Data.integer(5)),
      ])
    let cv = try #require(model.crossValidation)
    let trees = try #require(cv.meanTreeCount)
    guard case .gbt(let ensemble) = model.fitted else {
      Issue.record("not a gbt")
      return
    }
    #expect(ensemble.trees.count == trees)
    #expect(trees < 300)
  }

  @Test func tooFewRowsOfAClassForTheFolds() {
    var labels = [Bool](repeating: false, count: 40)
    labels[3] = true
    labels[17] = true
    let table = Table([
      ("x", Column(doubles: (0..<40).map(Double.init))), ("label", Column(bools: labels)),
    ])
    #expect {
      _ = try Data.train("logistic", table, [target, Data.argument("cv", Data.integer(5))])
    } throws: { error in
      let diagnostic = error as? Diagnostic
      return diagnostic?.code == "M070"
        && diagnostic?.message
          == "too few rows for cv: 5: each class of `label` needs at least 5 rows; "
          + "the smaller class has 2"
    }
  }

  @Test func cvIsAWholeNumberOfFoldsAndNotForKMeans() {
    #expect {
      _ = try Data.train("gbt", Self.table, [target, Data.argument("cv", Data.integer(1))])
    } throws: { error in
      (error as? Diagnostic)?.message == "`cv` must be a whole number of folds from 2 to 50"
    }
    #expect {
      _ = try Data.train(
        "kmeans", Self.table,
        [Data.argument("k", Data.integer(2)), Data.argument("cv", Data.integer(3))])
    } throws: { error in
      (error as? Diagnostic)?.message
        == "kmeans takes no `cv:`: clustering has no target to validate"
    }
  }

  @Test func evaluateShowsTheFoldTable() throws {
    let model = try Data.train(
      "gbt", Self.table,
      [
        target, Data.argument("cv", Data.integer(3)),
        Data.argument("trees", Data.integer(5)),
      ])
    let outputs = Evaluation.evaluate(model, name: "m")
    guard case .metrics(let report) = outputs.first else {
      Issue.record("no metrics")
      return
    }
    #expect(
      report.title
        == "m: gbt, binary classification; target label (positive: true); "
        + "600 training rows, 3-fold cross-validation")
    #expect(report.tables.first?.name == "3 stratified folds (seed 42)")
    let folds = try #require(report.tables.first?.table)
    #expect(
      folds.columns == ["fold", "rows", "AUC", "log loss", "accuracy", "precision", "recall", "F1"])
    #expect(
      folds.rows.map { $0[0] } == [
        .string("1"), .string("2"), .string("3"), .string("mean"), .string("sd"),
      ])
  }
}
