import DSWCore
import Foundation

/// Draws a chart in the terminal: bars with eighth blocks, histograms as
/// block columns, lines and scatters on a braille canvas.
///
/// `width` bounds every line. `height` is the whole chart's height in lines
/// for line, scatter and hist charts (title and axes included, with at least
/// three plot rows); a bar chart takes one line per bar. NaN and infinite
/// points are skipped; no data shows `(no data)`.
public enum ChartRenderer {
  public static func render(
    _ chart: ChartOutput, width: Int, height: Int, styler: Styler
  ) -> String {
    let width = max(width, 12)
    var lines: [String] = []
    let title = SafeText.escape(chart.title)
    if !title.isEmpty {
      lines.append(styler.paint(DisplayWidth.truncate(title, to: width), .heading))
    }
    let bodyHeight = max(1, height - lines.count)
    switch chart.kind {
    case .bar:
      lines += BarChart(chart: chart, styler: styler).lines(width: width)
    case .hist:
      lines += HistogramChart(chart: chart, styler: styler).lines(width: width, height: bodyHeight)
    case .line, .scatter:
      lines += PlotChart(chart: chart, styler: styler).lines(width: width, height: bodyHeight)
    }
    return lines.joined(separator: "\n")
  }

  /// The `(no data)` line shown for a chart with nothing to draw.
  static func noData(_ styler: Styler) -> [String] {
    [styler.paint("(no data)", .muted)]
  }

  /// A tick label for `value` on an axis spanning `span`: rounded to the
  /// decimals the span needs for about three significant digits, so ticks
  /// read `-1 0 1` or `0.25` rather than `0.9996`; trailing zeros go.
  static func tickText(_ value: Double, span: Double) -> String {
    guard value.isFinite else { return ValueFormatter.formatCompact(value) }
    guard span.isFinite, span > 0, abs(value) < 1e9, span >= 1e-6 else {
      return ValueFormatter.formatCompact(value)
    }
    let decimals = max(0, min(6, 2 - Int(log10(span).rounded(.down))))
    var text = String(format: "%.\(decimals)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if text == "-0" { text = "0" }
    return text
  }

  /// Places tick labels on an axis `width` columns wide: each wish is a
  /// label and the column it is centred on (or starts/ends at, at the
  /// edges). Wishes earlier in the list win; labels never overlap.
  static func axisLabels(_ wishes: [(text: String, at: Int)], width: Int) -> String {
    var line = [Character](repeating: " ", count: max(0, width))
    var taken = [Bool](repeating: false, count: max(0, width))
    for wish in wishes {
      let label = Array(wish.text)
      let labelWidth = label.count
      guard labelWidth > 0, labelWidth <= width else { continue }
      let start = min(max(0, wish.at - labelWidth / 2), width - labelWidth)
      let low = max(0, start - 1)
      let high = min(width, start + labelWidth + 1)
      guard !taken[low..<high].contains(true) else { continue }
      for offset in 0..<labelWidth {
        line[start + offset] = label[offset]
        taken[start + offset] = true
      }
    }
    var text = String(line)
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
