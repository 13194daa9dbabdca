import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Checks that a document parses as XML; keeps element names and text.
final class XMLReader: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var text = ""

  static func parse(_ document: String) -> (ok: Bool, reader: XMLReader, error: String) {
    let reader = XMLReader()
    let parser = XMLParser(data: Data(document.utf8))
    parser.delegate = reader
    let ok = parser.parse()
    return (ok, reader, parser.parserError.map { "\($0) line \(parser.lineNumber)" } ?? "")
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements.append(elementName)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite struct NotebookExportTests {
  static let hostile = "<script>alert(\"x\")</script> 'quoted' & \u{1B}[2J"

  /// A notebook with every kind of output, and hostile text in each.
  static let notebook: Notebook = {
    let table = TableOutput(
      columns: ["channel", "revenue", "note"], types: [.string, .double, .string],
      rows: [
        [.string("web"), .double(1234.5), .string(hostile)],
        [.string("email"), .double(99), .null],
      ], totalRows: 12)
    let chart = ChartOutput(
      kind: .bar, title: "revenue by channel", xLabel: "channel", yLabel: "revenue",
      labels: ["web", hostile], y: [1234.5, 99])
    let lines = ChartOutput(
      kind: .line, title: "revenue by week and channel", xLabel: "week", yLabel: "revenue", y: [],
      series: [
        ChartSeries(name: "web", x: [1, 2, 3, 4], y: [10, 12, 9, 14]),
        ChartSeries(name: hostile, x: [1, 2, 3, 4], y: [3, 5, 4, 6]),
      ])
    return Notebook(
      cells: [
        Cell(
          id: "md000001", kind: .markdown,
          source:
            "# Report\n\nSome **bold**, *italic* and `code`; a [link](https://example.com), "
            + "a [bad one](javascript:alert(1)) and raw <script>alert(1)</script>.\n\n"
            + "- one\n- two\n\n```\nfrom t | <b>\n```"),
        Cell(
          id: "code0001", kind: .query,
          source: "from sales | chart bar channel revenue\n# <script>",
          outputs: [
            .text("param \(hostile)"), .table(table), .chart(chart), .chart(lines),
            .metrics(
              MetricsOutput(
                title: "holdout", metrics: [.init(name: "auc", value: 0.8123456)],
                tables: [.init(name: "confusion", table: table)])),
            .error(
              ErrorOutput(code: "E201", message: "unknown column `\(hostile)`", line: 1, column: 6)),
          ], execution: Execution(count: 1, status: .ok, durationMs: 3, fingerprint: "sha256:0")),
      ], metadata: NotebookMetadata(title: "Sales \(hostile)"))
  }()

  static func golden(_ actual: String, named name: String, filePath: String = #filePath) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Snapshots/Export/" + name)
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    if !recording, let expected = try? String(contentsOf: url, encoding: .utf8) {
      #expect(actual == expected, "golden \(name) differs (DSW_RECORD=1 re-records)")
      return
    }
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    if !recording { Issue.record("recorded golden \(name); check it and run again") }
  }

  @Test func htmlReportGoldenIsWellFormed() {
    let html = NotebookHTML.render(Self.notebook, theme: .builtinLight)
    Self.golden(html, named: "report.html")
    let parsed = XMLReader.parse(html)
    #expect(parsed.ok, "\(parsed.error)")
    for element in ["html", "details", "summary", "table", "svg", "figure", "h1", "ul", "strong"] {
      #expect(parsed.reader.elements.contains(element), "\(element)")
    }
  }

  /// Data, titles, sources and markdown never become markup.
  @Test func htmlEscapesEverything() {
    let html = NotebookHTML.render(Self.notebook, theme: .builtinLight)
    let parsed = XMLReader.parse(html)
    #expect(!parsed.reader.elements.contains("script"))
    #expect(!parsed.reader.elements.contains("b"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("javascript:alert(1)\""))
    #expect(!html.contains("\u{1B}"))
    #expect(
      html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;quoted&#39; &amp;"))
    #expect(parsed.reader.text.contains("<script>alert(\"x\")</script> 'quoted' &"))
  }

  /// No script, no link to fetch, no external font: the page opens offline.
  @Test func htmlIsSelfContained() {
    let html = NotebookHTML.render(Self.notebook, theme: .builtinLight)
    #expect(!html.contains("<link"))
    #expect(!html.contains("@import"))
    #expect(!html.contains("@font-face"))
    #expect(!html.contains("src=\""))
    #expect(html.contains("default-src 'none'"))
  }

  @Test func ipynbChartsCarrySVGAndText() throws {
    let document = Ipynb.document(Self.notebook, theme: .builtinLight)
    let text = String(decoding: JSONWriter.bytes(document, escapingUnsafe: true), as: UTF8.self)
    Self.golden(text, named: "notebook.ipynb")
    guard case .object(let top) = document, case .array(let cells)? = top["cells"],
      case .object(let code) = cells[1], case .array(let outputs)? = code["outputs"],
      case .object(let chart) = outputs[2], case .object(let data)? = chart["data"],
      case .array(let svgLines)? = data["image/svg+xml"]
    else {
      Issue.record("no chart output with image/svg+xml")
      return
    }
    #expect(data["text/plain"] != nil)
    let svg = svgLines.compactMap { line -> String? in
      if case .string(let text) = line { return text }
      return nil
    }.joined()
    #expect(XMLReader.parse(svg).ok)
  }

  @Test func markdownLinksPicturesBesideIt() {
    let files = NotebookExport.files(
      Self.notebook, to: .md, path: "/tmp/out/report.md", theme: .builtinLight)
    #expect(
      files.map(\.path) == [
        "/tmp/out/report.md", "/tmp/out/report_files/code0001-1.svg",
        "/tmp/out/report_files/code0001-2.svg",
      ])
    let markdown = String(decoding: files[0].bytes, as: UTF8.self)
    #expect(markdown.contains("![revenue by channel](report_files/code0001-1.svg)"))
    #expect(!markdown.contains("⣿"))
    // Standard output has nowhere to put pictures: charts stay text.
    let plain = NotebookExport.files(Self.notebook, to: .md, path: nil, theme: .builtinLight)
    #expect(plain.count == 1)
    // Nor has a device: no `null_files/` folder in /dev.
    let discarded = NotebookExport.files(
      Self.notebook, to: .md, path: "/dev/null", theme: .builtinLight)
    #expect(discarded.map(\.path) == ["/dev/null"])
  }
}
