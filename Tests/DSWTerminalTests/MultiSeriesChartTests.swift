import DSWCore
import Testing

@testable import DSWTerminal

@Suite struct MultiSeriesChartTests {
  static let charts: [(String, ChartOutput)] = [
    ("line", Fixtures.multiLine), ("bar", Fixtures.multiBar), ("scatter", Fixtures.multiScatter),
  ]

  @Test func plainGoldens() {
    for (name, chart) in Self.charts {
      let text = ChartRenderer.render(chart, width: 80, height: 18, styler: Fixtures.plain)
      Snapshot.assert(text, named: "chart-multi-\(name)-80")
      for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80) }
    }
  }

  @Test func colourGoldens() {
    for (name, chart) in Self.charts {
      let text = ChartRenderer.render(chart, width: 80, height: 18, styler: Fixtures.colour)
      Snapshot.assert(text, named: "chart-multi-\(name)-80-colour")
    }
  }

  /// Without colour, each series is drawn with its own glyph, named in the legend.
  @Test func plainSeriesHaveDistinctGlyphs() {
    let text = ChartRenderer.render(Fixtures.multiLine, width: 80, height: 18, styler: .plain)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("* web  + email  o paid_social_campaigns_2024"))
    let plot = lines.dropFirst(3).joined()
    for glyph in ["*", "+", "o"] { #expect(plot.contains(glyph)) }
    #expect(!plot.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
  }

  /// With colour, each series gets the theme's next chart colour.
  @Test func colourSeriesUseThePalette() {
    let text = ChartRenderer.render(
      Fixtures.multiLine, width: 80, height: 18, styler: Fixtures.colour)
    for index in 0..<3 {
      let style = TextStyle(foreground: Theme.builtinDark.chartColor(index))
      let painted = Fixtures.colour.paint("■", style: style)
      #expect(text.contains(painted))
    }
  }

  @Test func narrowLegendIsAbbreviatedWithoutAmbiguity() {
    var chart = Fixtures.multiLine
    chart.series[0].name = "paid_social_campaigns_2023"
    let text = ChartRenderer.render(chart, width: 40, height: 14, styler: .plain)
    let legend = text.split(separator: "\n").dropFirst().prefix(2).joined(separator: " ")
    #expect(legend.contains("…2023"))
    #expect(legend.contains("…2024"))
  }
}

@Suite struct LabelAbbreviationTests {
  @Test func shortLabelsStay() {
    #expect(LabelAbbreviation.abbreviate(["a", "bb"], to: 5) == ["a", "bb"])
  }

  @Test func longLabelsAreCutInTheMiddle() {
    #expect(
      LabelAbbreviation.abbreviate(["customer_lifetime_value"], to: 12) == ["custom…value"])
  }

  @Test func cutsNeverMakeTwoLabelsReadTheSame() {
    let labels = [
      "revenue_north_2023", "revenue_south_2023", "revenue_north_2024", "revenue_south_2024",
      "revenue_south_2024",
    ]
    let short = LabelAbbreviation.abbreviate(labels, to: 10)
    #expect(short.allSatisfy { DisplayWidth.of($0) <= 10 })
    // Equal labels stay equal; different ones read differently.
    #expect(short[3] == short[4])
    #expect(Set(short.prefix(4)).count == 4)
  }

  @Test(arguments: [1, 2, 3, 4, 6])
  func anyWidthGivesDistinctLabels(width: Int) {
    let labels = (0..<30).map { "segment_\($0)_customers" }
    let short = LabelAbbreviation.abbreviate(labels, to: width)
    #expect(Set(short).count == labels.count || width < 3)
    #expect(short.allSatisfy { DisplayWidth.of($0) <= max(width, 1) + 3 })
  }
}
