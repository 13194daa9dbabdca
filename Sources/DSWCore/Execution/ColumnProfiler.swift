/// `describe`: a profile of every column, one row per column.
///
/// Each column costs a few linear passes: counts and moments, a grouping
/// for distinct values, and selection (not sorting) for the quantiles.
public enum ColumnProfiler {
  static let sparkline: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  public static let columns = [
    "column", "type", "nulls", "null_pct", "distinct", "min", "max", "mean", "stddev", "p25",
    "p50", "p75", "top", "histogram",
  ]
  static let types: [DataType] = [
    .string, .string, .int, .double, .int, .string, .string, .double, .double, .double, .double,
    .double, .string, .string,
  ]

  public static func describe(_ table: Table, limits: ExecutionLimits = .none)
    throws(Diagnostic) -> TableOutput
  {
    var rows: [[Value]] = []
    for (name, column) in zip(table.names, table.columns) {
      rows.append(try profile(name, column, rowCount: table.rowCount, limits: limits))
    }
    return TableOutput(columns: columns, types: types, rows: rows, totalRows: rows.count)
  }

  static func profile(_ name: String, _ column: Column, rowCount: Int, limits: ExecutionLimits)
    throws(Diagnostic) -> [Value]
  {
    let nulls = column.nullCount
    let present = rowCount - nulls
    let grouping = try Grouping.group([column], rowCount: rowCount, limits: limits)
    let distinct = grouping.groupCount - (nulls > 0 ? 1 : 0)
    var row: [Value] = [
      .string(name), .string(column.type.rawValue), .int(Int64(nulls)),
      rowCount == 0 ? .null : .double((Double(nulls) / Double(rowCount) * 1000).rounded() / 10),
      .int(Int64(max(0, rowCount == 0 ? 0 : distinct))),
    ]
    let ids = [Int32](repeating: 0, count: rowCount)
    if present == 0 {
      return row + Array(repeating: .null, count: 9)
    }
    let minimum = try Extrema.compute(column, ids, 1, maximum: false, limits: limits).value(at: 0)
    let maximum = try Extrema.compute(column, ids, 1, maximum: true, limits: limits).value(at: 0)
    row += [.string(ValueText.plain(minimum)), .string(ValueText.plain(maximum))]
    if column.type.isNumeric {
      let mean = try Moments.mean(column, ids, 1, limits: limits).value(at: 0)
      let stddev = try Moments.variance(column, ids, 1, stddev: true, limits: limits).value(at: 0)
      var values: [Double] = []
      values.reserveCapacity(present)
      let payload = column.numericAsDoubles
      for index in 0..<rowCount where !column.isNull(index) { values.append(payload[index]) }
      let quantiles = try values.withUnsafeMutableBufferPointer {
        (buffer) throws(Diagnostic) -> [Double] in
        var found: [Double] = []
        for level in [0.25, 0.5, 0.75] {
          found.append(try Quantiles.interpolated(buffer, level: level, limits: limits))
        }
        return found
      }
      row += [mean, stddev] + quantiles.map { .double($0) }
      row += [.null, .string(histogram(values))]
    } else {
      row += Array(repeating: .null, count: 5)
      row.append(try top(column, grouping, present: present, limits: limits))
      row.append(.null)
    }
    return row
  }

  /// The most frequent value and its share of the non-null rows.
  /// The three most frequent values with their shares of the non-null rows,
  /// most frequent first (ties in order of first appearance).
  static func top(_ column: Column, _ grouping: Grouping, present: Int, limits: ExecutionLimits)
    throws(Diagnostic) -> Value
  {
    let counts = try GroupedAggregation.counts(
      grouping.groupIDs, grouping.groupCount, where: column.validity, limits: limits)
    let ranked = counts.indices.filter { counts[$0] > 0 }
      .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    guard !ranked.isEmpty else { return .null }
    let parts = ranked.prefix(3).map { group -> String in
      let value = ValueText.plain(column.value(at: Int(grouping.firstRows[group])))
      let share = Int((Double(counts[group]) / Double(present) * 100).rounded())
      return "\(value) (\(share)%)"
    }
    return .string(parts.joined(separator: ", "))
  }

  static func histogram(_ values: [Double]) -> String {
    guard let low = values.min(), let high = values.max(), high > low else {
      return String(repeating: sparkline[3], count: 1)
    }
    let binCount = 10
    var bins = [Int](repeating: 0, count: binCount)
    let width = (high - low) / Double(binCount)
    for value in values { bins[min(binCount - 1, Int((value - low) / width))] += 1 }
    let peak = bins.max() ?? 1
    return String(
      bins.map { count in
        count == 0 ? " " : sparkline[min(7, count * 8 / max(peak, 1))]
      })
  }
}
