/// Aggregate functions computed per group in one pass over the rows.
///
/// Each kernel walks the argument column once with the group ids beside it,
/// accumulating into arrays indexed by group. Nulls are skipped; a group
/// with no values gets null (0 for the counts).
enum GroupedAggregation {
  static func compute(
    _ function: AggregateFunction, arguments: [Column], parameter: Double?, type: DataType,
    grouping: Grouping, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let groups = grouping.groupCount
    let ids = grouping.groupIDs
    switch function {
    case .count:
      guard let argument = arguments.first else { return Column(ints: counts(ids, groups)) }
      return Column(ints: counts(ids, groups, where: argument.validity))
    case .countIf:
      let condition = arguments[0]
      var valid = Bitmap(condition.boolValues)
      if let validity = condition.validity { valid = valid & validity }
      return Column(ints: counts(ids, groups, where: valid))
    case .countDistinct:
      let argument = arguments[0]
      let pairs = Grouping.group(
        [Column(ints: ids.map { Int64($0) }), argument], rowCount: ids.count)
      var result = [Int64](repeating: 0, count: groups)
      for row in pairs.firstRows where !argument.isNull(Int(row)) {
        result[Int(ids[Int(row)])] += 1
      }
      return Column(ints: result)
    case .sum:
      return try sum(arguments[0], ids, groups, type: type, span: span)
    case .mean, .avg:
      return Moments.mean(arguments[0], ids, groups)
    case .variance, .stddev:
      return Moments.variance(arguments[0], ids, groups, stddev: function == .stddev)
    case .corr:
      return Moments.correlation(arguments[0], arguments[1], ids, groups)
    case .median:
      return Quantiles.compute(arguments[0], ids, groups, level: 0.5)
    case .quantile:
      return Quantiles.compute(arguments[0], ids, groups, level: parameter ?? 0.5)
    case .min, .max:
      return Extrema.compute(arguments[0], ids, groups, maximum: function == .max)
    case .first, .last:
      return pick(arguments[0], ids, groups, last: function == .last)
    }
  }

  static func counts(_ ids: [Int32], _ groups: Int, where valid: Bitmap? = nil) -> [Int64] {
    var result = [Int64](repeating: 0, count: groups)
    result.withUnsafeMutableBufferPointer { out in
      ids.withUnsafeBufferPointer { ids in
        if let valid {
          for row in 0..<ids.count where valid[row] { out[Int(ids[row])] &+= 1 }
        } else {
          for row in 0..<ids.count { out[Int(ids[row])] &+= 1 }
        }
      }
    }
    return result
  }

  private static func sum(
    _ column: Column, _ ids: [Int32], _ groups: Int, type: DataType, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let seen = counts(ids, groups, where: column.validity)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups where seen[group] == 0 { validity.clear(group) }
    if type == .double {
      let values = column.doubleValues
      var sums = [Double](repeating: 0, count: groups)
      sums.withUnsafeMutableBufferPointer { out in
        values.withUnsafeBufferPointer { values in
          ids.withUnsafeBufferPointer { ids in
            // Null slots hold 0, so they add nothing.
            for row in 0..<ids.count { out[Int(ids[row])] += values[row] }
          }
        }
      }
      return Column(doubles: sums, validity: validity)
    }
    let values = column.int64Values
    var sums = [Int64](repeating: 0, count: groups)
    // A partial sum may pass the int range and come back: count each wrap
    // (+1 up, -1 down), and only a total that ends outside it is an overflow.
    var wraps: [Int: Int] = [:]
    sums.withUnsafeMutableBufferPointer { out in
      values.withUnsafeBufferPointer { values in
        ids.withUnsafeBufferPointer { ids in
          for row in 0..<ids.count {
            let group = Int(ids[row])
            let (total, overflow) = out[group].addingReportingOverflow(values[row])
            out[group] = total
            if overflow { wraps[group, default: 0] += values[row] > 0 ? 1 : -1 }
          }
        }
      }
    }
    if wraps.values.contains(where: { $0 != 0 }) { throw Arithmetic.overflow(span) }
    return Column(ints: sums, validity: validity)
  }

  /// The first (or last) non-null value of each group.
  private static func pick(_ column: Column, _ ids: [Int32], _ groups: Int, last: Bool) -> Column {
    var chosen = [Int32](repeating: -1, count: groups)
    let rows = Array(0..<ids.count)
    for row in last ? rows.reversed() : rows where !column.isNull(row) {
      let group = Int(ids[row])
      if chosen[group] < 0 { chosen[group] = Int32(row) }
    }
    return column.gather(chosen)
  }
}
