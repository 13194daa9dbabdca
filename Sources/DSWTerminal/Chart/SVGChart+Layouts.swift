import DSWCore

/// Line, scatter and histogram charts as SVG: a plot box with y ticks on the
/// left, x ticks below, gridlines at the y ticks, and axis labels.
struct PlotLayout {
  let chart: ChartOutput
  let colours: [String]

  /// Draws below `top`; returns the height used.
  func draw(_ canvas: inout SVGCanvas, top: Double) -> Double {
    let series = chart.allSeries.map { series in
      series.y.enumerated().map { index, y -> (x: Double, y: Double)? in
        let x = series.x.isEmpty ? Double(index) : (index < series.x.count ? series.x[index] : .nan)
        return x.isFinite && y.isFinite ? (x, y) : nil
      }
    }
    let finite = series.flatMap { $0.compactMap { $0 } }
    guard !finite.isEmpty else {
      canvas.text("(no data)", x: 16, y: top + 14, fill: SVGChart.muted)
      return 24
    }
    let isHistogram = chart.kind == .hist
    var xLow = finite.map(\.x).min() ?? 0
    var xHigh = finite.map(\.x).max() ?? 0
    if isHistogram { xHigh += chart.binWidth ?? 0 }
    if xLow == xHigh {
      xLow -= 1
      xHigh += 1
    }
    // Scatter points at the extremes would sit on the frame: widen to round ticks.
    if chart.kind == .scatter, !chart.xTemporal {
      (xLow, xHigh) = SVGChart.niceRange(xLow, xHigh, includeZero: false)
    }
    let (yLow, yHigh) = SVGChart.niceRange(
      finite.map(\.y).min() ?? 0, finite.map(\.y).max() ?? 0, includeZero: isHistogram)
    let yTicks = SVGChart.ticks(yLow, yHigh)
    let yTickTexts = yTicks.map { ChartRenderer.tickText($0, span: yHigh - yLow) }
    let left = 36 + (yTickTexts.map { SVGChart.textWidth($0) }.max() ?? 0)
    let right = SVGChart.width - 24
    let plotTop = top + 4
    let plotBottom = plotTop + SVGChart.plotHeight
    func px(_ x: Double) -> Double { left + (x - xLow) / (xHigh - xLow) * (right - left) }
    func py(_ y: Double) -> Double {
      plotBottom - (y - yLow) / (yHigh - yLow) * SVGChart.plotHeight
    }

    for (tick, text) in zip(yTicks, yTickTexts) {
      canvas.line(x1: left, y1: py(tick), x2: right, y2: py(tick), stroke: SVGChart.grid)
      canvas.text(text, x: left - 6, y: py(tick) + 4, anchor: "end", fill: SVGChart.muted)
    }
    for (tick, text) in xTicks(xLow, xHigh) {
      canvas.line(
        x1: px(tick), y1: plotBottom, x2: px(tick), y2: plotBottom + 4, stroke: SVGChart.muted)
      // Kept inside the picture: a date at either end would otherwise be cut.
      let half = SVGChart.textWidth(text) / 2
      let x = min(max(px(tick), half + 4), SVGChart.width - half - 4)
      canvas.text(text, x: x, y: plotBottom + 18, anchor: "middle", fill: SVGChart.muted)
    }

    for (index, points) in series.enumerated() {
      let colour = colours[index]
      switch chart.kind {
      case .hist:
        let binWidth = chart.binWidth ?? 1
        for point in points.compactMap({ $0 }) {
          let x0 = px(point.x)
          let x1 = px(point.x + binWidth)
          canvas.rect(
            x: x0 + 0.5, y: py(point.y), width: x1 - x0 - 1, height: plotBottom - py(point.y),
            fill: colour)
        }
      case .line:
        var run: [(x: Double, y: Double)] = []
        for point in points {
          if let point {
            run.append((px(point.x), py(point.y)))
          } else {
            if !run.isEmpty { canvas.polyline(run, stroke: colour) }
            run = []
          }
        }
        if run.count == 1 {
          canvas.circle(x: run[0].x, y: run[0].y, radius: 3, fill: colour)
        } else if !run.isEmpty {
          canvas.polyline(run, stroke: colour)
        }
      case .scatter, .bar:
        for point in points.compactMap({ $0 }) {
          canvas.circle(x: px(point.x), y: py(point.y), radius: 2.5, fill: colour)
        }
      }
    }
    canvas.line(x1: left, y1: plotTop, x2: left, y2: plotBottom, stroke: SVGChart.muted)
    canvas.line(x1: left, y1: plotBottom, x2: right, y2: plotBottom, stroke: SVGChart.muted)
    if !chart.xLabel.isEmpty {
      canvas.text(
        chart.xLabel, x: (left + right) / 2, y: plotBottom + 38, anchor: "middle",
        fill: SVGChart.ink)
    }
    if !chart.yLabel.isEmpty {
      let middle = (plotTop + plotBottom) / 2
      canvas.text(
        chart.yLabel, x: 14, y: middle, anchor: "middle", fill: SVGChart.ink, rotate: true)
    }
    return plotBottom - top + 48
  }

