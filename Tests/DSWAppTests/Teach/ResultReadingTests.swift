import DSWCore
import Testing

@testable import DSWApp

/// The one-line reading under a cell's output.
@Suite("Teach: reading a result")
struct ResultReadingTests {
  private func table(rows: Int, columns: [String]) -> CellOutput {
    .table(
      TableOutput(
        columns: columns, types: columns.map { _ in .int }, rows: [], totalRows: rows))
  }

  @Test("a table gives its total rows and columns, with thousands separators")
  func table() {
    #expect(
      ResultReading.read(
        [table(rows: 1234, columns: ["a", "b", "c", "d", "e"])],
        source: "from x") == "→ 1,234 rows × 5 columns")
    #expect(
      ResultReading.read([table(rows: 1, columns: ["a"])], source: "from x")
        == "→ 1 row × 1 column")
  }

  @Test("a let restates its summary and says how to use the name")
  func letSummary() {
    let reading = ResultReading.read(
      [.text("big: 391 rows × 9 columns")], source: "let big = from x | take 391")
    #expect(
      reading == "→ saved as `big`: 391 rows × 9 columns; later cells read it with `from big`")
  }

  @Test("synth names the dataset it made")
  func synth() {
    #expect(
      ResultReading.read(
        [.text("g: 10 rows × 9 columns")], source: "synth groupby (rows: 10, as: \"g\")")
        == "→ made the dataset `g` (10 rows × 9 columns)")
    let cmle =
      "profiles: 2,000 rows × 9 columns\nevents: 21,924 rows × 10 columns\n"
      + "profiles is profile-enabled (identity userId, namespace ECID): 2,000 profiles"
    #expect(
      ResultReading.read([.text(cmle)], source: "param users = 2000\nsynth cmle (users: users)")
        == "→ made the dataset `profiles` (2,000 rows × 9 columns) and the dataset `events` "
        + "(21,924 rows × 10 columns)")
  }

  @Test("describe, schema and funnel are read for what their rows mean")
  func reports() {
    #expect(
      ResultReading.read([table(rows: 9, columns: ["column", "type"])], source: "describe p")
        == "→ 9 columns of `p` profiled, one per row: look for unexpected nulls, distinct counts "
        + "and ranges")
    #expect(
      ResultReading.read([table(rows: 1, columns: ["field"])], source: "schema p")
        == "→ `p` has 1 field")
    let funnel = TableOutput(
      columns: ["step", "event", "users"], types: [.int, .string, .int],
      rows: [[.int(1), .string("sent"), .int(1436)], [.int(2), .string("clicked"), .int(310)]],
      totalRows: 2)
    #expect(
      ResultReading.read([.table(funnel)], source: "funnel e (steps: [\"sent\", \"clicked\"])")
        == "→ 1,436 users at the first step, 310 at the last (21.6% of the first)")
  }

  @Test("an AUC is read against chance and perfection, whatever follows it")
  func auc() {
    let metrics = MetricsOutput(
      title: "conv: gbt",
      metrics: [.init(name: "AUC", value: 0.7812), .init(name: "F1", value: 0.4)])
    let chart = ChartOutput(kind: .line, title: "ROC curve", xLabel: "", yLabel: "", y: [1])
    #expect(
      ResultReading.read([.metrics(metrics), .chart(chart)], source: "evaluate conv")
        == "→ AUC 0.78 on the holdout (0.5 is chance, 1.0 perfect)")
  }

  @Test("an RMSE is read in the target's units, with R² when there is one")
  func rmse() {
    let metrics = MetricsOutput(
      title: "ltv", metrics: [.init(name: "RMSE", value: 12.345), .init(name: "R²", value: 0.61)])
    #expect(
      ResultReading.read([.metrics(metrics)], source: "evaluate ltv")
        == "→ RMSE 12.35 on the holdout: the typical prediction error, in the target's units "
        + "(lower is better); R² 0.61 (share of the variation explained)")
  }

  @Test("a silhouette is read on its scale")
  func silhouette() {
    let metrics = MetricsOutput(title: "segs", metrics: [.init(name: "silhouette", value: 0.414)])
    #expect(
      ResultReading.read([.metrics(metrics)], source: "train segs = kmeans(f, k: 3)")
        == "→ silhouette 0.41 (-1 to 1; higher means better-separated segments)")
  }

  @Test("other metrics give their title")
  func otherMetrics() {
    let metrics = MetricsOutput(
      title: "model report\nmore", metrics: [.init(name: "MAE", value: 2)])
    #expect(ResultReading.read([.metrics(metrics)], source: "evaluate m") == "→ model report")
  }

  @Test("a text report from ingest, audiences or activate is restated by its first line")
  func textReports() {
    let ingest = "profile: 950 updated, 50 created, 0 unmatched\nattributes: propensity"
    #expect(
      ResultReading.read([.text(ingest)], source: "ingest scores into profile by userId")
        == "→ profile: 950 updated, 50 created, 0 unmatched")
    #expect(
      ResultReading.read(
        [.text("wrote 1,200 members to out/likely.csv")],
        source: "activate likely to \"out/likely.csv\"")
        == "→ wrote 1,200 members to out/likely.csv")
  }

  @Test("an audience listing reads as names and sizes")
  func audienceSizes() {
    let listing = TableOutput(
      columns: ["audience", "size"], types: [.string, .int],
      rows: [[.string("likely"), .int(1234)], [.string("loyal"), .int(567)]], totalRows: 2)
    #expect(
      ResultReading.read([.table(listing)], source: "audiences")
        == "→ 2 audiences: likely 1,234 · loyal 567")
  }

  @Test("a chart gives its kind and title")
  func chart() {
    let chart = ChartOutput(kind: .bar, title: "n by id1", xLabel: "id1", yLabel: "n", y: [1])
    #expect(
      ResultReading.read([.chart(chart)], source: "from x | chart bar id1 n")
        == "→ a bar chart: n by id1")
  }

  @Test("a param says the name is set; errors and silent cells say nothing")
  func quietCells() {
    #expect(
      ResultReading.read([], source: "param users = 500")
        == "→ `users` is set; later cells use it by name")
    #expect(ResultReading.read([], source: "drop x") == nil)
    let error = CellOutput.error(ErrorOutput(code: "E1", message: "m", line: 1, column: 1))
    #expect(ResultReading.read([error], source: "from x") == nil)
  }
}
