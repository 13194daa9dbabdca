/// Continuous quantiles (linear interpolation) per group, by selection.
///
/// Values are bucketed by group with a counting sort, then each group's
/// order statistics are found with quickselect: linear time, no full sort.
/// Many rows are bucketed by both cores (each half of the rows into its
/// own places, so the buckets keep row order), and the groups are then
/// split between the cores by the values they hold.
enum Quantiles {
  static func compute(
    _ column: Column, _ ids: [Int32], _ groups: Int, level: Double,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let buckets =
      switch NumericValues(column) {
      case .ints(let values): try bucket(values, column.validity, ids, groups, limits: limits)
      case .doubles(let values): try bucket(values, column.validity, ids, groups, limits: limits)
      }
    var bucketed = buckets.values
    let offsets = buckets.offsets
    let valueCount = offsets[groups]
    // Halves of the groups holding about half of the values each.
    let middle =
      valueCount >= 2 * ParallelWork.parallelElements
      ? offsets.firstIndex { $0 >= valueCount / 2 } ?? groups : groups
    let groupRanges = [0..<min(middle, groups), min(middle, groups)..<groups].filter {
      !$0.isEmpty
    }
    var result = [Double](repeating: 0, count: groups)
    result.withUnsafeMutableBufferPointer { result in
      bucketed.withUnsafeMutableBufferPointer { buffer in
        let out = SendablePointer(result.baseAddress)
        let values = SendablePointer(buffer.baseAddress)
        ParallelWork.run(parts: groupRanges.count) { part in
          guard let out = out.pointer, let values = values.pointer else { return }
          // Selection is linear in a group's size: check for Ctrl-C once a
          // block's worth of values has been selected, whatever the sizes.
          var sincePoll = 0
          for group in groupRanges[part] {
            let start = offsets[group]
            let count = offsets[group + 1] - start
            if count == 0 { continue }
            sincePoll += count
            if sincePoll >= ExecutionLimits.blockRows {
              if limits.isCancelled() { return }
              sincePoll = 0
            }
            let slice = UnsafeMutableBufferPointer(start: values + start, count: count)
            guard let value = try? interpolated(slice, level: level, limits: limits) else {
              return
            }
            out[group] = value
          }
        }
      }
    }
    try limits.poll()
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups where offsets[group + 1] == offsets[group] { validity.clear(group) }
    return Column(doubles: result, validity: validity)
  }

  /// Each group's non-null values as doubles, together and in row order,
  /// and where each group's values start (with the total at the end).
  private static func bucket<Value: NumericValue>(
    _ values: [Value], _ validity: Bitmap?, _ ids: [Int32], _ groups: Int,
    limits: ExecutionLimits
  ) throws(Diagnostic) -> (values: [Double], offsets: [Int]) {
    let parts = GroupedAggregation.parts(ids.count, groups: groups)
    return try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
        let counts = ParallelWork.map(ranges: parts) { range in
          var counts = [Int](repeating: 0, count: groups)
          counts.withUnsafeMutableBufferPointer { counts in
            limits.blocks(of: range) { rows in
              for row in rows where validity?[row] ?? true { counts[Int(ids[row])] += 1 }
            }
          }
          return counts
        }
        try limits.poll()
        // A group's values from the first part, then from the second.
        var offsets = [Int](repeating: 0, count: groups + 1)
        var cursors = [[Int]](repeating: [Int](repeating: 0, count: groups), count: parts.count)
        var next = 0
        for group in 0..<groups {
          offsets[group] = next
          for part in parts.indices {
            cursors[part][group] = next
            next += counts[part][group]
          }
        }
        offsets[groups] = next
        let total = next
        // Every slot is written below; an interrupted bucketing is dropped.
        let bucketed = [Double](uninitializedCount: total) { out, initialized in
          let target = SendablePointer(out.baseAddress)
          ParallelWork.run(parts: parts.count) { part in
            guard let target = target.pointer else { return }
            var cursor = cursors[part]
            cursor.withUnsafeMutableBufferPointer { cursor in
              limits.blocks(of: parts[part]) { rows in
                for row in rows where validity?[row] ?? true {
                  let group = Int(ids[row])
                  target[cursor[group]] = values[row].asDouble
                  cursor[group] += 1
                }
              }
            }
          }
          initialized = total
        }
        try limits.poll()
        return (bucketed, offsets)
      }
    }
  }

  /// The `level` quantile of the values in `buffer`, which it reorders.
  static func interpolated(
    _ buffer: UnsafeMutableBufferPointer<Double>, level: Double, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Double {
    let position = level * Double(buffer.count - 1)
    let lowIndex = Int(position.rounded(.down))
    let fraction = position - Double(lowIndex)
    let low = try select(buffer, lowIndex, limits: limits)
    if fraction == 0 || lowIndex + 1 >= buffer.count { return low }
    // After selection, everything right of lowIndex is >= low: its minimum is next.
    var high = Double.infinity
    for index in (lowIndex + 1)..<buffer.count { high = min(high, buffer[index]) }
    // Equal neighbours (two infinities among them) are the answer itself:
    // inf + (inf - inf) * f would be NaN.
    if high == low { return low }
    return low + (high - low) * fraction
  }

  /// Hoare-style quickselect: places the k-th smallest at index k. A
  /// partition step polls Ctrl-C after each block of values it has passed.
  static func select(
    _ buffer: UnsafeMutableBufferPointer<Double>, _ k: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Double {
    var left = 0
    var right = buffer.count - 1
    while right > left {
      if right - left < 16 {
        // Insertion sort for small ranges.
        for index in (left + 1)...right {
          let value = buffer[index]
          var position = index - 1
          while position >= left, buffer[position] > value {
            buffer[position + 1] = buffer[position]
            position -= 1
          }
          buffer[position + 1] = value
        }
        return buffer[k]
      }
      let middle = left + (right - left) / 2
      // Median of three as the pivot.
      if buffer[middle] < buffer[left] { buffer.swapAt(middle, left) }
      if buffer[right] < buffer[left] { buffer.swapAt(right, left) }
      if buffer[right] < buffer[middle] { buffer.swapAt(right, middle) }
      let pivot = buffer[middle]
      var i = left
      var j = right
      var nextPoll = ExecutionLimits.blockRows
      while i <= j {
        while buffer[i] < pivot { i += 1 }
        while buffer[j] > pivot { j -= 1 }
        if i <= j {
          buffer.swapAt(i, j)
          i += 1
          j -= 1
        }
        if (i - left) + (right - j) >= nextPoll {
          try limits.poll()
          nextPoll += ExecutionLimits.blockRows
        }
      }
      if k <= j {
        right = j
      } else if k >= i {
        left = i
      } else {
        return buffer[k]
      }
    }
    return buffer[k]
  }
}
