import DSWCore
import Testing

@testable import DSWTerminal

@Suite struct OutputRendererTests {
  static let outputs: [(String, CellOutput)] = [
    ("table", .table(Fixtures.customers(rows: 4, total: 1_000_000))),
    ("text", .text("let opens: 12,345 rows × 6 columns\nsecond\tline \u{1B}[2J")),
    ("chart", .chart(Fixtures.bar)),
    ("metrics", .metrics(Fixtures.metrics)),
    (
      "error",
      .error(ErrorOutput(code: "E201", message: "unknown column `spnd`", line: 2, column: 17))
    ),
  ]

  @Test(arguments: [80, 160])
  func everyKindGolden(width: Int) {
    for (name, output) in Self.outputs {
      let plain = OutputRenderer.render(output, width: width, maxRows: 6, styler: Fixtures.plain)
      Snapshot.assert(plain, named: "output-\(name)-\(width)")
      #expect(!plain.utf8.contains(0x1B), "\(name)")
      let colour = OutputRenderer.render(output, width: width, maxRows: 6, styler: Fixtures.colour)
      Snapshot.assert(colour, named: "output-\(name)-\(width)-colour")
      #expect(DisplayWidth.stripANSI(colour) == plain, "\(name)")
    }
  }

  @Test func errorLine() {
    let error = ErrorOutput(code: "E201", message: "unknown column `spnd`", line: 2, column: 17)
    #expect(
      OutputRenderer.render(.error(error), width: 80, maxRows: 10, styler: Fixtures.plain)
        == "error[E201]: unknown column `spnd` (line 2, column 17)")
    #expect(
      OutputRenderer.render(.error(error), width: 80, maxRows: 10, styler: Fixtures.colour)
        == "\u{1B}[1;91merror[E201]: unknown column `spnd` (line 2, column 17)\u{1B}[0m")
    let hostile = ErrorOutput(code: "E1", message: "bad \u{1B}[2J\nvalue", line: 1, column: 1)
    #expect(OutputRenderer.errorLine(hostile) == "error[E1]: bad \\e[2J\\nvalue (line 1, column 1)")
  }

  @Test func textKeepsLineBreaksButEscapesControls() {
    #expect(
      OutputRenderer.render(.text("a\u{1B}b\nc\td"), width: 80, maxRows: 10, styler: Fixtures.plain)
        == "a\\eb\nc\\td")
  }

  @Test func metricsShowFourDecimals() {
    let text = MetricsRenderer.render(
      Fixtures.metrics, width: 80, maxRows: 20, styler: Fixtures.plain)
    #expect(text.contains("│ auc      │    0.8123 │"))
    #expect(text.contains("│ rows     │ 4000.0000 │"))
    #expect(text.hasPrefix("evaluate conv (gbt, holdout 20%)\n┌"))
    #expect(text.contains("lift by decile\n┌"))
    #expect(text.hasSuffix("10 rows"))
  }

  @Test func metricsWithoutTitleOrTables() {
    let metrics = MetricsOutput(title: "", metrics: [.init(name: "rmse", value: 12.3456789)])
    #expect(
      MetricsRenderer.render(metrics, width: 40, maxRows: 5, styler: Fixtures.plain)
        == """
        ┌────────┬─────────┐
        │ metric │  value  │
        ├────────┼─────────┤
        │ rmse   │ 12.3457 │
        └────────┴─────────┘
        """)
  }
}

@Suite struct MarkdownOutputRendererTests {
  @Test func everyKindGolden() {
    for (name, output) in OutputRendererTests.outputs {
      let text = MarkdownOutputRenderer.render(output)
      Snapshot.assert(text, named: "md-\(name)")
      #expect(!text.utf8.contains(0x1B), "\(name)")
    }
  }

