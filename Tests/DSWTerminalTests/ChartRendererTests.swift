import DSWCore
import Testing

@testable import DSWTerminal

@Suite struct ChartRendererTests {
  static let charts: [(String, ChartOutput)] = [
    ("bar", Fixtures.bar), ("hist", Fixtures.hist), ("line", Fixtures.line),
    ("scatter", Fixtures.scatter),
  ]

  func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test(arguments: [80, 160])
  func goldens(width: Int) {
    for (name, chart) in Self.charts {
      let text = ChartRenderer.render(chart, width: width, height: 16, styler: Fixtures.plain)
      Snapshot.assert(text, named: "chart-\(name)-\(width)")
      for line in lines(text) { #expect(DisplayWidth.of(line) <= width, "\(name): \(line)") }
      if chart.kind != .bar { #expect(lines(text).count <= 16, "\(name)") }
      #expect(!text.utf8.contains(0x1B))
    }
  }

  @Test func colourGoldens() {
    for (name, chart) in Self.charts {
      let text = ChartRenderer.render(chart, width: 80, height: 16, styler: Fixtures.colour)
      Snapshot.assert(text, named: "chart-\(name)-80-colour")
      #expect(
        DisplayWidth.stripANSI(text)
          == ChartRenderer.render(chart, width: 80, height: 16, styler: Fixtures.plain))
    }
  }

  @Test func barsUseEighthBlocksAndKeepOrder() {
    let chart = ChartOutput(
      kind: .bar, title: "", xLabel: "", yLabel: "", labels: ["a", "b", "c"], y: [8, 4, 1])
    let text = ChartRenderer.render(chart, width: 20, height: 10, styler: Fixtures.plain)
    #expect(
      text == """
        a ████████████████ 8
        b ████████         4
        c ██               1
        """)
    let partial = ChartOutput(
      kind: .bar, title: "", xLabel: "", yLabel: "", labels: ["x", "y"], y: [16, 1])
    #expect(
      ChartRenderer.render(partial, width: 12, height: 5, styler: Fixtures.plain)
        == "x ███████ 16\ny ▌        1")
  }

  @Test func histogramAxisShowsBinEdgesAndCounts() {
    let chart = ChartOutput(
      kind: .hist, title: "h", xLabel: "", yLabel: "", x: [0, 10, 20], y: [2, 4, 1], binWidth: 10)
    let text = ChartRenderer.render(chart, width: 20, height: 8, styler: Fixtures.plain)
    #expect(
      text == """
        h
        4┤      █████
         │      █████
        2┤▄▄▄▄▄ █████
         │█████ █████ ▂▂▂▂▂
        0┤█████ █████ █████
         └──────────────────
         0    10    20    30
        """)
  }

  @Test func histogramReadsBinWidthAsUpperEdgeToo() {
    let chart = ChartOutput(
      kind: .hist, title: "", xLabel: "", yLabel: "", x: [0, 10], y: [1, 1], binWidth: 25)
    let text = ChartRenderer.render(chart, width: 24, height: 6, styler: Fixtures.plain)
    #expect(lines(text).last?.hasSuffix("25") == true)
  }

  @Test func manyBinsMergeIntoTheWidth() {
    let chart = ChartOutput(
      kind: .hist, title: "", xLabel: "", yLabel: "", x: (0..<500).map(Double.init),
      y: (0..<500).map { Double($0 % 17) }, binWidth: 1)
    let text = ChartRenderer.render(chart, width: 40, height: 10, styler: Fixtures.plain)
    for line in lines(text) { #expect(DisplayWidth.of(line) <= 40) }
  }

  @Test(arguments: [ChartKind.bar, .hist, .line, .scatter])
  func degenerateDataDoesNotCrash(kind: ChartKind) {
    let cases: [(x: [Double], y: [Double])] = [
      ([], []), ([1], [5]), ([1, 2, 3], [7, 7, 7]), ([.nan, 1, 2], [1, .infinity, 3]),
      ([.nan], [.nan]), ([0, 1], [-.infinity, .infinity]), ([1, 1, 1], [1, 2, 3]),
      ([-1e308, 1e308], [-1e308, 1e308]), ([0, 1, 2], [-5, -3, -1]), ([1, 2], [1]),
    ]
    for (x, y) in cases {
      let labels = y.indices.map { "label \($0)" }
      let chart = ChartOutput(
        kind: kind, title: "t", xLabel: "x", yLabel: "y", labels: kind == .bar ? labels : [],
        x: kind == .bar ? [] : x, y: y, binWidth: kind == .hist ? 1 : nil)
      for width in [1, 12, 80] {
        for height in [0, 3, 16] {
          let text = ChartRenderer.render(
            chart, width: width, height: height, styler: Fixtures.plain)
          #expect(!text.isEmpty)
        }
      }
    }
  }

  @Test func noDataMessage() {
    let chart = ChartOutput(kind: .line, title: "empty", xLabel: "", yLabel: "", y: [])
    #expect(
      ChartRenderer.render(chart, width: 40, height: 10, styler: Fixtures.plain)
        == "empty\n(no data)")
  }

  @Test func singlePointPlotsInTheMiddle() {
    let chart = ChartOutput(kind: .scatter, title: "", xLabel: "", yLabel: "", x: [3], y: [5])
    Snapshot.assert(
      ChartRenderer.render(chart, width: 30, height: 7, styler: Fixtures.plain),
      named: "chart-single-point")
  }

  @Test func titleAndLabelsAreMadeSafe() {
    let chart = ChartOutput(
      kind: .bar, title: "t\u{1B}[2J", xLabel: "\u{202E}x", yLabel: "y",
      labels: ["\u{1B}]0;x\u{7}"],
      y: [1])
    let text = ChartRenderer.render(chart, width: 60, height: 10, styler: Fixtures.plain)
    #expect(!text.unicodeScalars.contains { $0 != "\n" && SafeText.needsEscape($0) })
    #expect(text.hasPrefix("t\\e[2J"))
  }

  @Test func tickText() {
    #expect(ChartRenderer.tickText(1, span: 2) == "1")
    #expect(ChartRenderer.tickText(0.5, span: 2) == "0.5")
    #expect(ChartRenderer.tickText(0.99996, span: 2) == "1")
    #expect(ChartRenderer.tickText(-0.0001, span: 2) == "0")
    #expect(ChartRenderer.tickText(1500, span: 1000) == "1500")
    #expect(ChartRenderer.tickText(0.125, span: 0.5) == "0.125")
  }
}
