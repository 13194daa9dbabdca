import DSWCore

/// Line and scatter charts on a braille canvas, with min/mid/max ticks on
/// the y axis and first/middle/last x values below.
struct PlotChart {
  let chart: ChartOutput
  let styler: Styler

  func lines(width: Int, height: Int) -> [String] {
    // A line breaks at a non-finite point; a nil marks the break.
    let series = chart.allSeries.map { series in
      series.y.enumerated().map { index, y -> (x: Double, y: Double)? in
        let x = series.x.isEmpty ? Double(index) : (index < series.x.count ? series.x[index] : .nan)
        return x.isFinite && y.isFinite ? (x, y) : nil
      }
    }
    let finite = series.flatMap { $0.compactMap { $0 } }
    guard !finite.isEmpty else { return ChartRenderer.noData(styler) }
    let several = !chart.series.isEmpty

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
    let legend =
      several
      ? ChartLegend(names: chart.series.map(\.name), styler: styler).lines(width: width) : []
    let reserved = 2 + (xLabel.isEmpty ? 0 : 1) + (yLabel.isEmpty ? 0 : 1) + legend.count
    let plotHeight = max(3, height - reserved)

    var canvas = BrailleCanvas(columns: plotWidth, rows: plotHeight)
    var marks = MarkCanvas(columns: plotWidth, rows: plotHeight)
    let useMarks = several && !styler.enabled
    func dot(_ point: (x: Double, y: Double)) -> (x: Int, y: Int) {
      let column = Self.scale(point.x, xLow, xHigh, steps: canvas.dotWidth - 1)
      let row = Self.scale(point.y, yLow, yHigh, steps: canvas.dotHeight - 1)
      return (column, canvas.dotHeight - 1 - row)
    }
    for (index, points) in series.enumerated() {
      var previous: (x: Int, y: Int)?
      for point in points {
        guard let point else {
          previous = nil
          continue
        }
        var current = dot(point)
        if useMarks { current = (current.x / 2, current.y / 4) }
        if chart.kind == .line, let previous {
          if useMarks {
            marks.line(from: previous, to: current, series: index)
          } else {
            canvas.line(from: previous, to: current, series: index)
          }
        } else if useMarks {
          marks.set(x: current.x, y: current.y, series: index)
        } else {
          canvas.set(x: current.x, y: current.y, series: index)
        }
        previous = current
      }
    }
    let seriesStyle = TextStyle(foreground: styler.theme.chartColor(0))
    let rows: [String]
    if useMarks {
      rows = marks.lines()
    } else if several {
      rows = canvas.lines { text, index in
        styler.paint(text, style: TextStyle(foreground: styler.theme.chartColor(index)))
      }
    } else {
      rows = canvas.lines().map { styler.paint($0.trimmingTrailingSpaces(), style: seriesStyle) }
    }

    var lines: [String] = legend
    if !yLabel.isEmpty {
      lines.append(styler.paint(DisplayWidth.truncate(yLabel, to: width), .muted))
    }
    let middleRow = plotHeight >= 3 ? (plotHeight - 1) / 2 : -1
    for (row, text) in rows.enumerated() {
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
          + text)
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
