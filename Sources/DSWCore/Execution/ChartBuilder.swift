/// Turns a pipeline's rows into a chart's data: what `chart` stores.
///
/// The chart keeps data, not drawing: bars with their values, bins with
/// their counts, points (at most `maxPoints` in all, taken at even strides).
/// Several y columns, or `by COLUMN`, give one series each; at most
/// `maxSeries` are kept, the largest first, and the title says how many
/// were left out.
public enum ChartBuilder {
  static let maxBars = 20
  static let maxPoints = 2000
  static let maxSeries = 8

  static func build(_ plan: ChartPlan, table: Table) -> ChartOutput {
    let x = table.columns[plan.x]
    let y = plan.y.map { table.columns[$0] }
    let by = plan.by.map { table.columns[$0] }
    switch plan.kind {
    case .bar: return bars(plan, x, y, by, rowCount: table.rowCount)
    case .hist: return histogram(plan, x)
    case .line, .scatter: return points(plan, x, y, by, rowCount: table.rowCount)
    }
  }

  /// One series before it is cut down: its name and the rows it draws.
  private struct Split {
    var name: String
    var y: Column
    var rows: [Int]
  }

  /// The rows of each series: one per y column, or one per value of `by`.
  private static func splits(_ plan: ChartPlan, _ y: [Column], _ by: Column?, rowCount: Int)
    -> [Split]
  {
    guard let by, let column = y.first else {
      return zip(plan.yNames, y).map { Split(name: $0, y: $1, rows: Array(0..<rowCount)) }
    }
    let grouping = Grouping.group([by], rowCount: rowCount)
    var rows = [[Int]](repeating: [], count: grouping.groupCount)
    for row in 0..<rowCount { rows[Int(grouping.groupIDs[row])].append(row) }
    return grouping.firstRows.enumerated().map { group, first in
      Split(name: label(by, Int(first)), y: column, rows: rows[group])
    }
  }

  private static func label(_ column: Column, _ row: Int) -> String {
    column.isNull(row) ? "null" : ValueText.plain(column.value(at: row))
  }

  /// The `maxSeries` series with the largest `weight`, largest first (ties
  /// keep first appearance), and how many were left out. Series named by y
  /// columns keep the order they were written in.
  private static func largest<T>(_ series: [T], byValue: Bool, weight: (T) -> Double)
    -> ([T], dropped: Int)
  {
    guard series.count > 1 else { return (series, 0) }
    guard byValue else {
      return (Array(series.prefix(maxSeries)), max(0, series.count - maxSeries))
    }
    let weights = series.map(weight)
    let order = series.indices.sorted { weights[$0] > weights[$1] }
    return (order.prefix(maxSeries).map { series[$0] }, max(0, series.count - maxSeries))
  }

  private static func title(_ plan: ChartPlan, yName: String, shown: Int, dropped: Int) -> String {
    var title = "\(yName) by \(plan.xName)"
    if let byName = plan.byName { title += " and \(byName)" }
    if dropped > 0 { title += " (the \(shown) largest of \(shown + dropped) series)" }
    return title
  }

