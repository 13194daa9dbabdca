/// Window functions over partitions, each in the partition's sort order.
///
/// Rows are sorted by (partition, order keys) once; every function then
/// walks that order and writes its result back at each row's own position,
/// so the output keeps the input's row order.
struct WindowKernel {
  let grouping: Grouping
  /// Rows sorted by partition then order keys.
  let order: [Int32]
  /// Normalized order keys per key, by row, for detecting ties.
  let orderKeys: [[UInt64]]
  /// Validity of each order key: a null's payload must not tie with a value.
  let orderNulls: [Bitmap?]
  let rowCount: Int
  /// Polled between blocks of rows while functions are computed.
  let limits: ExecutionLimits

  init(
    partitionKeys: [Column], orderKeys keys: [Sorting.Key], rowCount: Int,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) {
    grouping = try Grouping.group(partitionKeys, rowCount: rowCount, limits: limits)
    try limits.poll()
    var orderKeys: [[UInt64]] = []
    for key in keys {
      orderKeys.append(
        try Sorting.normalized(key.column, descending: key.descending, limits: limits))
    }
    self.orderKeys = orderKeys
    orderNulls = keys.map(\.column.validity)
    order = try Sorting.partitioned(
      grouping.groupIDs, groupCount: grouping.groupCount, keys: orderKeys, nulls: orderNulls,
      limits: limits)
    self.rowCount = rowCount
    self.limits = limits
  }

  /// Calls `body(start, end)` for each partition's range within `order`,
  /// polling Ctrl-C once a block of rows has been passed.
  private func forEachPartition(_ body: (Int, Int) -> Void) throws(Diagnostic) {
    try grouping.groupIDs.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
      try order.withUnsafeBufferPointer { (order) throws(Diagnostic) in
        var start = 0
        var nextPoll = 0
        while start < rowCount {
          if start >= nextPoll {
            try limits.poll()
            nextPoll = start + ExecutionLimits.blockRows
          }
          let partition = ids[Int(order[start])]
          var end = start + 1
          while end < rowCount, ids[Int(order[end])] == partition { end += 1 }
          body(start, end)
          start = end
        }
      }
    }
  }

  private func tied(_ a: Int32, _ b: Int32) -> Bool {
    for (key, nulls) in zip(orderKeys, orderNulls) {
      let aNull = nulls.map { !$0[Int(a)] } ?? false
      let bNull = nulls.map { !$0[Int(b)] } ?? false
      if aNull != bNull || (!aNull && key[Int(a)] != key[Int(b)]) { return false }
    }
    return true
  }

  func compute(_ call: CollectedCall, arguments: [Column]) throws(Diagnostic) -> Column {
    if case .window(let function) = call.function, function == .runningSum, call.type == .int {
      return try runningIntSum(arguments[0], span: call.span)
    }
    switch call.function {
    case .aggregate(let function):
      let perPartition = try GroupedAggregation.compute(
        function, arguments: arguments, parameter: call.parameter, type: call.type,
        grouping: grouping, span: call.span, limits: limits)
      return try perPartition.gather(grouping.groupIDs, limits: limits)
    case .window(let function):
      return try window(
        function, arguments: arguments, parameter: call.parameter, type: call.type)
    }
  }

  /// `running_sum` of ints, exact, with overflow as an error.
  private func runningIntSum(_ input: Column, span: SourceSpan) throws(Diagnostic) -> Column {
    let values = input.int64Values
    var sums = [Int64](repeating: 0, count: rowCount)
    var validity = Bitmap(count: rowCount, value: false)
    var overflowed = false
    try forEachPartition { start, end in
      var sum: Int64 = 0
      var seen = false
      for position in start..<end {
        let row = Int(order[position])
        if !input.isNull(row) {
          let (total, overflow) = sum.addingReportingOverflow(values[row])
          overflowed = overflowed || overflow
          sum = total
          seen = true
        }
        if seen {
          validity.set(row)
          sums[row] = sum
        }
      }
    }
    if overflowed { throw Arithmetic.overflow(span) }
    return Column(ints: sums, validity: validity)
  }

  private func window(
    _ function: WindowFunction, arguments: [Column], parameter: Double?, type: DataType
  ) throws(Diagnostic) -> Column {
    switch function {
    case .rowNumber, .runningCount, .ntile:
      var result = [Int64](repeating: 0, count: rowCount)
      let buckets = Int(parameter ?? 1)
      try result.withUnsafeMutableBufferPointer { (out) throws(Diagnostic) in
        try order.withUnsafeBufferPointer { (order) throws(Diagnostic) in
          try forEachPartition { start, end in
            let size = end - start
            // ntile: sizes differ by at most one, larger buckets first.
            let base = size / max(buckets, 1)
            let extra = size % max(buckets, 1)
            let boundary = extra * (base + 1)
            for position in start..<end {
              let index = position - start
              if function == .ntile {
                out[Int(order[position])] = Int64(
                  index < boundary
                    ? index / (base + 1) + 1 : extra + (index - boundary) / max(base, 1) + 1)
              } else {
                out[Int(order[position])] = Int64(index + 1)
              }
            }
          }
        }
      }
      return Column(ints: result)
    case .rank, .denseRank:
      var result = [Int64](repeating: 0, count: rowCount)
      try forEachPartition { start, end in
        var rank: Int64 = 1
        var dense: Int64 = 1
        for position in start..<end {
          let index = position - start
          if index > 0, !tied(order[position - 1], order[position]) {
            rank = Int64(index + 1)
            dense += 1
          }
          result[Int(order[position])] = function == .rank ? rank : dense
        }
      }
      return Column(ints: result)
    case .lag, .lead:
      let offset = Int(parameter ?? 1) * (function == .lag ? -1 : 1)
      var source = [Int32](repeating: -1, count: rowCount)
      try forEachPartition { start, end in
        for position in start..<end {
          let target = position + offset
          if target >= start, target < end { source[Int(order[position])] = order[target] }
        }
      }
      return try arguments[0].gather(source, limits: limits)
    case .runningSum, .runningMean:
      let input = arguments[0]
      let values = input.numericAsDoubles
      let ints = type == .int ? input.int64Values : []
      var doubles = [Double](repeating: 0, count: rowCount)
      var integers = [Int64](repeating: 0, count: rowCount)
      var validity = Bitmap(count: rowCount, value: false)
      try forEachPartition { start, end in
        var sum = 0.0
        var intSum: Int64 = 0
        var seen = 0
        for position in start..<end {
          let row = Int(order[position])
          if !input.isNull(row) {
            sum += values[row]
            if !ints.isEmpty { intSum = intSum &+ ints[row] }
            seen += 1
          }
          if seen > 0 {
            validity.set(row)
            doubles[row] = function == .runningMean ? sum / Double(seen) : sum
            integers[row] = intSum
          }
        }
      }
      return type == .int
        ? Column(ints: integers, validity: validity) : Column(doubles: doubles, validity: validity)
    }
  }
}
