import DSWCore

/// Vertical block columns, one per bin (bins merge when there are more than
/// columns), counts on the y axis and bin edges on the x axis.
struct HistogramChart {
  static let blocks = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  let chart: ChartOutput
  let styler: Styler

  func lines(width: Int, height: Int) -> [String] {
    var bins = binsFromChart()
    guard !bins.counts.isEmpty else { return ChartRenderer.noData(styler) }

    let xLabel = SafeText.escape(chart.xLabel)
    let yLabel = SafeText.escape(chart.yLabel)
    let largest = bins.counts.max() ?? 0
    let tickTexts = [largest, largest / 2, 0].map(ValueFormatter.formatCompact)
    let gutterWidth = tickTexts.map(DisplayWidth.of).max() ?? 1
    let plotWidth = max(1, width - gutterWidth - 1)
    let reserved = 2 + (xLabel.isEmpty ? 0 : 1) + (yLabel.isEmpty ? 0 : 1)
    let plotHeight = max(3, height - reserved)

    if bins.counts.count > plotWidth {
      bins = bins.merged(groupSize: (bins.counts.count + plotWidth - 1) / plotWidth)
    }
    let binCount = bins.counts.count
    let columnWidth = max(1, plotWidth / binCount)
    let gap = columnWidth >= 3 ? 1 : 0
    let barWidth = columnWidth - gap
    let units = bins.counts.map { count -> Int in
      guard largest > 0, count > 0 else { return 0 }
      return max(1, Int((count / largest * Double(plotHeight * 8)).rounded()))
    }

    var lines: [String] = []
    if !yLabel.isEmpty {
      lines.append(styler.paint(DisplayWidth.truncate(yLabel, to: width), .muted))
    }
    let barStyle = TextStyle(foreground: styler.theme.chartColor(0))
    let middleRow = plotHeight >= 5 ? (plotHeight - 1) / 2 : -1
    for row in 0..<plotHeight {
      let level = plotHeight - 1 - row
      var text = ""
      for unitCount in units {
        let cell = min(8, max(0, unitCount - level * 8))
        text += String(repeating: Self.blocks[cell], count: barWidth)
        text += String(repeating: " ", count: gap)
      }
      let tick: String
      switch row {
      case 0: tick = tickTexts[0]
      case plotHeight - 1: tick = tickTexts[2]
      case middleRow: tick = tickTexts[1]
      default: tick = ""
      }
      var trimmed = text
      while trimmed.hasSuffix(" ") { trimmed.removeLast() }
      lines.append(
        styler.paint(DisplayWidth.pad(tick, to: gutterWidth, alignment: .right), .muted)
          + styler.paint(tick.isEmpty ? "│" : "┤", .tableBorder)
          + styler.paint(trimmed, style: barStyle))
    }
    let drawnWidth = min(plotWidth, binCount * columnWidth)
    lines.append(
      String(repeating: " ", count: gutterWidth)
        + styler.paint("└" + String(repeating: "─", count: drawnWidth), .tableBorder))
    let span = bins.upperEdge - bins.edges[0]
    var wishes: [(text: String, at: Int)] = [
      (ChartRenderer.xTickText(bins.edges[0], span: span, temporal: chart.xTemporal), 0),
      (
        ChartRenderer.xTickText(bins.upperEdge, span: span, temporal: chart.xTemporal),
        binCount * columnWidth
      ),
    ]
    for index in 1..<max(1, binCount) {
      wishes.append(
        (
          ChartRenderer.xTickText(bins.edges[index], span: span, temporal: chart.xTemporal),
          index * columnWidth
        ))
    }
    let ticks = ChartRenderer.axisLabels(wishes, width: drawnWidth + 1)
    lines.append(String(repeating: " ", count: gutterWidth) + styler.paint(ticks, .muted))
    if !xLabel.isEmpty {
      lines.append(
        String(repeating: " ", count: gutterWidth + 1)
          + styler.paint(
            DisplayWidth.fit(xLabel, to: max(1, drawnWidth), alignment: .center)
              .trimmingTrailingSpaces(), .muted))
    }
    return lines
  }

  /// Bin edges and counts, with the upper edge of the last bin.
  struct Bins {
    var edges: [Double]
    var counts: [Double]
    var upperEdge: Double

    func merged(groupSize: Int) -> Bins {
      var mergedEdges: [Double] = []
      var mergedCounts: [Double] = []
      for start in stride(from: 0, to: counts.count, by: groupSize) {
        mergedEdges.append(edges[start])
        mergedCounts.append(counts[start..<min(counts.count, start + groupSize)].reduce(0, +))
      }
      return Bins(edges: mergedEdges, counts: mergedCounts, upperEdge: upperEdge)
    }
  }

  /// Reads `x` as lower edges and `y` as counts. `binWidth` is read as the
  /// bin width when it matches the edges' spacing, else as the last bin's
  /// upper edge (the output model documents it both ways).
  private func binsFromChart() -> Bins {
    var edges: [Double] = []
    var counts: [Double] = []
    for (index, count) in chart.y.enumerated() {
      let edge = index < chart.x.count ? chart.x[index] : Double(index)
      guard edge.isFinite else { continue }
      edges.append(edge)
      counts.append(count.isFinite ? max(0, count) : 0)
    }
    guard let last = edges.last else { return Bins(edges: [], counts: [], upperEdge: 0) }
    let spacing = edges.count >= 2 ? edges[1] - edges[0] : nil
    var upper = last + (spacing ?? 1)
    if let binWidth = chart.binWidth, binWidth.isFinite {
      if let spacing, abs(binWidth - spacing) <= 1e-9 * max(1, abs(spacing)) {
        upper = last + binWidth
      } else if binWidth > last {
        upper = binWidth
      } else if binWidth > 0 {
        upper = last + binWidth
      }
    }
    return Bins(edges: edges, counts: counts, upperEdge: upper)
  }
}

extension String {
  /// The string without trailing spaces.
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
