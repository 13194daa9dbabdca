/// Aggregate functions computed per group in one pass over the rows.
///
/// Each kernel walks the argument column once with the group ids beside it,
/// accumulating into arrays indexed by group. Nulls are skipped; a group
/// with no values gets null (0 for the counts). Every pass polls `limits`
/// for Ctrl-C between blocks of rows.
enum GroupedAggregation {
  static func compute(
    _ function: AggregateFunction, arguments: [Column], parameter: Double?, type: DataType,
    grouping: Grouping, span: SourceSpan, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let groups = grouping.groupCount
    let ids = grouping.groupIDs
    switch function {
    case .count:
      guard let argument = arguments.first else {
        return Column(ints: try counts(ids, groups, limits: limits))
      }
      return Column(ints: try counts(ids, groups, where: argument.validity, limits: limits))
    case .countIf:
      let condition = arguments[0]
      var valid = Bitmap(condition.boolValues)
      if let validity = condition.validity { valid = valid & validity }
      return Column(ints: try counts(ids, groups, where: valid, limits: limits))
    case .countDistinct:
      let argument = arguments[0]
      let pairs = try Grouping.group(
        [Column(ints: ids.map { Int64($0) }), argument], rowCount: ids.count, limits: limits)
      var result = [Int64](repeating: 0, count: groups)
      for row in pairs.firstRows where !argument.isNull(Int(row)) {
        result[Int(ids[Int(row)])] += 1
      }
      return Column(ints: result)
    case .sum:
      return try sum(arguments[0], ids, groups, type: type, span: span, limits: limits)
    case .mean, .avg:
      return try Moments.mean(arguments[0], ids, groups, limits: limits)
    case .variance, .stddev:
      return try Moments.variance(
        arguments[0], ids, groups, stddev: function == .stddev, limits: limits)
    case .corr:
      return try Moments.correlation(arguments[0], arguments[1], ids, groups, limits: limits)
    case .median:
      return try Quantiles.compute(arguments[0], ids, groups, level: 0.5, limits: limits)
    case .quantile:
      return try Quantiles.compute(
        arguments[0], ids, groups, level: parameter ?? 0.5, limits: limits)
    case .min, .max:
      return try Extrema.compute(
        arguments[0], ids, groups, maximum: function == .max, limits: limits)
    case .first, .last:
      return try pick(arguments[0], ids, groups, last: function == .last, limits: limits)
    }
  }

  /// Row ranges for kernels whose per-group state is exact to combine
  /// (counts, integer sums): the halves of many rows over few groups go to
  /// both cores, each into arrays of its own; otherwise one range.
  private static func parts(_ rowCount: Int, groups: Int) -> [Range<Int>] {
    rowCount >= 2 * ParallelWork.parallelElements && groups <= rowCount / 16 && groups <= 1 << 20
      ? ParallelWork.ranges(rowCount, parts: 2) : [0..<rowCount]
  }

  static func counts(
    _ ids: [Int32], _ groups: Int, where valid: Bitmap? = nil, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Int64] {
    let partials = ids.withUnsafeBufferPointer { ids in
      ParallelWork.map(ranges: parts(ids.count, groups: groups)) { range in
        var local = [Int64](repeating: 0, count: groups)
        local.withUnsafeMutableBufferPointer { local in
          limits.blocks(of: range) { rows in
            if let valid {
              for row in rows where valid[row] { local[Int(ids[row])] &+= 1 }
            } else {
              for row in rows { local[Int(ids[row])] &+= 1 }
            }
          }
        }
        return local
      }
    }
    try limits.poll()
    var result = partials[0]
    for partial in partials.dropFirst() {
      for group in 0..<groups { result[group] &+= partial[group] }
    }
    return result
  }

  private static func sum(
    _ column: Column, _ ids: [Int32], _ groups: Int, type: DataType, span: SourceSpan,
    limits: ExecutionLimits
  ) throws(Diagnostic) -> Column {
    let seen = try counts(ids, groups, where: column.validity, limits: limits)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups where seen[group] == 0 { validity.clear(group) }
    if type == .double {
      // Doubles are added in row order on one core, so a sum never depends
      // on how the rows were split.
      let values = column.doubleValues
      var sums = [Double](repeating: 0, count: groups)
      try sums.withUnsafeMutableBufferPointer { (out) throws(Diagnostic) in
        try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
          try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
            // Null slots hold 0, so they add nothing.
            try limits.blocks(ids.count) { rows in
              for row in rows { out[Int(ids[row])] += values[row] }
            }
          }
        }
      }
      return Column(doubles: sums, validity: validity)
    }
    // Integers add exactly in any order, so the halves of many rows go to
    // both cores. A partial sum may pass the int range and come back: count
    // each wrap (+1 up, -1 down), and only a total that ends outside it is
    // an overflow.
    let values = column.int64Values
    let partials = values.withUnsafeBufferPointer { values in
      ids.withUnsafeBufferPointer { ids in
        ParallelWork.map(ranges: parts(ids.count, groups: groups)) { range in
          var sums = [Int64](repeating: 0, count: groups)
          var wraps: [Int: Int] = [:]
          sums.withUnsafeMutableBufferPointer { sums in
            limits.blocks(of: range) { rows in
              for row in rows {
                let group = Int(ids[row])
                let (total, overflow) = sums[group].addingReportingOverflow(values[row])
                sums[group] = total
                if overflow { wraps[group, default: 0] += values[row] > 0 ? 1 : -1 }
              }
            }
          }
          return (sums: sums, wraps: wraps)
        }
      }
    }
    try limits.poll()
    var (sums, wraps) = partials[0]
    for partial in partials.dropFirst() {
      for (group, count) in partial.wraps { wraps[group, default: 0] += count }
      for group in 0..<groups {
        let added = partial.sums[group]
        let (total, overflow) = sums[group].addingReportingOverflow(added)
        sums[group] = total
        if overflow { wraps[group, default: 0] += added > 0 ? 1 : -1 }
      }
    }
    if wraps.values.contains(where: { $0 != 0 }) { throw Arithmetic.overflow(span) }
    return Column(ints: sums, validity: validity)
  }

  /// The first (or last) non-null value of each group.
  private static func pick(
    _ column: Column, _ ids: [Int32], _ groups: Int, last: Bool, limits: ExecutionLimits
  ) throws(Diagnostic) -> Column {
    var chosen = [Int32](repeating: -1, count: groups)
    // Later rows overwrite for `last`; earlier rows are kept for `first`.
    try limits.blocks(ids.count) { rows in
      for row in rows where !column.isNull(row) {
        let group = Int(ids[row])
        if last || chosen[group] < 0 { chosen[group] = Int32(row) }
      }
    }
    return column.gather(chosen)
  }
}