  private static func bars(
    _ plan: ChartPlan, _ x: Column, _ y: [Column], _ by: Column?, rowCount: Int
  ) -> ChartOutput {
    let grouping = Grouping.group([x], rowCount: rowCount)
    let labels = grouping.firstRows.map { label(x, Int($0)) }
    var splits =
      y.isEmpty && by != nil
      ? splitsCounting(by, rowCount: rowCount) : splits(plan, y, by, rowCount: rowCount)
    if splits.isEmpty { splits = [Split(name: "count", y: x, rows: Array(0..<rowCount))] }
    let counting = y.isEmpty
    // Totals per series and x category.
    var totals = splits.map { split in
      var sums = [Double](repeating: 0, count: grouping.groupCount)
      let values = counting ? nil : split.y.numericAsDoubles
      for row in split.rows {
        if !counting, split.y.isNull(row) { continue }
        sums[Int(grouping.groupIDs[row])] += values?[row] ?? 1
      }
      return sums
    }
    let kept = largest(Array(totals.indices), byValue: by != nil) { totals[$0].reduce(0, +) }
    let keptSplits = kept.0.map { splits[$0] }
    totals = kept.0.map { totals[$0] }
    let overall = (0..<grouping.groupCount).map { group in totals.reduce(0) { $0 + $1[group] } }
    // Largest first; ties keep first appearance.
    let order = overall.indices.sorted { overall[$0] > overall[$1] }
    var shownLabels = order.prefix(maxBars).map { labels[$0] }
    var shownTotals = totals.map { sums in order.prefix(maxBars).map { sums[$0] } }
    if order.count > maxBars {
      shownLabels.append("other (\(order.count - maxBars))")
      for index in shownTotals.indices {
        shownTotals[index].append(order.dropFirst(maxBars).reduce(0) { $0 + totals[index][$1] })
      }
    }
    let yName =
      counting
      ? "count" : (plan.by == nil ? plan.yNames.joined(separator: ", ") : plan.yNames[0])
    let chartTitle = title(plan, yName: yName, shown: keptSplits.count, dropped: kept.dropped)
    if keptSplits.count == 1 && plan.by == nil {
      return ChartOutput(
        kind: .bar, title: chartTitle, xLabel: plan.xName, yLabel: yName, labels: shownLabels,
        y: shownTotals[0])
    }
    return ChartOutput(
      kind: .bar, title: chartTitle, xLabel: plan.xName, yLabel: yName, labels: shownLabels, y: [],
      series: zip(keptSplits, shownTotals).map { ChartSeries(name: $0.name, y: $1) })
  }

  /// Series for `chart bar X by C` with no y column: rows counted per value of `C`.
  private static func splitsCounting(_ by: Column?, rowCount: Int) -> [Split] {
    guard let by else { return [] }
    let grouping = Grouping.group([by], rowCount: rowCount)
    var rows = [[Int]](repeating: [], count: grouping.groupCount)
    for row in 0..<rowCount { rows[Int(grouping.groupIDs[row])].append(row) }
    return grouping.firstRows.enumerated().map { group, first in
      Split(name: label(by, Int(first)), y: by, rows: rows[group])
    }
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

  private static func points(
    _ plan: ChartPlan, _ x: Column, _ y: [Column], _ by: Column?, rowCount: Int
  ) -> ChartOutput {
    let xs = xValues(x)
    var splits = splits(plan, y, by, rowCount: rowCount)
    for index in splits.indices {
      let column = splits[index].y
      splits[index].rows.removeAll { x.isNull($0) || column.isNull($0) }
    }
    let kept = largest(splits, byValue: by != nil) { split in
      guard plan.kind == .line else { return Double(split.rows.count) }
      let values = split.y.numericAsDoubles
      return split.rows.reduce(0) { $0 + abs(values[$1]) }
    }
    let budget = max(1, maxPoints / max(1, kept.0.count))
    let series = kept.0.map { split in
      var rows = split.rows
      if plan.kind == .line { rows.sort { xs[$0] < xs[$1] } }
      if rows.count > budget {
        let stride = Double(rows.count) / Double(budget)
        rows = (0..<budget).map { rows[Int(Double($0) * stride)] }
      }
      let ys = split.y.numericAsDoubles
      return ChartSeries(name: split.name, x: rows.map { xs[$0] }, y: rows.map { ys[$0] })
    }
    let yName = plan.by == nil ? plan.yNames.joined(separator: ", ") : plan.yNames[0]
    let chartTitle = title(plan, yName: yName, shown: series.count, dropped: kept.dropped)
    if series.count == 1 && plan.by == nil {
      return ChartOutput(
        kind: plan.kind, title: chartTitle, xLabel: plan.xName, yLabel: yName, x: series[0].x,
        y: series[0].y, xTemporal: x.type.isTemporal)
    }
    return ChartOutput(
      kind: plan.kind, title: chartTitle, xLabel: plan.xName, yLabel: yName, y: [],
      xTemporal: x.type.isTemporal, series: series)
  }
}