  @Test func pipeTableEscapesAndAligns() {
    let table = TableOutput(
      columns: ["a|b", "n"], types: [.string, .double],
      rows: [
        [.string("x|y*z`<script>"), .double(1.5)], [.null, .null], [.string(""), .double(2)],
      ],
      totalRows: 3)
    #expect(
      MarkdownOutputRenderer.render(.table(table))
        == """
        | a\\|b | n |
        | --- | ---: |
        | x\\|y\\*z\\`&lt;script> | 1.5 |
        | NULL | NULL |
        |  | 2.0 |
        """)
  }

  @Test func truncatedTableSaysSo() {
    let text = MarkdownOutputRenderer.render(.table(Fixtures.customers(rows: 2, total: 50)))
    #expect(text.hasSuffix("|\n\n2 of 50 rows shown"))
  }

  @Test func textFenceOutgrowsBackticks() {
    #expect(MarkdownOutputRenderer.render(.text("a ``` b")) == "````text\na ``` b\n````")
    #expect(MarkdownOutputRenderer.render(.text("plain")) == "```text\nplain\n```")
  }

  @Test func errorIsAQuote() {
    let error = ErrorOutput(code: "E201", message: "unknown column `spnd`", line: 2, column: 17)
    #expect(
      MarkdownOutputRenderer.render(.error(error))
        == "> **error[E201]**: unknown column \\`spnd\\` (line 2, column 17)")
  }

  @Test func chartIsPlainTextAt80Columns() {
    let text = MarkdownOutputRenderer.render(.chart(Fixtures.line))
    #expect(text.hasPrefix("```text\nWeekly revenue\n"))
    for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80) }
  }
}

@Suite struct WidgetTests {
  @Test func progressLines() {
    #expect(
      ProgressBar.line(label: "synth cmle", fraction: 0.62, width: 40, elapsed: 1.23)
        == "synth cmle ███████████▏        62%  1.2s")
    #expect(
      ProgressBar.line(label: "load", fraction: 1, width: 30, elapsed: nil)
        == "load ████████████████████ 100%")
    #expect(
      ProgressBar.line(label: "train", fraction: 0, width: 30, elapsed: 75)
        == "train                0%  1m15s")
    #expect(
      ProgressBar.line(label: "x", fraction: .nan, width: 20, elapsed: nil)
        == "x                 0%")
    #expect(
      ProgressBar.line(label: "scoring", fraction: 0.5, width: 10, elapsed: 3) == "scoring 5…")
  }

  @Test(arguments: [10, 40, 80, 200])
  func progressLineFillsWidth(width: Int) {
    for step in 0...20 {
      let line = ProgressBar.line(
        label: "ingest scores", fraction: Double(step) / 20, width: width, elapsed: 12.5)
      #expect(DisplayWidth.of(line) <= width)
      if width >= 40 { #expect(DisplayWidth.of(line) == width) }
    }
  }

  @Test func elapsedFormats() {
    #expect(ProgressBar.formatElapsed(0.04) == "0.0s")
    #expect(ProgressBar.formatElapsed(59.94) == "59.9s")
    #expect(ProgressBar.formatElapsed(125) == "2m05s")
    #expect(ProgressBar.formatElapsed(3725) == "1h02m")
    #expect(ProgressBar.formatElapsed(.nan) == "–")
  }

  @Test func badges() {
    #expect(CellBadge.render(kind: "query", styler: Fixtures.plain) == "[query]")
    #expect(
      CellBadge.render(kind: "query", styler: Fixtures.colour) == "\u{1B}[1;94m[query]\u{1B}[0m")
    #expect(
      CellBadge.render(kind: "train", styler: Fixtures.colour) == "\u{1B}[1;95m[train]\u{1B}[0m")
    #expect(
      CellBadge.render(kind: "od\u{1B}d", styler: Fixtures.colour) == "\u{1B}[90m[od\\ed]\u{1B}[0m")
    #expect(CellBadge.renderPadded(kind: "query", styler: Fixtures.plain) == "[query]   ")
    #expect(CellBadge.renderPadded(kind: "audience", styler: Fixtures.plain) == "[audience]")
  }
}
