import DSWCore

/// Horizontal bars, one line each: label, bar in eighth blocks, value.
struct BarChart {
  static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  let chart: ChartOutput
  let styler: Styler

  func lines(width: Int) -> [String] {
    var bars: [(label: String, value: Double)] = []
    for (index, value) in chart.y.enumerated() where value.isFinite {
      let label = index < chart.labels.count ? chart.labels[index] : String(index + 1)
      bars.append((SafeText.escape(label), value))
    }
    guard !bars.isEmpty else { return ChartRenderer.noData(styler) }

    let valueTexts = bars.map { ValueFormatter.formatCompact($0.value) }
    let valueWidth = valueTexts.map(DisplayWidth.of).max() ?? 1
    let widestLabel = bars.map { DisplayWidth.of($0.label) }.max() ?? 1
    let labelWidth = max(1, min(widestLabel, max(4, width / 3)))
    let barWidth = max(1, width - labelWidth - valueWidth - 2)
    let largest = bars.map(\.value).max() ?? 0
    let barStyle = TextStyle(foreground: styler.theme.chartColor(0))

    var lines: [String] = []
    let xLabel = SafeText.escape(chart.xLabel)
    let yLabel = SafeText.escape(chart.yLabel)
    if !xLabel.isEmpty || !yLabel.isEmpty {
      let header =
        DisplayWidth.fit(xLabel, to: labelWidth) + " "
        + DisplayWidth.fit(yLabel, to: barWidth + 1 + valueWidth, alignment: .right)
      lines.append(styler.paint(header, .muted))
    }
    for (bar, valueText) in zip(bars, valueTexts) {
      let fraction = largest > 0 ? max(0, bar.value) / largest : 0
      let eighths = Int((fraction * Double(barWidth * 8)).rounded())
      let blocks = String(repeating: "█", count: eighths / 8) + Self.partials[eighths % 8]
      lines.append(
        DisplayWidth.fit(bar.label, to: labelWidth) + " "
          + styler.paint(blocks, style: barStyle)
          + String(repeating: " ", count: max(0, barWidth - DisplayWidth.of(blocks))) + " "
          + styler.paint(DisplayWidth.pad(valueText, to: valueWidth, alignment: .right), .number))
    }
    return lines
  }
}
