import DSWCore
import Foundation

/// Plain words for every number `evaluate` prints, read from its outputs:
/// the metrics, the confusion matrix, the lift table, the calibration table,
/// the ROC curve and the feature importance.
///
/// The first evaluation of a walk is explained in full, number by number;
/// later ones are read in a sentence, with the calibration gap always named,
/// since that is what tells whether scores can be read as probabilities.
enum EvaluationReading {
  /// What the holdout held: the target, its positive class, and the counts
  /// behind the threshold metrics, from the confusion matrix.
  struct Counts {
    var truePositives: Int
    var falseNegatives: Int
    var falsePositives: Int
    var trueNegatives: Int

    var positives: Int { truePositives + falseNegatives }
    var flagged: Int { truePositives + falsePositives }
    var total: Int { positives + falsePositives + trueNegatives }
  }

  /// Sentences for one `evaluate` output and the charts after it.
  static func explain(_ metrics: MetricsOutput, charts: [ChartOutput], full: Bool) -> [String] {
    let reading = Reading(metrics: metrics)
    if reading.value("AUC") != nil {
      return full
        ? reading.classification(charts: charts) : [reading.classificationSummary()]
    }
    if reading.value("RMSE") != nil { return reading.regression(full: full, charts: charts) }
    if reading.value("silhouette") != nil { return reading.clustering() }
    return []
  }

  /// One model's metrics, with lookups by name.
  struct Reading {
    var metrics: MetricsOutput

