/// Continuous quantiles (linear interpolation) per group, by selection.
///
/// Values are bucketed by group with a counting sort, then each group's
/// order statistics are found with quickselect: linear time, no full sort.
enum Quantiles {
  static func compute(
    _ column: Column, _ ids: [Int32], _ groups: Int, level: Double,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let values = column.numericAsDoubles
    var offsets = [Int](repeating: 0, count: groups + 1)
    try limits.blocks(ids.count) { rows in
      for row in rows where !column.isNull(row) { offsets[Int(ids[row]) + 1] += 1 }
    }
    for group in 0..<groups { offsets[group + 1] += offsets[group] }
    var cursor = offsets
    var bucketed = [Double](repeating: 0, count: offsets[groups])
    try limits.blocks(ids.count) { rows in
      for row in rows where !column.isNull(row) {
        let group = Int(ids[row])
        bucketed[cursor[group]] = values[row]
        cursor[group] += 1
      }
    }
    var result = [Double](repeating: 0, count: groups)
    var validity = Bitmap(count: groups, value: true)
    try bucketed.withUnsafeMutableBufferPointer { (buffer) throws(Diagnostic) in
      // Selection is linear in a group's size: poll once a block's worth of
      // values has been selected, whatever the group sizes.
      var sincePoll = 0
      for group in 0..<groups {
        let start = offsets[group]
        let count = offsets[group + 1] - start
        if count == 0 {
          validity.clear(group)
          continue
        }
        sincePoll += count
        if sincePoll >= ExecutionLimits.blockRows {
          try limits.poll()
          sincePoll = 0
        }
        guard let base = buffer.baseAddress else { continue }
        let slice = UnsafeMutableBufferPointer(start: base + start, count: count)
        result[group] = try interpolated(slice, level: level, limits: limits)
      }
    }
    return Column(doubles: result, validity: validity)
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
