/// The `evaluate` report of a trained model, measured on its holdout rows.
public enum Evaluation {
  /// Metrics, tables and charts for `model`; `name` titles the report.
  ///
  /// A model loaded from a file keeps no holdout rows: it reports the metrics
  /// stored at training, with a note saying so.
  public static func evaluate(_ model: TrainedModel, name: String? = nil) -> [CellOutput] {
    let title = self.title(model, name: name)
    var outputs: [CellOutput] = []
    switch model.task {
    case .purchases, .spend:
      return LifetimeReport.evaluate(model, name: name)
    case .clustering:
      let total = Double(max(model.trainingRowCount, 1))
      let rows = model.clusterSizes.enumerated().map { cluster, size -> [Value] in
        [.int(Int64(cluster + 1)), .int(Int64(size)), .double(Double(size) / total)]
      }
      let sizes = TableOutput(
        columns: ["cluster", "rows", "share"], types: [.int, .int, .double], rows: rows,
        totalRows: rows.count)
      outputs.append(
        .metrics(
          MetricsOutput(
            title: title, metrics: model.metrics,
            tables: [MetricsOutput.NamedTable(name: "cluster sizes", table: sizes)])))
      return outputs
    case .binaryClassification, .regression:
      if let validation = model.crossValidation {
        outputs.append(.metrics(crossValidationReport(model, validation, title: title)))
        if model.holdout == nil {
          if let chart = importanceChart(model) { outputs.append(.chart(chart)) }
          return outputs
        }
      }
      guard let holdout = model.holdout else {
        let crossValidated =
          model.holdoutRowCount == 0 && model.parameters.contains { $0.name == "cv" }
        outputs.append(
          .text(
            "This model was loaded from a file, which keeps no holdout rows: "
              + (crossValidated
                ? "the metrics are the means over the folds of its cross-validation."
                : "the metrics are those measured on the holdout at training.")))
        outputs.append(
          .metrics(
            MetricsOutput(title: title, metrics: model.metrics, tables: coefficientTables(model))))
        if let chart = importanceChart(model) { outputs.append(.chart(chart)) }
        return outputs
      }
      if model.task == .binaryClassification {
        outputs += classification(model, holdout: holdout, title: title)
      } else {
        outputs += regression(model, holdout: holdout, title: title)
      }
      if let contributions = contributionImportance(model, holdout: holdout) {
        outputs += contributions
      } else if let chart = importanceChart(model) {
        outputs.append(.chart(chart))
      }
      return outputs
    }
  }

  /// The stored metrics of a supervised model, headline first.
  static func headlineMetrics(_ model: TrainedModel) -> [MetricsOutput.Metric] {
    guard let holdout = model.holdout else { return [] }
    if model.task == .binaryClassification {
      let labels = holdout.labels.map { $0 == 1 }
      let confusion = Metrics.Confusion(
        scores: holdout.scores, labels: labels, threshold: model.baseRate ?? 0.5)
      return [
        .init(name: "AUC", value: Metrics.auc(scores: holdout.scores, labels: labels)),
        .init(
          name: "log loss", value: Metrics.logLoss(probabilities: holdout.scores, labels: labels)),
        .init(name: "accuracy", value: confusion.accuracy),
        .init(name: "precision", value: confusion.precision),
        .init(name: "recall", value: confusion.recall),
        .init(name: "F1", value: confusion.f1),
      ]
    }
    let predicted = holdout.scores
    let actual = holdout.labels
    return [
      .init(name: "RMSE", value: Metrics.rmse(predicted: predicted, actual: actual)),
      .init(name: "MAE", value: Metrics.mae(predicted: predicted, actual: actual)),
      .init(name: "R²", value: Metrics.r2(predicted: predicted, actual: actual)),
      .init(name: "MAPE %", value: Metrics.mape(predicted: predicted, actual: actual)),
    ]
  }

  /// The metrics over the folds of `cv:`: the means, then one row per fold
  /// with the mean and standard deviation below. Without a holdout, linear
  /// models' coefficients follow.
  private static func crossValidationReport(
    _ model: TrainedModel, _ validation: CrossValidationSummary, title: String
  ) -> MetricsOutput {
    let stratified = model.task == .binaryClassification ? "stratified " : ""
    var tables = [
      MetricsOutput.NamedTable(
        name: "\(validation.foldCount) \(stratified)folds (seed \(validation.seed))",
        table: validation.foldTable)
    ]
    if model.holdout == nil { tables += coefficientTables(model) }
    return MetricsOutput(
      title: model.holdout == nil ? title : "cross-validation on the training rows",
      metrics: validation.meanMetrics, tables: tables)
  }

