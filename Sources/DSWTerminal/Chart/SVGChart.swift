import DSWCore
import Foundation

/// Draws a chart as a standalone SVG picture, from the same stored chart data
/// the terminal draws: axes with round-number ticks, labels, a legend for
/// several series, and the theme's chart colours on white paper.
///
/// The SVG uses no script, no external font and no link: text is set in the
/// reader's own sans-serif font, so it opens offline anywhere. Every piece of
/// text from data is escaped for XML, after `SafeText` has made control
/// characters visible, so the picture is always well-formed.
public enum SVGChart {
  public static let width = 720.0
  static let plotHeight = 260.0
  static let ink = "#24292f"
  static let muted = "#57606a"
  static let grid = "#d8dee4"
  static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

  public static func render(_ chart: ChartOutput, theme: Theme) -> String {
    var canvas = SVGCanvas()
    let series = chart.allSeries
    let colours = series.indices.map { theme.chartColor($0)?.webHex ?? ink }
    var top = 16.0
    if !chart.title.isEmpty {
      canvas.text(chart.title, x: 16, y: top + 14, size: 15, weight: "bold")
      top += 26
    }
    if !chart.series.isEmpty {
      top = legend(&canvas, names: series.map(\.name), colours: colours, top: top + 4)
    }
    let body: Double
    switch chart.kind {
    case .bar: body = BarLayout(chart: chart, colours: colours).draw(&canvas, top: top + 8)
    case .hist, .line, .scatter:
      body = PlotLayout(chart: chart, colours: colours).draw(&canvas, top: top + 8)
    }
    return canvas.document(width: width, height: (top + 8 + body).rounded(.up))
  }

  /// Legend entries in rows: a swatch and the name, names shortened without
  /// ambiguity to fit a fair share of the width. Returns the y below it.
  static func legend(
    _ canvas: inout SVGCanvas, names: [String], colours: [String], top: Double
  ) -> Double {
    let names = LabelAbbreviation.abbreviate(names.map(SafeText.escape), to: 28)
    var x = 16.0
    var y = top
    for (index, name) in names.enumerated() {
      let entry = 18 + textWidth(name) + 16
      if x > 16, x + entry > width - 16 {
        x = 16
        y += 18
      }
      canvas.rect(x: x, y: y + 2, width: 10, height: 10, fill: colours[index])
      canvas.text(name, x: x + 15, y: y + 11, fill: muted)
      x += entry
    }
    return y + 20
  }

  /// An estimate of `text`'s width at 12px in a sans-serif font.
  static func textWidth(_ text: String, size: Double = 12) -> Double {
    Double(DisplayWidth.of(text)) * size * 0.6
  }

  /// Round-number ticks covering [low, high], about `count` of them.
  static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    let span = high - low
    guard span > 0, span.isFinite else { return [low] }
    let rough = span / Double(count)
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    let residual = rough / magnitude
    let step = (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10) * magnitude
    let first = (low / step).rounded(.up)
    let last = (high / step + 1e-9).rounded(.down)
    guard last >= first, last - first < 100 else { return [low, high] }
    // Printed and read back, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
    return stride(from: first, through: last, by: 1).map {
      Double(String(format: "%.12g", $0 * step)) ?? $0 * step
    }
  }

  /// The range widened to the round ticks around it (and to zero for bars).
  static func niceRange(_ low: Double, _ high: Double, includeZero: Bool) -> (Double, Double) {
    var low = includeZero ? min(0, low) : low
    var high = includeZero ? max(0, high) : high
    if low == high {
      let pad = low == 0 ? 1 : abs(low) / 2
      low -= pad
      high += pad
    }
    let ticks = ticks(low, high)
    guard ticks.count > 1 else { return (low, high) }
    let step = ticks[1] - ticks[0]
    return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
  }
}
