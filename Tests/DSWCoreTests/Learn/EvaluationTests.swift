import Testing

@testable import DSWCore

@Suite struct EvaluationTests {
  typealias Data = LearnTestData

  @Test func classificationReportsMetricsTablesAndCharts() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 2000, seed: 51), [Data.argument("target", Data.names("label"))])
    let outputs = Evaluation.evaluate(model, name: "conv")
    #expect(outputs.count == 4)
    // gbt leads its importance with TreeSHAP contributions; gain follows in the table.
    guard case .metrics(let metrics) = outputs[0], case .chart(let roc) = outputs[1],
      case .chart(let importance) = outputs[2], case .table(let gain) = outputs[3]
    else {
      Issue.record("unexpected outputs \(outputs)")
      return
    }
    #expect(
      metrics.title
        == "conv: gbt, binary classification; target label (positive: true); "
        + "1600 training rows, 400 holdout rows")
    #expect(
      metrics.metrics.map(\.name)
        == ["AUC", "log loss", "accuracy", "precision", "recall", "F1", "threshold"])
    #expect(metrics.tables.map(\.name) == ["confusion matrix", "lift by decile", "calibration"])
    let confusion = metrics.tables[0].table
    #expect(confusion.columns == ["actual", "predicted true", "predicted false"])
    let counts = confusion.rows.flatMap { $0[1...] }.compactMap { value -> Int64? in
      if case .int(let count) = value { return count } else { return nil }
    }
    #expect(counts.reduce(0, +) == 400)
    let lift = metrics.tables[1].table
    #expect(lift.totalRows == 10)
    #expect(lift.rows.last?.last == .double(1))  // every positive is captured by decile 10
    #expect(metrics.tables[2].table.totalRows == 10)
    #expect(roc.kind == .line && roc.x.first == 0 && roc.y.last == 1)
    #expect(importance.kind == .bar && importance.labels.count == 3)
    #expect(importance.title == "feature importance (mean |contribution| on the holdout)")
    #expect(gain.columns == ["feature", "mean |contribution|", "gain share"])
    #expect(gain.rows.map { $0[0] } == importance.labels.map(Value.string))
  }

  @Test func regressionReportsErrorsAndAScatter() throws {
    let model = try Data.train(
      "linear", Data.regression(rows: 500, seed: 52), [Data.argument("target", Data.names("y"))])
    let outputs = Evaluation.evaluate(model)
    guard case .metrics(let metrics) = outputs[0], case .chart(let scatter) = outputs[1] else {
      Issue.record("unexpected outputs \(outputs)")
      return
    }
    #expect(metrics.metrics.map(\.name) == ["RMSE", "MAE", "R²", "MAPE %"])
    #expect(metrics.tables.map(\.name) == ["coefficients"])
    #expect(metrics.tables[0].table.rows.first?.first == .string("(intercept)"))
    #expect(scatter.kind == .scatter && scatter.x.count == 100)
  }

  @Test func liftTableOfAKnownRanking() {
    let scores = (0..<20).map { Double(20 - $0) }
    let labels = (0..<20).map { $0 < 4 }
    let table = Evaluation.liftTable(scores, labels)
    #expect(table.rows[0] == [.int(1), .int(2), .int(2), .double(1), .double(5), .double(0.5)])
    #expect(table.rows[1][5] == .double(1))
  }
}