    func value(_ name: String) -> Double? {
      metrics.metrics.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func table(_ name: String) -> TableOutput? {
      metrics.tables.first { $0.name == name }?.table
    }

    /// "the model `conv`" from a title "conv: gbt, …".
    var modelName: String {
      String(metrics.title.split(separator: ":").first ?? "the model")
    }

    /// `(converted, true)` from "target converted (positive: true)".
    var target: (name: String, positive: String)? {
      guard
        let range = metrics.title.range(
          of: #"target (\S+) \(positive: ([^)]*)\)"#, options: .regularExpression)
      else { return nil }
      let words = metrics.title[range].dropFirst("target ".count)
      guard let open = words.firstIndex(of: " ") else { return nil }
      let name = String(words[..<open])
      let positive = String(words[open...].dropFirst(" (positive: ".count).dropLast())
      return (name, positive)
    }

    /// "`converted` = true", the positive class in words.
    var positiveWords: String {
      guard let target else { return "a positive" }
      return "`\(target.name) = \(target.positive)`"
    }

    var counts: Counts? {
      guard let matrix = table("confusion matrix"), matrix.rows.count == 2 else { return nil }
      func cell(_ row: Int, _ column: Int) -> Int? {
        guard matrix.rows[row].indices.contains(column),
          case .int(let number) = matrix.rows[row][column]
        else { return nil }
        return Int(number)
      }
      guard let tp = cell(0, 1), let fn = cell(0, 2), let fp = cell(1, 1), let tn = cell(1, 2)
      else { return nil }
      return Counts(truePositives: tp, falseNegatives: fn, falsePositives: fp, trueNegatives: tn)
    }

    // MARK: Classification

    func classification(charts: [ChartOutput]) -> [String] {
      var lines: [String] = []
      if let auc = value("AUC") {
        lines.append(
          "**AUC \(fixed(auc, 2))**: take one holdout row with \(positiveWords) and one without; "
            + "\(percent(auc)) of the time the model scores the first one higher. 0.5 is a coin "
            + "toss, 1.0 a perfect ranking.")
      }
      let threshold = value("threshold")
      if let logLoss = value("log loss") {
        var text =
          "**log loss \(fixed(logLoss, 3))**: the average penalty per row, large when the model "
          + "is confident and wrong; lower is better."
        if let rate = threshold, rate > 0, rate < 1 {
          let guess = -(rate * Foundation.log(rate) + (1 - rate) * Foundation.log(1 - rate))
          text +=
            " Always predicting the base rate would score \(fixed(guess, 3)), so this model "
            + (logLoss < guess ? "beats a blind guess." : "does no better than a blind guess.")
        }
        lines.append(text)
      }
      if let threshold {
        lines.append(
          "**threshold \(significant(threshold))**: the next four numbers call a row positive "
            + "when its score is at least this. It is the **base rate**: the share of training "
            + "rows with \(positiveWords) (\(percent(threshold, digits: 1))), so a row above it is "
            + "more likely than average.")
      }
      let counts = self.counts
      if let accuracy = value("accuracy") {
        var text =
          "**accuracy \(fixed(accuracy, 2))**: \(percent(accuracy)) of holdout rows are called right."
        if let counts, counts.total > 0 {
          let negatives = Double(counts.total - counts.positives) / Double(counts.total)
          if negatives > 0.8 {
            text +=
              " With so few positives, calling every row negative would already score "
              + "\(percent(negatives)), so accuracy says little here."
          }
        }
        lines.append(text)
      }
      if let precision = value("precision") {
        var text = "**precision \(fixed(precision, 2))**: of the rows the model called positive"
        if let counts {
          text +=
            " (\(counts.flagged.formatted)), \(counts.truePositives.formatted) really were"
        }
        text += ", \(percent(precision))."
        if let threshold, threshold < 0.3 {
          text += " A threshold this low casts a wide net: many false alarms, few misses."
        }
        lines.append(text)
      }
      if let recall = value("recall") {
        var text = "**recall \(fixed(recall, 2))**: of the rows with \(positiveWords)"
        if let counts {
          text +=
            " (\(counts.positives.formatted)), the model caught \(counts.truePositives.formatted)"
        }
        lines.append(text + ", \(percent(recall)).")
      }
      if let f1 = value("F1") {
        lines.append(
          "**F1 \(fixed(f1, 2))**: the harmonic mean of precision and recall, high only when "
            + "both are.")
      }
      if let counts {
        lines.append(
          "**The confusion matrix** counts holdout rows by truth (rows) and prediction (columns): "
            + "\(counts.truePositives.formatted) positives caught, \(counts.falseNegatives.formatted) "
            + "missed, \(counts.falsePositives.formatted) false alarms and "
            + "\(counts.trueNegatives.formatted) negatives rightly left alone.")
      }
      if let lift = liftSentence() { lines.append(lift) }
      if let calibration = calibrationSentence(full: true) { lines.append(calibration) }
      lines += chartSentences(charts)
      if table("coefficients") != nil {
        lines.append(
          "**Coefficients**: each term's effect on the log-odds of a positive, per unit "
            + "(`standardized`: per standard deviation, comparable across features). Positive "
            + "raises the score. `X is null` terms are the missing-value indicators, and "
            + "`column=value` terms the one-hot categories.")
      }
      return lines
    }

    func classificationSummary() -> String {
      var parts: [String] = []
      if let auc = value("AUC") { parts.append("AUC \(fixed(auc, 2))") }
      if let logLoss = value("log loss") { parts.append("log loss \(fixed(logLoss, 3))") }
      if let precision = value("precision"), let recall = value("recall"),
        let threshold = value("threshold")
      {
        parts.append(
          "precision \(fixed(precision, 2)) and recall \(fixed(recall, 2)) at the base-rate "
            + "threshold \(significant(threshold))")
      }
      if let lift = topDecileLift() { parts.append("top-decile lift \(fixed(lift, 1))") }
      var text = "`\(modelName)`, read as before: " + parts.joined(separator: ", ") + "."
      if let calibration = calibrationSentence(full: false) { text += " " + calibration }
      return text
    }

    func topDecileLift() -> Double? {
      guard let lift = table("lift by decile"), let first = lift.rows.first,
        let column = lift.columns.firstIndex(of: "lift"), first.indices.contains(column)
      else { return nil }
      return first[column].doubleValue
    }

    private func liftSentence() -> String? {
      guard let lift = table("lift by decile"), let first = lift.rows.first,
        let rateColumn = lift.columns.firstIndex(of: "rate"),
        let liftColumn = lift.columns.firstIndex(of: "lift"),
        let gainColumn = lift.columns.firstIndex(of: "cumulative gain"),
        let rate = first[safe: rateColumn]?.doubleValue,
        let ratio = first[safe: liftColumn]?.doubleValue,
        let gain = first[safe: gainColumn]?.doubleValue
      else { return nil }
      return "**Lift by decile**: the holdout sorted by score and cut into ten equal groups. "
        + "Decile 1, the top tenth, has a positive rate of \(percent(rate, digits: 1)), "
        + "\(fixed(ratio, 1)) times the average (its lift), and holds \(percent(gain)) of all "
        + "positives (its cumulative gain): contacting that tenth alone reaches "
        + "\(percent(gain)) of them. This is what a marketer buys."
    }

    /// The widest gap between mean score and observed rate, over bins with
    /// enough rows to mean something.
    private func calibrationSentence(full: Bool) -> String? {
      guard let calibration = table("calibration"),
        let binColumn = calibration.columns.firstIndex(of: "score bin"),
        let rowsColumn = calibration.columns.firstIndex(of: "rows"),
        let scoreColumn = calibration.columns.firstIndex(of: "mean score"),
        let observedColumn = calibration.columns.firstIndex(of: "observed rate")
      else { return nil }
      var widest: (bin: String, rows: Int, score: Double, observed: Double)?
      for row in calibration.rows {
        guard case .string(let bin) = row[safe: binColumn] ?? .null,
          case .int(let rows) = row[safe: rowsColumn] ?? .null, rows >= 10,
          let score = row[safe: scoreColumn]?.doubleValue,
          let observed = row[safe: observedColumn]?.doubleValue
        else { continue }
        if abs(score - observed) > abs((widest?.score ?? 0) - (widest?.observed ?? 0)) {
          widest = (bin, Int(rows), score, observed)
        }
      }
      let intro =
        full
        ? "**Calibration**: rows binned by score. If the scores were honest probabilities, "
          + "each bin's mean score would match its observed rate. "
        : "Calibration: "
      guard let widest else { return nil }
      let gap = abs(widest.score - widest.observed)
      if gap < 0.05 {
        return intro + (full ? "Every" : "every")
          + " bin with 10 or more rows is within 5 points, so the scores can be "
          + "read as probabilities."
      }
      let direction =
        widest.score > widest.observed
        ? "overconfident there: the scores run higher than what happens"
        : "underconfident there: more happens than the scores say"
      var text =
        intro + (full ? "The" : "the")
        + " widest gap is in the bin \(widest.bin) (\(widest.rows.formatted) rows): "
        + "the model says \(fixed(widest.score, 2)) on average, but \(fixed(widest.observed, 2)) "
        + "is observed. It is \(direction)."
      if full {
        text +=
          " Rank customers by these scores, but do not read them as probabilities in that range"
        text += widest.rows < 50 ? " (with few rows, part of the gap is noise)." : "."
      } else if widest.rows < 50 {
        text += " With only \(widest.rows) rows in that bin, part of the gap is noise."
      }
      return text
    }

    private func chartSentences(_ charts: [ChartOutput]) -> [String] {
      var lines: [String] = []
      for chart in charts {
        if chart.title.hasPrefix("ROC") {
          lines.append(
            "**The ROC curve** traces recall (true positive rate) against the false-alarm rate "
              + "as the threshold moves from 1 down to 0; the area under it is the AUC.")
        } else if chart.title == "feature importance", !chart.labels.isEmpty {
          let top = chart.labels.prefix(3).map { "`\($0)`" }
          lines.append(
            "**Feature importance** (\(chart.yLabel)): the model leaned most on "
              + top.dropLast().joined(separator: ", ") + " and " + (top.last ?? "") + ".")
        }
      }
      return lines
    }

    // MARK: Regression and clustering

    func regression(full: Bool, charts: [ChartOutput]) -> [String] {
      var parts: [String] = []
      if let rmse = value("RMSE") {
        parts.append(
          "**RMSE \(significant(rmse))**: the typical error, in the target's units, weighing big "
            + "misses more")
      }
      if let mae = value("MAE") {
        parts.append("**MAE \(significant(mae))**: the average absolute error")
      }
      if let r2 = value("R²") ?? value("R2") {
        parts.append(
          "**R² \(fixed(r2, 2))**: the share of the target's variation the model explains "
            + "(0 is no better than the mean, 1 perfect)")
      }
      if let mape = value("MAPE") {
        parts.append("**MAPE \(fixed(mape, 2))**: the average error relative to the true value")
      }
      guard full else { return ["`\(modelName)`: " + parts.joined(separator: "; ") + "."] }
      return parts.map { $0 + "." } + chartSentences(charts)
    }

    func clustering() -> [String] {
      var lines: [String] = []
      if let silhouette = value("silhouette") {
        lines.append(
          "**silhouette \(fixed(silhouette, 2))**: how much closer each row is to its own "
            + "cluster than to the next one, from −1 to 1; above 0.5 the segments are well apart.")
      }
      if value("WCSS") != nil {
        lines.append(
          "**WCSS**: the within-cluster sum of squared distances; it always falls as k grows, so "
            + "compare it only between runs with the same k.")
      }
      return lines
    }
  }

  static func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
  }

  static func significant(_ value: Double) -> String {
    value.isFinite ? String(format: "%.3g", value) : "n/a"
  }

  static func percent(_ fraction: Double, digits: Int = 0) -> String {
    fraction.isFinite ? String(format: "%.\(digits)f%%", fraction * 100) : "n/a"
  }
}

extension Array {
  /// The element at `index`, or nil past the end: outputs are read defensively.
  fileprivate
    subscript(safe index: Int) -> Element?
  { indices.contains(index) ? self[index] : nil }
}

extension EvaluationReading.Reading {
  fileprivate func fixed(_ value: Double, _ digits: Int) -> String {
    EvaluationReading.fixed(value, digits)
  }
  fileprivate func significant(_ value: Double) -> String { EvaluationReading.significant(value) }
  fileprivate func percent(_ fraction: Double, digits: Int = 0) -> String {
    EvaluationReading.percent(fraction, digits: digits)
  }
}
