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
      let validity = arguments.first?.validity
      if validity == nil, let sizes = grouping.sizes { return Column(ints: sizes) }
      return Column(ints: try counts(ids, groups, where: validity, limits: limits))
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
      return try sum(
        arguments[0], ids, groups, type: type, sizes: grouping.sizes, span: span, limits: limits)
    case .mean, .avg:
      return try Moments.mean(arguments[0], ids, groups, sizes: grouping.sizes, limits: limits)
    case .variance, .stddev:
      return try Moments.variance(
        arguments[0], ids, groups, stddev: function == .stddev, sizes: grouping.sizes,
        limits: limits)
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

  /// Row ranges for kernels whose per-group state combines: the halves of
  /// many rows over few groups go to both cores, each into arrays of its
  /// own; otherwise one range. The cut depends on the row count alone, so a
  /// result never depends on the machine or on scheduling.
  static func parts(_ rowCount: Int, groups: Int) -> [Range<Int>] {
    rowCount >= 2 * ParallelWork.parallelElements && groups <= rowCount / 16 && groups <= 1 << 20
      ? ParallelWork.ranges(rowCount, parts: 2) : [0..<rowCount]
  }

  /// Per-group state that `body` accumulates over each of the `parts` of
  /// the rows, concurrently, folded by `merge` in row order. `body` polls
  /// with `limits.blocks(of:)`; an interrupted fold throws here.
  static func accumulate<State>(
    rows rowCount: Int, groups: Int, limits: ExecutionLimits, _ body: (Range<Int>) -> State,
    merge: (inout State, State) -> Void
  ) throws(Diagnostic) -> State {
    let partials = ParallelWork.map(ranges: parts(rowCount, groups: groups), body)
    try limits.poll()
    var result = partials.first ?? body(0..<0)
    for partial in partials.dropFirst() { merge(&result, partial) }
    return result
  }

  static func counts(
    _ ids: [Int32], _ groups: Int, where valid: Bitmap? = nil, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Int64] {
    try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
      try accumulate(rows: ids.count, groups: groups, limits: limits) { range in
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
      } merge: { total, part in
        for group in 0..<groups { total[group] &+= part[group] }
      }
    }
  }

  private static func sum(
    _ column: Column, _ ids: [Int32], _ groups: Int, type: DataType, sizes: [Int64]?,
    span: SourceSpan, limits: ExecutionLimits
  ) throws(Diagnostic) -> Column {
    if type == .double {
      // A group with no values is null.
      let (sums, counts) = try Moments.sumsAndCounts(
        column, ids, groups, sizes: sizes, limits: limits)
      var validity = Bitmap(count: groups, value: true)
      for group in 0..<groups where counts[group] == 0 { validity.clear(group) }
      return Column(doubles: sums, validity: validity)
    }
    // A group without values (all null, or no rows) sums to null.
    let seen: [Int64]
    if column.validity == nil, let sizes {
      seen = sizes
    } else {
      seen = try counts(ids, groups, where: column.validity, limits: limits)
    }
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups where seen[group] == 0 { validity.clear(group) }
    // Integers add exactly in any order. A partial sum may pass the int
    // range and come back: count each wrap (+1 up, -1 down), and only a
    // total that ends outside it is an overflow.
    let values = column.int64Values
    let (sums, wraps) = try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
        try accumulate(rows: ids.count, groups: groups, limits: limits) {
          range -> (sums: [Int64], wraps: [Int: Int]) in
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
        } merge: { total, part in
          for (group, count) in part.wraps { total.wraps[group, default: 0] += count }
          for group in 0..<groups {
            let added = part.sums[group]
            let (sum, overflow) = total.sums[group].addingReportingOverflow(added)
            total.sums[group] = sum
            if overflow { total.wraps[group, default: 0] += added > 0 ? 1 : -1 }
          }
        }
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
