import Foundation

/// The `explain MODEL` report: how much each feature moves the model's
/// scores, and how one feature's contribution depends on its value.
enum ExplainReport {
  /// Points drawn in a dependence chart at most.
  static let dependencePoints = 2000
  /// Bars drawn in the importance chart at most.
  static let importanceBars = 20

  /// - Parameters:
  ///   - rows: what the rows are, for the report's first line ("4,000 holdout rows").
  ///   - feature: the feature of the dependence chart; nil means the most important.
  static func report(
    _ model: TrainedModel, name: String, contributions: Contributions, frame: FeatureFrame,
    rows: String, feature: String?, featureSpan: SourceSpan?
  ) throws(Diagnostic) -> [CellOutput] {
    let names = model.features.map(\.name)
    let chosen: Int
    let importance = contributions.meanAbsolute
    let ranked = ranking(importance)
    if let feature {
      guard let index = names.firstIndex(of: feature) else {
        throw ExplainDiagnostics.unknownFeature(
          feature, model: name, features: names, at: featureSpan)
      }
      chosen = index
    } else {
      chosen = ranked.first ?? 0
    }
    var outputs: [CellOutput] = [.text(summary(model, name: name, contributions, rows: rows))]
    let top = ranked.prefix(importanceBars)
    outputs.append(
      .chart(
        ChartOutput(
          kind: .bar, title: "mean |contribution| per feature", xLabel: "feature",
          yLabel: "mean |contribution|", labels: top.map { names[$0] },
          y: top.map { importance[$0] })))
    outputs.append(.chart(dependence(model, feature: chosen, contributions, frame)))
    return outputs
  }

  /// Feature indices by mean |contribution|, largest first (ties in feature order).
  static func ranking(_ importance: [Double]) -> [Int] {
    importance.indices.sorted {
      importance[$0] > importance[$1] || (importance[$0] == importance[$1] && $0 < $1)
    }
  }

  private static func summary(
    _ model: TrainedModel, name: String, _ contributions: Contributions, rows: String
  ) -> String {
    let scale: String
    var base = "base value \(format(contributions.baseValue))"
    switch model.task {
    case .binaryClassification:
      let positive = model.positiveClass.map(LearnDiagnostics.render) ?? "positive"
      scale = "the log-odds of \(model.target ?? "the target") = \(positive)"
      base += " (probability \(format(GradientBoostedTrees.sigmoid(contributions.baseValue))))"
    default:
      scale = "the predicted \(model.target ?? "value")"
    }
    let method = model.algorithm == .gbt ? "TreeSHAP" : "exact linear"
    return
      "\(name): \(method) contributions to \(scale), on \(rows); \(base). "
      + "A row's contributions plus the base value make its score."
  }

  /// A scatter of a numeric feature's value against its contribution, or the
  /// mean contribution of each category of a string feature.
  private static func dependence(
    _ model: TrainedModel, feature: Int, _ contributions: Contributions, _ frame: FeatureFrame
  ) -> ChartOutput {
    let spec = model.features[feature]
    let title = "dependence: \(spec.name)"
    switch (frame.values[feature], spec.encoding) {
    case (.categorical(let codes), .categorical(let categories)):
      var sums = [Double](repeating: 0, count: categories.count + 1)
      var counts = [Int](repeating: 0, count: categories.count + 1)
      for row in 0..<contributions.rowCount {
        let code = Int(codes[row])
        let slot = code >= 0 && code < categories.count ? code : categories.count
        sums[slot] += contributions.value(row: row, feature: feature)
        counts[slot] += 1
      }
      let slots = sums.indices.filter { counts[$0] > 0 }
      return ChartOutput(
        kind: .bar, title: title, xLabel: spec.name, yLabel: "mean contribution",
        labels: slots.map { $0 < categories.count ? categories[$0] : "(missing or other)" },
        y: slots.map { sums[$0] / Double(counts[$0]) })
    case (.numeric(let values), _):
      let present = values.indices.filter { values[$0].isFinite }
      let keep = Evaluation.thin(present.count, to: dependencePoints).map { present[$0] }
      let temporal = spec.type == .date || spec.type == .timestamp
      let microsPerDay = Double(CivilTime.microsPerDay)
      return ChartOutput(
        kind: .scatter, title: title, xLabel: spec.name, yLabel: "contribution",
        x: keep.map { temporal ? values[$0] * microsPerDay : values[$0] },
        y: keep.map { contributions.value(row: $0, feature: feature) }, xTemporal: temporal)
    default:
      return ChartOutput(
        kind: .scatter, title: title, xLabel: spec.name, yLabel: "contribution", y: [])
    }
  }

  static func format(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    return String(format: "%.4g", value)
  }
}
