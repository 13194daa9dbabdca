/// Turns a pipeline's rows into a chart's data: what `chart` stores.
///
/// The chart keeps data, not drawing: bars with their values, bins with
/// their counts, points (at most `maxPoints`, taken at even strides).
public enum ChartBuilder {
  static let maxBars = 20
  static let maxPoints = 2000

  static func build(_ plan: ChartPlan, table: Table) -> ChartOutput {
    let xColumn = table.columns[plan.x]
    let yColumn = plan.y.map { table.columns[$0] }
    switch plan.kind {
    case .bar: return bars(plan, xColumn, yColumn, rowCount: table.rowCount)
    case .hist: return histogram(plan, xColumn)
    case .line, .scatter: return points(plan, xColumn, yColumn ?? xColumn)
    }
  }

  private static func bars(_ plan: ChartPlan, _ x: Column, _ y: Column?, rowCount: Int)
    -> ChartOutput
  {
    let grouping = Grouping.group([x], rowCount: rowCount)
    var totals = [Double](repeating: 0, count: grouping.groupCount)
    let values = y?.numericAsDoubles
    for row in 0..<rowCount {
      if let y, y.isNull(row) { continue }
      totals[Int(grouping.groupIDs[row])] += values?[row] ?? 1
    }
    let labels = grouping.firstRows.map { row in
      x.isNull(Int(row)) ? "null" : ValueText.plain(x.value(at: Int(row)))
    }
    // Largest first; ties keep first appearance.
    let order = totals.indices.sorted { totals[$0] > totals[$1] }
    var shownLabels = order.prefix(maxBars).map { labels[$0] }
    var shownValues = order.prefix(maxBars).map { totals[$0] }
    if order.count > maxBars {
      shownLabels.append("other (\(order.count - maxBars))")
      shownValues.append(order.dropFirst(maxBars).reduce(0) { $0 + totals[$1] })
    }
    let yName = plan.yName ?? "count"
    return ChartOutput(
      kind: .bar, title: "\(yName) by \(plan.xName)", xLabel: plan.xName, yLabel: yName,
      labels: shownLabels, y: shownValues)
  }

  /// X values as doubles; dates and timestamps as microseconds since the epoch.
  static func xValues(_ x: Column) -> [Double] {
    switch x.type {
    case .double: return x.doubleValues
    case .date: return x.int64Values.map { Double($0) * Double(CivilTime.microsPerDay) }
    default: return x.int64Values.map { Double($0) }
    }
  }

  private static func histogram(_ plan: ChartPlan, _ x: Column) -> ChartOutput {
    let values = xValues(x)
    var low = Double.infinity
    var high = -Double.infinity
    for row in 0..<values.count where !x.isNull(row) && values[row].isFinite {
      low = min(low, values[row])
      high = max(high, values[row])
    }
    guard low <= high else {
      return ChartOutput(
        kind: .hist, title: "distribution of \(plan.xName)", xLabel: plan.xName, yLabel: "count",
        y: [])
    }
    let bins = plan.bins
    let width = high > low ? (high - low) / Double(bins) : 1
    var counts = [Double](repeating: 0, count: bins)
    for row in 0..<values.count where !x.isNull(row) && values[row].isFinite {
      let bin = min(bins - 1, Int((values[row] - low) / width))
      counts[bin] += 1
    }
    return ChartOutput(
      kind: .hist, title: "distribution of \(plan.xName)", xLabel: plan.xName, yLabel: "count",
      x: (0..<bins).map { low + Double($0) * width }, y: counts, binWidth: width,
      xTemporal: x.type.isTemporal)
  }

  private static func points(_ plan: ChartPlan, _ x: Column, _ y: Column) -> ChartOutput {
    let xs = xValues(x)
    let ys = y.numericAsDoubles
    var rows = (0..<xs.count).filter { !x.isNull($0) && !y.isNull($0) }
    if plan.kind == .line { rows.sort { xs[$0] < xs[$1] } }
    if rows.count > maxPoints {
      let stride = Double(rows.count) / Double(maxPoints)
      rows = (0..<maxPoints).map { rows[Int(Double($0) * stride)] }
    }
    let yName = plan.yName ?? ""
    return ChartOutput(
      kind: plan.kind, title: "\(yName) by \(plan.xName)", xLabel: plan.xName, yLabel: yName,
      x: rows.map { xs[$0] }, y: rows.map { ys[$0] }, xTemporal: x.type.isTemporal)
  }
}