  private static func title(_ model: TrainedModel, name: String?) -> String {
    var parts = [
      "\(name.map { "\($0): " } ?? "")\(model.algorithm.rawValue), \(model.task.rawValue)"
    ]
    if let target = model.target {
      if let positive = model.positiveClass {
        parts.append("target \(target) (positive: \(LearnDiagnostics.render(positive)))")
      } else {
        parts.append("target \(target)")
      }
    }
    if model.task == .clustering {
      parts.append("\(model.trainingRowCount) rows")
    } else if let validation = model.crossValidation, model.holdoutRowCount == 0 {
      parts.append(
        "\(model.trainingRowCount) training rows, \(validation.foldCount)-fold cross-validation")
    } else {
      parts.append("\(model.trainingRowCount) training rows, \(model.holdoutRowCount) holdout rows")
    }
    return parts.joined(separator: "; ")
  }

  private static func classification(
    _ model: TrainedModel, holdout: Holdout, title: String
  ) -> [CellOutput] {
    let labels = holdout.labels.map { $0 == 1 }
    let scores = holdout.scores
    let threshold = model.baseRate ?? 0.5
    let confusion = Metrics.Confusion(scores: scores, labels: labels, threshold: threshold)
    let positiveName = model.positiveClass.map(LearnDiagnostics.render) ?? "positive"
    let negativeName = model.negativeClass.map(LearnDiagnostics.render) ?? "negative"
    let confusionTable = TableOutput(
      columns: ["actual", "predicted \(positiveName)", "predicted \(negativeName)"],
      types: [.string, .int, .int],
      rows: [
        [
          .string(positiveName), .int(Int64(confusion.truePositives)),
          .int(Int64(confusion.falseNegatives)),
        ],
        [
          .string(negativeName), .int(Int64(confusion.falsePositives)),
          .int(Int64(confusion.trueNegatives)),
        ],
      ], totalRows: 2)
    var metrics = model.metrics
    metrics.append(.init(name: "threshold", value: threshold))
    let tables =
      [
        MetricsOutput.NamedTable(name: "confusion matrix", table: confusionTable),
        MetricsOutput.NamedTable(name: "lift by decile", table: liftTable(scores, labels)),
        MetricsOutput.NamedTable(name: "calibration", table: calibrationTable(scores, labels)),
      ] + coefficientTables(model)
    let roc = Metrics.rocCurve(scores: scores, labels: labels)
    let keep = thin(roc.falsePositiveRate.count, to: 201)
    let chart = ChartOutput(
      kind: .line, title: "ROC curve (AUC \(formatted(model.headline?.value ?? .nan)))",
      xLabel: "false positive rate", yLabel: "true positive rate",
      x: keep.map { roc.falsePositiveRate[$0] }, y: keep.map { roc.truePositiveRate[$0] })
    return [.metrics(MetricsOutput(title: title, metrics: metrics, tables: tables)), .chart(chart)]
  }

  private static func regression(
    _ model: TrainedModel, holdout: Holdout, title: String
  ) -> [CellOutput] {
    let keep = thin(holdout.scores.count, to: 2000)
    let chart = ChartOutput(
      kind: .scatter, title: "predicted vs actual (holdout)", xLabel: "predicted",
      yLabel: "actual", x: keep.map { holdout.scores[$0] }, y: keep.map { holdout.labels[$0] })
    return [
      .metrics(
        MetricsOutput(title: title, metrics: model.metrics, tables: coefficientTables(model))),
      .chart(chart),
    ]
  }

  /// Per decile of score (1 = highest): rows, positives, rate, lift over the
  /// overall rate, and the cumulative share of all positives captured.
  static func liftTable(_ scores: [Double], _ labels: [Bool]) -> TableOutput {
    let deciles = Metrics.deciles(scores)
    var rows = [Int](repeating: 0, count: 10)
    var positives = [Int](repeating: 0, count: 10)
    for (decile, label) in zip(deciles, labels) {
      rows[Int(decile) - 1] += 1
      if label { positives[Int(decile) - 1] += 1 }
    }
    let totalPositives = positives.reduce(0, +)
    let overall = Double(totalPositives) / Double(max(labels.count, 1))
    var cumulative = 0
    var output: [[Value]] = []
    for decile in 0..<10 where rows[decile] > 0 {
      cumulative += positives[decile]
      let rate = Double(positives[decile]) / Double(rows[decile])
      output.append([
        .int(Int64(decile + 1)), .int(Int64(rows[decile])), .int(Int64(positives[decile])),
        .double(rate), overall > 0 ? .double(rate / overall) : .null,
        totalPositives > 0 ? .double(Double(cumulative) / Double(totalPositives)) : .null,
      ])
    }
    return TableOutput(
      columns: ["decile", "rows", "positives", "rate", "lift", "cumulative gain"],
      types: [.int, .int, .int, .double, .double, .double], rows: output, totalRows: output.count)
  }

