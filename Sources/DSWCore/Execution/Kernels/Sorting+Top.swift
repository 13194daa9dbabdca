/// `sort … | take N` without sorting everything.
extension Sorting {
  /// The first `limit` rows of the stable order that sorts by `first` and
  /// then by the keys `rest` gives: the same rows as the full sort's first
  /// `limit`.
  ///
  /// A bounded heap finds the `limit`-th smallest value of the first key in
  /// one pass; only the rows at or below it (at least `limit`, in row order)
  /// are then sorted by every key, and `rest` is asked for the other keys at
  /// those rows only (nil asks for every row). When `limit` is a large share
  /// of the rows the full sort is cheaper and is used instead.
  static func top(
    _ first: Key, then rest: (_ rows: [Int32]?) throws(Diagnostic) -> [Key], rowCount: Int,
    limit: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Int32] {
    let wanted = max(0, min(limit, rowCount))
    func fullSort() throws(Diagnostic) -> [Int32] {
      Array(try permutation([first] + rest(nil), rowCount: rowCount, limits: limits).prefix(wanted))
    }
    guard wanted > 0, wanted <= rowCount / 8, rowCount - first.column.nullCount > wanted else {
      return try fullSort()
    }
    let ordered = try normalized(first.column, descending: first.descending, limits: limits)
    let validity = first.column.validity
    let threshold = try smallest(wanted, of: ordered, validity: validity, limits: limits)
    var candidates: [Int32] = []
    candidates.reserveCapacity(wanted * 2)
    try ordered.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
      try limits.blocks(rowCount) { rows in
        for row in rows where buffer[row] <= threshold {
          if let validity, !validity[row] { continue }
          candidates.append(Int32(row))
        }
      }
    }
    let candidateKeys =
      [
        Key(
          column: try first.column.gather(candidates, limits: limits), descending: first.descending)
      ]
      + (try rest(candidates))
    let order = try permutation(candidateKeys, rowCount: candidates.count, limits: limits)
    return order.prefix(wanted).map { candidates[Int($0)] }
  }

  /// The `count`-th smallest of the valid `keys`, through a max-heap of the
  /// `count` smallest seen so far.
  private static func smallest(
    _ count: Int, of keys: [UInt64], validity: Bitmap?, limits: ExecutionLimits
  ) throws(Diagnostic) -> UInt64 {
    var heap: [UInt64] = []
    heap.reserveCapacity(count)
    try keys.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
      try limits.blocks(buffer.count) { rows in
        for row in rows {
          if let validity, !validity[row] { continue }
          let key = buffer[row]
          if heap.count < count {
            heap.append(key)
            siftUp(&heap, heap.count - 1)
          } else if key < heap[0] {
            heap[0] = key
            siftDown(&heap, 0)
          }
        }
      }
    }
    return heap.first ?? 0
  }

  private static func siftUp(_ heap: inout [UInt64], _ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      if heap[parent] >= heap[child] { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private static func siftDown(_ heap: inout [UInt64], _ start: Int) {
    var parent = start
    while true {
      let left = parent * 2 + 1
      if left >= heap.count { return }
      let right = left + 1
      let larger = right < heap.count && heap[right] > heap[left] ? right : left
      if heap[parent] >= heap[larger] { return }
      heap.swapAt(parent, larger)
      parent = larger
    }
  }
}
