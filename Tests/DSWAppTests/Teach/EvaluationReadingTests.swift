import DSWCore
import Testing

@testable import DSWApp

/// Every number `evaluate` prints gets plain words, read from the outputs.
@Suite("Teach: reading an evaluation")
struct EvaluationReadingTests {
  static func table(_ columns: [String], _ rows: [[Value]]) -> TableOutput {
    TableOutput(
      columns: columns, types: columns.map { _ in .double }, rows: rows, totalRows: rows.count)
  }

  static let metrics = MetricsOutput(
    title:
      "conv: gbt, binary classification; target converted (positive: true); 16000 training rows, 4000 holdout rows",
    metrics: [
      .init(name: "AUC", value: 0.8164), .init(name: "log loss", value: 0.158),
      .init(name: "accuracy", value: 0.843), .init(name: "precision", value: 0.1945),
      .init(name: "recall", value: 0.6473), .init(name: "F1", value: 0.2991),
      .init(name: "threshold", value: 0.0518),
    ],
    tables: [
      .init(
        name: "confusion matrix",
        table: TableOutput(
          columns: ["actual", "predicted true", "predicted false"], types: [.string, .int, .int],
          rows: [
            [.string("true"), .int(134), .int(73)], [.string("false"), .int(555), .int(3238)],
          ],
          totalRows: 2)),
      .init(
        name: "lift by decile",
        table: table(
          ["decile", "rows", "positives", "rate", "lift", "cumulative gain"],
          [[.int(1), .int(400), .int(114), .double(0.285), .double(5.507), .double(0.5507)]])),
      .init(
        name: "calibration",
        table: TableOutput(
          columns: ["score bin", "rows", "mean score", "observed rate"],
          types: [.string, .int, .double, .double],
          rows: [
            [.string("0.0–0.1"), .int(3597), .double(0.0205), .double(0.0259)],
            [.string("0.9–1.0"), .int(28), .double(0.9724), .double(0.7143)],
          ], totalRows: 2)),
    ])

  @Test("the first evaluation explains each number with the values it printed")
  func full() {
    let lines = EvaluationReading.explain(Self.metrics, charts: [], full: true)
    let text = lines.joined(separator: "\n")
    #expect(text.contains("**threshold 0.0518**"))
    #expect(text.contains("It is the **base rate**"))
    #expect(text.contains("of the rows the model called positive (689), 134 really were, 19%"))
    #expect(text.contains("(207), the model caught 134, 65%"))
    #expect(text.contains("134 positives caught, 73 missed, 555 false alarms and 3,238"))
    #expect(text.contains("5.5 times the average"))
    #expect(
      text.contains(
        "The widest gap is in the bin 0.9–1.0 (28 rows): the model says 0.97 on average, but 0.71 is observed. It is overconfident there"
      ))
    #expect(text.contains("calling every row negative would already score 95%"))
  }

  @Test("a later evaluation is read in one sentence, calibration included")
  func brief() {
    let lines = EvaluationReading.explain(Self.metrics, charts: [], full: false)
    #expect(lines.count == 1)
    #expect(lines[0].hasPrefix("`conv`, read as before: AUC 0.82"))
    #expect(lines[0].contains("the widest gap is in the bin 0.9–1.0"))
    #expect(lines[0].contains("With only 28 rows in that bin, part of the gap is noise."))
  }
}
