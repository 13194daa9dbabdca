import DSWCore
import Foundation

/// A one-line reading of what a cell produced, derived from its outputs:
/// "→ 1,234 rows × 5 columns", "→ AUC 0.78 on the holdout (…)".
///
/// A model's metrics are the headline whenever a cell reports them, since
/// `evaluate` follows them with charts; otherwise the last output speaks
/// for the cell, as it is what the cell ends on.
enum ResultReading {
  /// The reading of `outputs` from running `source`, or nil when there is
  /// nothing worth saying (an error says it itself).
  static func read(_ outputs: [CellOutput], source: String) -> String? {
    let shown = outputs.filter {
      if case .error = $0 { return false }
      return true
    }
    let models = shown.compactMap { output -> MetricsOutput? in
      if case .metrics(let metrics) = output, modelReading(metrics) != nil { return metrics }
      return nil
    }
    if models.count > 1, let together = aucs(models) { return "→ " + together }
    if let first = models.first, let reading = modelReading(first) { return "→ " + reading }
    let lastStatement = (try? Parser.parseProgram(source))?.statements.last?.kind
    guard let last = shown.last else {
      if case .param(let name, _) = lastStatement {
        return "→ `\(name.text)` is set; later cells use it by name"
      }
      return nil
    }
    if case .synth = lastStatement, let made = synthesized(shown, source: source) {
      return "→ made " + made
    }
    switch last {
    case .table(let table):
      if let report = tableReport(table, statement: lastStatement) { return "→ " + report }
      return "→ \(table.totalRows.counting("row")) × \(table.columns.count.counting("column"))"
    case .text(let text):
      let first = firstLine(text)
      switch lastStatement {
      case .letBinding(let name, _):
        return "→ saved as `\(name.text)`: \(dropping(name.text, from: first)); later cells "
          + "read it with `from \(name.text)`"
      default:
        return "→ " + first
      }
    case .chart(let chart):
      return "→ " + chartNoun(chart.kind) + (chart.title.isEmpty ? "" : ": " + chart.title)
    case .metrics(let metrics):
      return "→ " + firstLine(metrics.title)
    case .error:
      return nil
    }
  }

  /// AUC, RMSE or silhouette, explained; nil for other metrics.
  static func modelReading(_ metrics: MetricsOutput) -> String? {
    func value(_ name: String) -> Double? {
      metrics.metrics.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
    if let auc = value("AUC") {
      return "AUC \(decimal(auc)) on the holdout (0.5 is chance, 1.0 perfect)"
    }
    if let rmse = value("RMSE") {
      var text =
        "RMSE \(decimal(rmse)) on the holdout: the typical prediction error, in the "
        + "target's units (lower is better)"
      if let r2 = value("R²") ?? value("R2") {
        text += "; R² \(decimal(r2)) (share of the variation explained)"
      }
      return text
    }
    if let silhouette = value("silhouette") {
      return "silhouette \(decimal(silhouette)) (-1 to 1; higher means better-separated segments)"
    }
    return nil
  }

  /// "`conv` AUC 0.81 · `conv_lr` AUC 0.84 on the holdout (…)", for a cell
  /// that trains several classifiers; nil unless every one has an AUC.
  private static func aucs(_ models: [MetricsOutput]) -> String? {
    var parts: [String] = []
    for metrics in models {
      guard let auc = metrics.metrics.first(where: { $0.name == "AUC" })?.value else { return nil }
      let name = metrics.title.split(separator: ":").first.map(String.init) ?? "?"
      parts.append("`\(name)` AUC \(decimal(auc))")
    }
    return parts.joined(separator: " · ") + " on the holdout (0.5 is chance, 1.0 perfect)"
  }

  /// `first` without a leading "name: ", which the summary line starts with.
  private static func dropping(_ name: String, from first: String) -> String {
    first.hasPrefix(name + ": ") ? String(first.dropFirst(name.count + 2)) : first
  }

  private static func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
  }

  static func decimal(_ value: Double) -> String {
    value.isFinite ? String(format: "%.2f", value) : "n/a"
  }
}