  /// X ticks: round numbers, or evenly spaced dates on a time axis.
  private func xTicks(_ low: Double, _ high: Double) -> [(Double, String)] {
    let values =
      chart.xTemporal
      ? (0...4).map { low + (high - low) * Double($0) / 4 } : SVGChart.ticks(low, high)
    return values.map {
      ($0, ChartRenderer.xTickText($0, span: high - low, temporal: chart.xTemporal))
    }
  }
}

/// Bar charts as SVG: horizontal bars, one row per label, grouped by series,
/// labels on the left (shortened without ambiguity) and values on the bars' ends.
struct BarLayout {
  static let barHeight = 16.0
  let chart: ChartOutput
  let colours: [String]

  func draw(_ canvas: inout SVGCanvas, top: Double) -> Double {
    let series = chart.allSeries
    let count = series.map(\.y.count).max() ?? 0
    let values = series.flatMap { $0.y.filter(\.isFinite) }
    guard count > 0, !values.isEmpty else {
      canvas.text("(no data)", x: 16, y: top + 14, fill: SVGChart.muted)
      return 24
    }
    let rawLabels = (0..<count).map {
      SafeText.escape($0 < chart.labels.count ? chart.labels[$0] : String($0 + 1))
    }
    let labels = LabelAbbreviation.abbreviate(rawLabels, to: 28)
    let left = 24 + (labels.map { SVGChart.textWidth($0) }.max() ?? 0)
    let right = SVGChart.width - 72
    let (low, high) = SVGChart.niceRange(
      values.min() ?? 0, values.max() ?? 0, includeZero: true)
    func px(_ value: Double) -> Double { left + (value - low) / (high - low) * (right - left) }
    let rowHeight = Self.barHeight * Double(series.count) + 8
    let plotTop = top + 18
    let plotBottom = plotTop + rowHeight * Double(count)

    let ticks = SVGChart.ticks(low, high)
    if !chart.yLabel.isEmpty {
      canvas.text(chart.yLabel, x: right, y: top + 8, anchor: "end", fill: SVGChart.ink)
    }
    if !chart.xLabel.isEmpty {
      canvas.text(chart.xLabel, x: left - 8, y: top + 8, anchor: "end", fill: SVGChart.ink)
    }
    for tick in ticks {
      canvas.line(x1: px(tick), y1: plotTop, x2: px(tick), y2: plotBottom, stroke: SVGChart.grid)
      canvas.text(
        ChartRenderer.tickText(tick, span: high - low), x: px(tick), y: plotBottom + 16,
        anchor: "middle", fill: SVGChart.muted)
    }
    for index in 0..<count {
      let rowTop = plotTop + Double(index) * rowHeight + 4
      canvas.text(
        labels[index], x: left - 8, y: rowTop + rowHeight / 2, anchor: "end", fill: SVGChart.ink)
      for (seriesIndex, item) in series.enumerated() {
        guard index < item.y.count, item.y[index].isFinite else { continue }
        let value = item.y[index]
        let y = rowTop + Double(seriesIndex) * Self.barHeight
        let start = px(min(0, value))
        let end = px(max(0, value))
        canvas.rect(
          x: start, y: y, width: end - start, height: Self.barHeight - 2,
          fill: colours[seriesIndex],
          title: "\(rawLabels[index]) · \(item.name): \(ValueFormatter.formatCompact(value))")
        canvas.text(
          ValueFormatter.formatCompact(value), x: end + 4, y: y + Self.barHeight - 5, size: 11,
          fill: SVGChart.muted)
      }
    }
    canvas.line(x1: px(0), y1: plotTop, x2: px(0), y2: plotBottom, stroke: SVGChart.muted)
    return plotBottom - top + 28
  }
}
