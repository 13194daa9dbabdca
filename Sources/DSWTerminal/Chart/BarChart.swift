import DSWCore

/// Horizontal bars, one line each: label, bar in eighth blocks, value.
///
/// With several series, each label gets one bar per series, coloured by the
/// theme, or filled with the series' own shade when there is no colour.
struct BarChart {
  static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
  /// Fills of series 1, 2, … without colour; series 0 keeps the full block.
  static let plainFills = ["█", "▒", "░", "▓", "#", "=", "+", ":"]

  let chart: ChartOutput
  let styler: Styler

  func lines(width: Int) -> [String] {
    let series = chart.allSeries
    var groups: [(label: String, values: [Double])] = []
    for index in 0..<(series.map(\.y.count).max() ?? 0) {
      let values = series.map { index < $0.y.count ? $0.y[index] : .nan }
      guard values.contains(where: \.isFinite) else { continue }
      let label = index < chart.labels.count ? chart.labels[index] : String(index + 1)
      groups.append((SafeText.escape(label), values))
    }
    guard !groups.isEmpty else { return ChartRenderer.noData(styler) }
    let several = !chart.series.isEmpty

    let valueTexts = groups.map { $0.values.map(ValueFormatter.formatCompact) }
    let valueWidth = valueTexts.flatMap { $0 }.map(DisplayWidth.of).max() ?? 1
    let widestLabel = groups.map { DisplayWidth.of($0.label) }.max() ?? 1
    let labelWidth = max(1, min(widestLabel, max(4, width / 3)))
    let labels = LabelAbbreviation.abbreviate(groups.map(\.label), to: labelWidth)
    let barWidth = max(1, width - labelWidth - valueWidth - 2)
    let largest = groups.flatMap { $0.values.filter(\.isFinite) }.max() ?? 0

    var lines: [String] = []
    if several {
      let fills = series.indices.map { Self.plainFills[$0 % Self.plainFills.count] }
      lines += ChartLegend(names: series.map(\.name), styler: styler)
        .lines(width: width, fills: styler.enabled ? nil : fills)
    }
    let xLabel = SafeText.escape(chart.xLabel)
    let yLabel = SafeText.escape(chart.yLabel)
    if !xLabel.isEmpty || !yLabel.isEmpty {
      let header =
        DisplayWidth.fit(xLabel, to: labelWidth) + " "
        + DisplayWidth.fit(yLabel, to: barWidth + 1 + valueWidth, alignment: .right)
      lines.append(styler.paint(header, .muted))
    }
    for (group, (label, texts)) in zip(groups, zip(labels, valueTexts)) {
      for (index, (value, valueText)) in zip(group.values, texts).enumerated() {
        guard value.isFinite else { continue }
        let fraction = largest > 0 ? max(0, value) / largest : 0
        let blocks = bar(fraction: fraction, width: barWidth, series: index)
        let style = TextStyle(foreground: styler.theme.chartColor(index))
        lines.append(
          DisplayWidth.fit(index == 0 || !several ? label : "", to: labelWidth) + " "
            + styler.paint(blocks, style: style)
            + String(repeating: " ", count: max(0, barWidth - DisplayWidth.of(blocks))) + " "
            + styler.paint(DisplayWidth.pad(valueText, to: valueWidth, alignment: .right), .number))
      }
    }
    return lines
  }

  /// A bar `fraction` of `width` long: eighth blocks, or whole cells of the
  /// series' own fill when it needs telling apart without colour.
  private func bar(fraction: Double, width: Int, series: Int) -> String {
    if series > 0 && !styler.enabled {
      let cells = Int((fraction * Double(width)).rounded())
      return String(
        repeating: Self.plainFills[series % Self.plainFills.count], count: cells)
    }
    let eighths = Int((fraction * Double(width * 8)).rounded())
    return String(repeating: "█", count: eighths / 8) + Self.partials[eighths % 8]
  }
}
