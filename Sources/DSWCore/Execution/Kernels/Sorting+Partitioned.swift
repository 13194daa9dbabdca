extension Sorting {
  /// Rows grouped by partition (in partition-id order), each partition sorted
  /// by `keys` (normalized, nulls last), ties in row order.
  ///
  /// A counting sort places the partitions; each partition is then sorted on
  /// its own, which is far cheaper than radix-sorting all rows by a wide key
  /// when partitions are small (the usual case for windows).
  ///
  /// Polls `limits` between blocks of rows; the two parts sorted in parallel
  /// stop at their next block once Ctrl-C is seen.
  static func partitioned(
    _ partitionIDs: [Int32], groupCount: Int, keys: [[UInt64]], nulls: [Bitmap?],
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Int32] {
    let rowCount = partitionIDs.count
    // Radix passes of 256 buckets keep the scatter cache-friendly, unlike one
    // counting pass over many thousands of partitions.
    var order = try stableSort(
      (0..<rowCount).map { Int32($0) }, by: partitionIDs.map { UInt64(UInt32(bitPattern: $0)) },
      nulls: nil, limits: limits)
    var starts = [Int](repeating: 0, count: groupCount + 1)
    for id in partitionIDs { starts[Int(id) + 1] += 1 }
    for group in 0..<groupCount { starts[group + 1] += starts[group] }
    if keys.isEmpty { return order }
    let oneKey = keys.count == 1 && nulls[0] == nil
    // Partitions are independent: sort them on both cores, each part its own
    // run of partitions (disjoint ranges of `order`) and its own scratch.
    let parts = rowCount > 1 << 16 ? 2 : 1
    order.withUnsafeMutableBufferPointer { buffer in
      let shared = buffer
      ParallelWork.run(parts: parts) { part in
        var scratch: [(UInt64, Int32)] = []
        let first = groupCount * part / parts
        let last = groupCount * (part + 1) / parts
        var sorted = 0
        for group in first..<last {
          let (start, end) = (starts[group], starts[group + 1])
          if oneKey {
            sortRange(shared, start, end, keys[0], &scratch, limits)
          } else {
            sortRange(shared, start, end, keys: keys, nulls: nulls, &scratch)
          }
          sorted += end - start
          if sorted >= ExecutionLimits.blockRows {
            if limits.isCancelled() { return }
            sorted = 0
          }
        }
      }
    }
    try limits.poll()
    return order
  }

  /// Sorts `buffer[start..<end]` (row ids) by each key in turn (nulls last),
  /// then by row. The rows are sorted as pairs with their first key's value,
  /// which decides most comparisons without reading the other keys.
  private static func sortRange(
    _ buffer: UnsafeMutableBufferPointer<Int32>, _ start: Int, _ end: Int, keys: [[UInt64]],
    nulls: [Bitmap?], _ scratch: inout [(UInt64, Int32)]
  ) {
    if end - start < 2 { return }
    func less(_ a: Int32, _ b: Int32, from first: Int) -> Bool {
      for index in first..<keys.count {
        if let validity = nulls[index] {
          let aNull = !validity[Int(a)]
          let bNull = !validity[Int(b)]
          if aNull != bNull { return bNull }
          if aNull { continue }
        }
        let x = keys[index][Int(a)]
        let y = keys[index][Int(b)]
        if x != y { return x < y }
      }
      return a < b
    }
    scratch.removeAll(keepingCapacity: true)
    for position in start..<end {
      scratch.append((keys[0][Int(buffer[position])], buffer[position]))
    }
    if nulls[0] == nil {
      scratch.sort { $0.0 != $1.0 ? $0.0 < $1.0 : less($0.1, $1.1, from: 1) }
    } else {
      scratch.sort { less($0.1, $1.1, from: 0) }
    }
    for (offset, pair) in scratch.enumerated() { buffer[start + offset] = pair.1 }
  }

  /// Sorts `buffer[start..<end]` (row ids) by `key[row]`, then by row.
  private static func sortRange(
    _ buffer: UnsafeMutableBufferPointer<Int32>, _ start: Int, _ end: Int, _ key: [UInt64],
    _ scratch: inout [(UInt64, Int32)], _ limits: ExecutionLimits
  ) {
    let count = end - start
    if count < 2 { return }
    if count <= 32 {
      // Insertion sort: stable, and the rows arrive in ascending order.
      for index in (start + 1)..<end {
        let row = buffer[index]
        let value = key[Int(row)]
        var position = index - 1
        while position >= start, key[Int(buffer[position])] > value {
          buffer[position + 1] = buffer[position]
          position -= 1
        }
        buffer[position + 1] = row
      }
      return
    }
    if count > 1 << 16 {
      // Interrupted, the range is left as it was; the caller then throws.
      guard
        let sorted = try? stableSort(
          Array(buffer[start..<end]), by: key, nulls: nil, limits: limits)
      else { return }
      for (offset, row) in sorted.enumerated() { buffer[start + offset] = row }
      return
    }
    // One scratch buffer serves every partition: no allocation per partition.
    scratch.removeAll(keepingCapacity: true)
    for position in start..<end { scratch.append((key[Int(buffer[position])], buffer[position])) }
    scratch.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    for (offset, pair) in scratch.enumerated() { buffer[start + offset] = pair.1 }
  }
}