  /// Ten equal-width bins of predicted probability: rows, mean score, observed rate.
  static func calibrationTable(_ scores: [Double], _ labels: [Bool]) -> TableOutput {
    var rows = [Int](repeating: 0, count: 10)
    var scoreSums = [Double](repeating: 0, count: 10)
    var positives = [Int](repeating: 0, count: 10)
    for (score, label) in zip(scores, labels) where score.isFinite {
      let bin = min(max(Int(score * 10), 0), 9)
      rows[bin] += 1
      scoreSums[bin] += score
      if label { positives[bin] += 1 }
    }
    let output = (0..<10).map { bin -> [Value] in
      let label = "\(formatted(Double(bin) / 10))–\(formatted(Double(bin + 1) / 10))"
      guard rows[bin] > 0 else { return [.string(label), .int(0), .null, .null] }
      return [
        .string(label), .int(Int64(rows[bin])), .double(scoreSums[bin] / Double(rows[bin])),
        .double(Double(positives[bin]) / Double(rows[bin])),
      ]
    }
    return TableOutput(
      columns: ["score bin", "rows", "mean score", "observed rate"],
      types: [.string, .int, .double, .double], rows: output, totalRows: 10)
  }

  /// Linear models: the intercept and each term's coefficient, in the input's
  /// units and standardized.
  private static func coefficientTables(_ model: TrainedModel) -> [MetricsOutput.NamedTable] {
    guard case .linear(let linear) = model.fitted else { return [] }
    let original = linear.originalCoefficients
    var rows: [[Value]] = [[.string("(intercept)"), .double(original.intercept), .null]]
    for (index, label) in linear.design.labels(model.features).enumerated() {
      rows.append([
        .string(label), .double(original.coefficients[index]), .double(linear.coefficients[index]),
      ])
    }
    let table = TableOutput(
      columns: ["term", "coefficient", "standardized"], types: [.string, .double, .double],
      rows: rows, totalRows: rows.count)
    return [MetricsOutput.NamedTable(name: "coefficients", table: table)]
  }

  private static func importanceChart(_ model: TrainedModel) -> ChartOutput? {
    guard !model.featureImportance.isEmpty else { return nil }
    let top = model.featureImportance.prefix(20)
    let measure = model.algorithm == .gbt ? "share of split gain" : "|standardized coefficient|"
    return ChartOutput(
      kind: .bar, title: "feature importance", xLabel: "feature", yLabel: measure,
      labels: top.map(\.feature), y: top.map(\.importance))
  }

  /// gbt: mean |TreeSHAP contribution| per feature on the holdout rows, as a
  /// chart, then a table of it beside the share of split gain. Nil for other
  /// models, or when the contributions cannot be computed.
  private static func contributionImportance(
    _ model: TrainedModel, holdout: Holdout
  ) -> [CellOutput]? {
    guard model.algorithm == .gbt, let frame = holdout.frame,
      let contributions = try? model.contributions(frame, modelName: "", at: nil)
    else { return nil }
    let importance = contributions.meanAbsolute
    let ranked = ExplainReport.ranking(importance)
    let gain = Dictionary(
      model.featureImportance.map { ($0.feature, $0.importance) }, uniquingKeysWith: { a, _ in a })
    let names = model.features.map(\.name)
    let top = ranked.prefix(ExplainReport.importanceBars)
    let chart = ChartOutput(
      kind: .bar, title: "feature importance (mean |contribution| on the holdout)",
      xLabel: "feature", yLabel: "mean |contribution|", labels: top.map { names[$0] },
      y: top.map { importance[$0] })
    let rows = ranked.map { index -> [Value] in
      [
        .string(names[index]), .double(importance[index]),
        gain[names[index]].map(Value.double) ?? .null,
      ]
    }
    let table = TableOutput(
      columns: ["feature", "mean |contribution|", "gain share"],
      types: [.string, .double, .double],
      rows: rows, totalRows: rows.count)
    return [.chart(chart), .table(table)]
  }

  /// At most `limit` indices of `0..<count`, evenly spread, first and last kept.
  static func thin(_ count: Int, to limit: Int) -> [Int] {
    guard count > limit, limit >= 2 else { return Array(0..<count) }
    return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
  }

  private static func formatted(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    let rounded = (value * 1000).rounded() / 1000
    return String(rounded)
  }
}
