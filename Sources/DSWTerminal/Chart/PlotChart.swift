import DSWCore

/// Line and scatter charts on a braille canvas, with min/mid/max ticks on
/// the y axis and first/middle/last x values below.
struct PlotChart {
  let chart: ChartOutput
  let styler: Styler

  func lines(width: Int, height: Int) -> [String] {
    // A line breaks at a non-finite point; a nil marks the break.
    var points: [(x: Double, y: Double)?] = []
    for (index, y) in chart.y.enumerated() {
      let x = chart.x.isEmpty ? Double(index) : (index < chart.x.count ? chart.x[index] : .nan)
      points.append(x.isFinite && y.isFinite ? (x, y) : nil)
    }
    let finite = points.compactMap { $0 }
    guard !finite.isEmpty else { return ChartRenderer.noData(styler) }

    let (xLow, xHigh) = Self.range(finite.map(\.x))
    let (yLow, yHigh) = Self.range(finite.map(\.y))
    let yMiddle = yLow / 2 + yHigh / 2
    let tickTexts = [yHigh, yMiddle, yLow].map {
      ChartRenderer.tickText($0, span: yHigh - yLow)
    }
    let gutterWidth = tickTexts.map(DisplayWidth.of).max() ?? 1
    let plotWidth = max(2, width - gutterWidth - 1)
    let xLabel = SafeText.escape(chart.xLabel)
    let yLabel = SafeText.escape(chart.yLabel)
    let reserved = 2 + (xLabel.isEmpty ? 0 : 1) + (yLabel.isEmpty ? 0 : 1)
    let plotHeight = max(3, height - reserved)

    var canvas = BrailleCanvas(columns: plotWidth, rows: plotHeight)
    func dot(_ point: (x: Double, y: Double)) -> (x: Int, y: Int) {
      let column = Self.scale(point.x, xLow, xHigh, steps: canvas.dotWidth - 1)
      let row = Self.scale(point.y, yLow, yHigh, steps: canvas.dotHeight - 1)
      return (column, canvas.dotHeight - 1 - row)
    }
    var previous: (x: Int, y: Int)?
    for point in points {
      guard let point else {
        previous = nil
        continue
      }
      let current = dot(point)
      if chart.kind == .line, let previous {
        canvas.line(from: previous, to: current)
      } else {
        canvas.set(x: current.x, y: current.y)
      }
      previous = current
    }

    var lines: [String] = []
    if !yLabel.isEmpty {
      lines.append(styler.paint(DisplayWidth.truncate(yLabel, to: width), .muted))
    }
    let seriesStyle = TextStyle(foreground: styler.theme.chartColor(0))
    let middleRow = plotHeight >= 3 ? (plotHeight - 1) / 2 : -1
    for (row, text) in canvas.lines().enumerated() {
      let tick: String
      switch row {
      case 0: tick = tickTexts[0]
      case plotHeight - 1: tick = tickTexts[2]
      case middleRow: tick = tickTexts[1]
      default: tick = ""
      }
      lines.append(
        styler.paint(DisplayWidth.pad(tick, to: gutterWidth, alignment: .right), .muted)
          + styler.paint(tick.isEmpty ? "│" : "┤", .tableBorder)
          + styler.paint(text.trimmingTrailingSpaces(), style: seriesStyle))
    }
    lines.append(
      String(repeating: " ", count: gutterWidth)
        + styler.paint("└" + String(repeating: "─", count: plotWidth), .tableBorder))
    let ticks = ChartRenderer.axisLabels(
      [
        (ChartRenderer.xTickText(xLow, span: xHigh - xLow, temporal: chart.xTemporal), 0),
        (ChartRenderer.xTickText(xHigh, span: xHigh - xLow, temporal: chart.xTemporal), plotWidth),
        (
          ChartRenderer.xTickText(
            xLow / 2 + xHigh / 2, span: xHigh - xLow, temporal: chart.xTemporal),
          plotWidth / 2
        ),
      ], width: plotWidth + 1)
    lines.append(String(repeating: " ", count: gutterWidth) + styler.paint(ticks, .muted))
    if !xLabel.isEmpty {
      lines.append(
        String(repeating: " ", count: gutterWidth + 1)
          + styler.paint(
            DisplayWidth.fit(xLabel, to: plotWidth, alignment: .center).trimmingTrailingSpaces(),
            .muted))
    }
    return lines
  }

  /// The values' range, widened when all values are equal so they plot in
  /// the middle rather than dividing by zero.
  static func range(_ values: [Double]) -> (Double, Double) {
    let low = values.min() ?? 0
    let high = values.max() ?? 0
    guard low == high else { return (low, high) }
    let pad = low == 0 ? 1 : abs(low) / 2
    return (low - pad, high + pad)
  }

  /// `value`'s step in 0...steps across [low, high]; halves avoid overflow
  /// when the range spans most of the doubles.
  static func scale(_ value: Double, _ low: Double, _ high: Double, steps: Int) -> Int {
    let span = high / 2 - low / 2
    guard span > 0 else { return steps / 2 }
    let fraction = (value / 2 - low / 2) / span
    guard fraction.isFinite else { return 0 }
    return Int((min(1, max(0, fraction)) * Double(steps)).rounded())
  }
}
