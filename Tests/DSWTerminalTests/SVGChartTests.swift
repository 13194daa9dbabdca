import DSWCore
import Foundation
import Testing

@testable import DSWTerminal

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses XML and keeps the element names it met, or the parse error.
final class XMLCheck: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var text = ""

  static func parse(_ document: String) -> (ok: Bool, check: XMLCheck, error: String) {
    let check = XMLCheck()
    let parser = XMLParser(data: Data(document.utf8))
    parser.delegate = check
    let ok = parser.parse()
    return (ok, check, parser.parserError.map { "\($0)" } ?? "")
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements.append(elementName)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite struct SVGChartTests {
  static let charts: [(String, ChartOutput)] = [
    ("bar", Fixtures.bar), ("hist", Fixtures.hist), ("line", Fixtures.line),
    ("scatter", Fixtures.scatter), ("multi-line", Fixtures.multiLine),
    ("multi-bar", Fixtures.multiBar), ("multi-scatter", Fixtures.multiScatter),
  ]

  @Test func goldensAreWellFormed() {
    for (name, chart) in Self.charts {
      let svg = SVGChart.render(chart, theme: .builtinLight)
      Snapshot.assert(svg, named: "svg-\(name)")
      let parsed = XMLCheck.parse(svg)
      #expect(parsed.ok, "\(name): \(parsed.error)")
      #expect(parsed.check.elements.first == "svg")
      #expect(!svg.contains("<script"))
      #expect(!svg.contains("href"))
    }
  }

  /// Axes with ticks, axis labels, the title and, for several series, a legend.
  @Test func lineChartHasAxesLabelsAndLegend() {
    let parsed = XMLCheck.parse(SVGChart.render(Fixtures.multiLine, theme: .builtinLight))
    #expect(parsed.check.elements.filter { $0 == "polyline" }.count == 3)
    for text in ["revenue by day and channel", "web", "email", "day", "revenue", "2024-01-01"] {
      #expect(parsed.check.text.contains(text), "\(text)")
    }
  }

  @Test func seriesTakeTheThemeColours() {
    let svg = SVGChart.render(Fixtures.multiLine, theme: .builtinLight)
    for index in 0..<3 {
      let colour = Theme.builtinLight.chartColor(index)?.webHex ?? ""
      #expect(svg.contains("stroke=\"\(colour)\""))
    }
  }

  @Test func dataIsEscaped() {
    let chart = ChartOutput(
      kind: .bar, title: "<script>alert(\"x\")</script>", xLabel: "a & b", yLabel: "'y'",
      labels: ["<b>bold</b>", "\"quoted\" \u{1B}[31m"], y: [1, 2])
    let svg = SVGChart.render(chart, theme: .builtinDark)
    #expect(!svg.contains("<script"))
    #expect(!svg.contains("<b>"))
    #expect(!svg.contains("\u{1B}"))
    #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
    let parsed = XMLCheck.parse(svg)
    #expect(parsed.ok, "\(parsed.error)")
    #expect(parsed.check.text.contains("<script>alert(\"x\")</script>"))
  }

  @Test func noDataIsSaid() {
    let chart = ChartOutput(kind: .line, title: "t", xLabel: "x", yLabel: "y", x: [], y: [])
    let svg = SVGChart.render(chart, theme: .builtinLight)
    #expect(svg.contains("(no data)"))
    #expect(XMLCheck.parse(svg).ok)
  }

  @Test func ticksAreRound() {
    #expect(SVGChart.ticks(0, 10) == [0, 2, 4, 6, 8, 10])
    #expect(SVGChart.ticks(0.13, 0.91) == [0.2, 0.4, 0.6, 0.8])
    #expect(SVGChart.niceRange(3, 97, includeZero: true) == (0, 100))
  }
}
