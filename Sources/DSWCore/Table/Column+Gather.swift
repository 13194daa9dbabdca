/// Gathering rows by index: the one primitive behind filter, sort, take,
/// joins and sampling. An index of -1 produces a null row.
extension Column {
  public func gather(_ indices: [Int32]) -> Column {
    gather(indices, until: nil) ?? self
  }

  /// The same, polling Ctrl-C between blocks of rows: gathering a column of
  /// a billion-row join is a long pass of its own.
  func gather(_ indices: [Int32], limits: ExecutionLimits) throws(Diagnostic) -> Column {
    let gathered = gather(indices, until: limits.isCancelled)
    try limits.poll()
    return gathered ?? self
  }

  /// Nil once `cancelled` answers true between blocks (the work is dropped).
  private func gather(_ indices: [Int32], until cancelled: (@Sendable () -> Bool)?) -> Column? {
    let count = indices.count
    // Each half of the output (halves cut at a multiple of 64, so that each
    // writes whole validity words) is gathered 64 rows at a time: the values,
    // and a validity word whose bit is clear for a null row or an index of
    // -1. Each half asks `cancelled` before each block of rows.
    let wordCount = (count + 63) >> 6
    var words = [UInt64](uninitializedCount: wordCount) { $1 = $0.count }
    var allValid = [Bool](repeating: true, count: 2)
    var stopped = [Bool](repeating: false, count: 2)
    let sourceValidity = validity?.words ?? []
    let checksValidity = validity != nil
    func pick<T>(_ values: [T], _ zero: T) -> [T] {
      let half = count >= ParallelWork.parallelElements ? (count / 2) & ~63 : count
      let parts = [0..<half, half..<count]
      return [T](uninitializedCount: count) { out, initialized in
        values.withUnsafeBufferPointer { source in
          indices.withUnsafeBufferPointer { indices in
            sourceValidity.withUnsafeBufferPointer { sourceValidity in
              words.withUnsafeMutableBufferPointer { words in
                allValid.withUnsafeMutableBufferPointer { allValid in
                  stopped.withUnsafeMutableBufferPointer { stopped in
                    let target = SendablePointer(out.baseAddress)
                    let wordTarget = SendablePointer(words.baseAddress)
                    let validTarget = SendablePointer(allValid.baseAddress)
                    let stopTarget = SendablePointer(stopped.baseAddress)
                    ParallelWork.run(parts: parts[1].isEmpty ? 1 : 2) { part in
                      guard let out = target.pointer, let words = wordTarget.pointer else { return }
                      let range = parts[part]
                      var every = true
                      var start = range.lowerBound
                      while start < range.upperBound {
                        if (start - range.lowerBound) % ExecutionLimits.blockRows == 0,
                          let cancelled, cancelled()
                        {
                          stopTarget.pointer?[part] = true
                          return
                        }
                        let end = Swift.min(start + 64, range.upperBound)
                        let word = Self.gatherWord(
                          start..<end, source: source, indices: indices,
                          validity: checksValidity ? sourceValidity : nil, zero: zero, out: out)
                        words[start >> 6] = word
                        every = every && word == (end - start == 64 ? ~0 : (1 << (end - start)) - 1)
                        start = end
                      }
                      validTarget.pointer?[part] = every
                    }
                  }
                }
              }
            }
          }
        }
        // Int32, Int64, Double and Bool need no initializing: a stopped
        // gather's unwritten slots are dropped with the array.
        initialized = count
      }
    }
    let storage: Storage
    switch self.storage {
    case .int(let values): storage = .int(pick(values, 0))
    case .double(let values): storage = .double(pick(values, 0))
    case .bool(let values): storage = .bool(pick(values, false))
    case .timestamp(let values): storage = .timestamp(pick(values, 0))
    case .date(let values): storage = .date(pick(values, 0))
    case .string(let codes, let dictionary):
      storage = .string(codes: pick(codes, -1), dictionary: dictionary)
    }
    if stopped.contains(true) { return nil }
    if allValid[0], allValid[1] { return Column(storage: storage) }
    return Column(storage: storage, validity: Bitmap(words: words, count: count))
  }

  /// Gathers the output rows `rows` (at most 64, from a multiple of 64) and
  /// returns their validity word. Without a source validity, the common case
  /// of no -1 index costs one load, one store and an or per row.
  @inline(__always)
  private static func gatherWord<T>(
    _ rows: Range<Int>, source: UnsafeBufferPointer<T>, indices: UnsafeBufferPointer<Int32>,
    validity: UnsafeBufferPointer<UInt64>?, zero: T, out: UnsafeMutablePointer<T>
  ) -> UInt64 {
    var word: UInt64 = 0
    if let validity {
      for position in rows {
        let row = Int(indices[position])
        if row >= 0 {
          out[position] = source[row]
          word |= ((validity[row >> 6] >> UInt64(row & 63)) & 1) << UInt64(position & 63)
        } else {
          out[position] = zero
        }
      }
      return word
    }
    var negative: Int32 = 0
    for position in rows {
      let row = indices[position]
      negative |= row
      out[position] = row >= 0 ? source[Int(row)] : zero
    }
    let full: UInt64 = rows.count == 64 ? ~0 : (1 << UInt64(rows.count)) - 1
    guard negative < 0 else { return full }
    for position in rows where indices[position] >= 0 {
      word |= 1 << UInt64(position & 63)
    }
    return word
  }

  /// Rows `range`, copied as they are.
  public func slice(_ range: Range<Int>) -> Column {
    var sliced: Bitmap?
    if let validity {
      var bitmap = Bitmap(count: range.count, value: true)
      for (position, row) in range.enumerated() where !validity[row] { bitmap.clear(position) }
      sliced = bitmap
    }
    switch storage {
    case .int(let values): return Column(storage: .int(Array(values[range])), validity: sliced)
    case .double(let values):
      return Column(storage: .double(Array(values[range])), validity: sliced)
    case .bool(let values): return Column(storage: .bool(Array(values[range])), validity: sliced)
    case .timestamp(let values):
      return Column(storage: .timestamp(Array(values[range])), validity: sliced)
    case .date(let values): return Column(storage: .date(Array(values[range])), validity: sliced)
    case .string(let codes, let dictionary):
      return Column(
        storage: .string(codes: Array(codes[range]), dictionary: dictionary), validity: sliced)
    }
  }

  /// The first `count` rows.
  public func prefix(_ count: Int) -> Column {
    let limit = Swift.min(count, self.count)
    return gather((0..<limit).map { Int32($0) })
  }
}

extension Table {
  /// The rows at `indices`, in that order; -1 gives a row of nulls.
  public func gather(_ indices: [Int32]) -> Table {
    Table(names: names, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
  }

  /// A table of the named columns; names must exist.
  public func selecting(_ indices: [Int]) -> Table {
    Table(
      names: indices.map { names[$0] }, columns: indices.map { columns[$0] }, rowCount: rowCount)
  }

  /// The same columns under new names.
  public func renamed(_ newNames: [String]) -> Table {
    Table(names: newNames, columns: columns, rowCount: rowCount)
  }
}
