import Dispatch

/// Matches rows of two tables on equal keys with a hash join.
///
/// The right side is the build side: its keys are coded into a code space of
/// its own (a string's dictionary entry, an integer's offset from the
/// smallest key, or a hash-table id), and its rows are bucketed by code. The
/// left side is coded into the same space, a value the right side lacks
/// becoming "no match", and probes the buckets in row order, both cores
/// working on halves of the left rows. Nothing the size of both sides
/// together is built. A null key never matches.
enum HashJoin {
  struct Matches {
    /// Left row of each output row.
    var left: [Int32]
    /// Right row of each output row; -1 for an unmatched left row.
    var right: [Int32]
  }

  /// The matching row pairs, in left row order.
  ///
  /// The output is counted before it is built, so `limits` can refuse a join
  /// that would explode (`bytesPerRow` is the width of one output row); the
  /// probe polls for Ctrl-C as it fills.
  static func match(
    left leftKeys: [Column], right rightKeys: [Column], leftCount: Int, rightCount: Int,
    keepUnmatchedLeft: Bool, bytesPerRow: Int = 8, limits: ExecutionLimits = .none,
    span: SourceSpan? = nil
  ) throws(Diagnostic) -> Matches {
    let index = try JoinIndex(
      left: leftKeys, right: rightKeys, leftCount: leftCount, rightCount: rightCount,
      limits: limits)
    let parts = ParallelWork.halves(leftCount)
    // Count each part's output before allocating it; an inner join on keys
    // that do not repeat on the right makes at most one row per left row, so
    // it takes that as the count, fills, and closes the gap between parts.
    func admit(_ rows: Int) throws(Diagnostic) {
      try limits.admitTable(
        "this join", rows: rows, bytesPerRow: bytesPerRow + 8, at: span,
        help: "check the join keys: a key value that repeats on both sides multiplies its rows")
    }
    var exact = !index.hasUniqueKeys || keepUnmatchedLeft
    if !exact {
      // The memory limit judges the true output when the bound is too much.
      do throws(Diagnostic) { try admit(leftCount) } catch { exact = true }
    }
    let counts =
      exact
      ? ParallelWork.map(ranges: parts) { rows in
        index.outputCount(rows, keepUnmatchedLeft: keepUnmatchedLeft, limits: limits)
      } : parts.map(\.count)
    try limits.poll()
    let outputCount = counts.reduce(0, +)
    // Where each part's pairs start.
    let offsets = counts.indices.map { counts[..<$0].reduce(0, +) }
    if exact { try admit(outputCount) }
    var failures = [Diagnostic?](repeating: nil, count: parts.count)
    var written = [Int](repeating: 0, count: parts.count)
    var right: [Int32] = []
    // Every slot is written by the fill, so the pairs start uninitialized.
    var left = [Int32](uninitializedCount: outputCount) { left, leftInitialized in
      right = [Int32](uninitializedCount: outputCount) { right, rightInitialized in
        failures.withUnsafeMutableBufferPointer { failures in
          written.withUnsafeMutableBufferPointer { written in
            let leftOut = SendablePointer(left.baseAddress)
            let rightOut = SendablePointer(right.baseAddress)
            let failed = SendablePointer(failures.baseAddress)
            let rowsOut = SendablePointer(written.baseAddress)
            ParallelWork.run(parts: parts.count) { part in
              let offset = offsets[part]
              do throws(Diagnostic) {
                rowsOut.pointer?[part] = try index.fill(
                  parts[part], keepUnmatchedLeft: keepUnmatchedLeft,
                  left: leftOut.pointer.map { $0 + offset },
                  right: rightOut.pointer.map { $0 + offset }, limits: limits)
              } catch {
                failed.pointer?[part] = error
              }
            }
          }
        }
        rightInitialized = outputCount
      }
      leftInitialized = outputCount
    }
    if let failure = failures.lazy.compactMap({ $0 }).first {
      // Unmapping the gigabytes an interrupted join has written takes a good
      // part of a second: free them on another thread, so Ctrl-C returns now.
      let doomed = ReleasedElsewhere(left, right)
      left = []
      right = []
      doomed.release()
      throw failure
    }
    if !exact {
      // Each part's pairs move down to follow the part before.
      func closeGaps(_ pairs: inout [Int32]) {
        var end = written.first ?? 0
        pairs.withUnsafeMutableBufferPointer { pairs in
          guard let base = pairs.baseAddress else { return }
          for part in 1..<max(1, parts.count) {
            (base + end).update(from: base + offsets[part], count: written[part])
            end += written[part]
          }
        }
        pairs.removeLast(outputCount - end)
      }
      closeGaps(&left)
      closeGaps(&right)
    }
    return Matches(left: left, right: right)
  }

  /// Whether each left row has at least one match (for semi and anti joins).
  static func hasMatch(
    left leftKeys: [Column], right rightKeys: [Column], leftCount: Int, rightCount: Int,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Bool] {
    let index = try JoinIndex(
      left: leftKeys, right: rightKeys, leftCount: leftCount, rightCount: rightCount,
      limits: limits)
    return try index.leftCodes.withUnsafeBufferPointer { codes throws(Diagnostic) in
      try limits.map(codes.count) { codes[$0] >= 0 && index.bucketSize(Int(codes[$0])) > 0 }
    }
  }
}

/// The right side's rows bucketed by key code, and the left rows' codes in
/// the same space (-1 where no right row can match).
struct JoinIndex: Sendable {
  let leftCodes: [Int64]
  private let buckets: Buckets

  /// The right rows of each code.
  private enum Buckets {
    /// No key repeats on the right (a dimension table's key): each code's one
    /// row, or -1, so a probe is a single load.
    case unique(rowOfCode: [Int32])
    /// Bucket `c` holds `rows[starts[c]..<starts[c + 1]]` (CSR layout).
    case grouped(starts: [Int32], rows: [Int32])
  }

  init(
    left leftKeys: [Column], right rightKeys: [Column], leftCount: Int, rightCount: Int,
    limits: ExecutionLimits
  ) throws(Diagnostic) {
    var coded = try JoinCodes.code(leftKeys[0], rightKeys[0], limits: limits)
    for (left, right) in zip(leftKeys.dropFirst(), rightKeys.dropFirst()) {
      coded = try coded.combined(with: JoinCodes.code(left, right, limits: limits), limits: limits)
    }
    coded = try coded.compact(rightCount: rightCount, limits: limits)
    leftCodes = coded.left
    let cardinality = Int(coded.cardinality)
    let right = coded.right
    // The right row of each code, until a code turns out to have two.
    var rowOfCode = [Int32](repeating: -1, count: cardinality)
    var unique = true
    try limits.blocks(right.count) { block in
      guard unique else { return }
      for row in block where right[row] >= 0 {
        let code = Int(right[row])
        guard rowOfCode[code] < 0 else {
          unique = false
          return
        }
        rowOfCode[code] = Int32(row)
      }
    }
    if unique {
      buckets = .unique(rowOfCode: rowOfCode)
      return
    }
    var starts = [Int32](repeating: 0, count: cardinality + 1)
    try limits.blocks(right.count) { block in
      for code in right[block] where code >= 0 { starts[Int(code) + 1] += 1 }
    }
    try limits.blocks(cardinality) { block in
      for code in block { starts[code + 1] += starts[code] }
    }
    var cursor = starts
    var rows = [Int32](uninitializedCount: Int(starts[cardinality])) {
      $1 = $0.count
    }
    try limits.blocks(right.count) { block in
      for row in block where right[row] >= 0 {
        let code = Int(right[row])
        rows[Int(cursor[code])] = Int32(row)
        cursor[code] += 1
      }
    }
    buckets = .grouped(starts: starts, rows: rows)
  }

  /// Whether no key repeats on the right, so a left row matches at most one row.
  var hasUniqueKeys: Bool {
    if case .unique = buckets { return true }
    return false
  }

  @inline(__always)
  func bucketSize(_ code: Int) -> Int {
    switch buckets {
    case .unique(let rowOfCode): rowOfCode[code] >= 0 ? 1 : 0
    case .grouped(let starts, _): Int(starts[code + 1] - starts[code])
    }
  }

  /// How many output rows the left rows in `rows` make.
  /// It stops early, with a count too small, once the user interrupts: the
  /// caller polls after it.
  func outputCount(_ rows: Range<Int>, keepUnmatchedLeft: Bool, limits: ExecutionLimits) -> Int {
    var count = 0
    switch buckets {
    case .unique where keepUnmatchedLeft:
      // Every left row makes one output row.
      return rows.count
    case .unique(let rowOfCode):
      leftCodes.withUnsafeBufferPointer { codes in
        rowOfCode.withUnsafeBufferPointer { rowOfCode in
          limits.blocks(of: rows) { block in
            for row in block {
              let code = Int(codes[row])
              count += code >= 0 && rowOfCode[code] >= 0 ? 1 : 0
            }
          }
        }
      }
    case .grouped(let starts, _):
      let unmatched = keepUnmatchedLeft ? 1 : 0
      leftCodes.withUnsafeBufferPointer { codes in
        starts.withUnsafeBufferPointer { starts in
          limits.blocks(of: rows) { block in
            for row in block {
              let code = Int(codes[row])
              let matched = code >= 0 ? Int(starts[code + 1] - starts[code]) : 0
              count += matched > 0 ? matched : unmatched
            }
          }
        }
      }
    }
    return count
  }

  /// Writes the row pairs of the left rows in `rows` from `left` and `right`
  /// on, and returns how many it wrote.
  func fill(
    _ rows: Range<Int>, keepUnmatchedLeft: Bool, left: UnsafeMutablePointer<Int32>?,
    right: UnsafeMutablePointer<Int32>?, limits: ExecutionLimits
  ) throws(Diagnostic) -> Int {
    guard let left, let right else { return 0 }
    var position = 0
    switch buckets {
    case .unique(let rowOfCode):
      // At most one pair per left row.
      leftCodes.withUnsafeBufferPointer { codes in
        rowOfCode.withUnsafeBufferPointer { rowOfCode in
          limits.blocks(of: rows) { block in
            for row in block {
              let code = Int(codes[row])
              let match = code >= 0 ? rowOfCode[code] : -1
              if match >= 0 || keepUnmatchedLeft {
                left[position] = Int32(truncatingIfNeeded: row)
                right[position] = match
                position += 1
              }
            }
          }
        }
      }
      try limits.poll()
    case .grouped(let starts, let bucketRows):
      // A bucket can be long (a key repeated on both sides), so the poll
      // follows the output rather than the left rows.
      try leftCodes.withUnsafeBufferPointer { (codes) throws(Diagnostic) in
        try starts.withUnsafeBufferPointer { (starts) throws(Diagnostic) in
          try bucketRows.withUnsafeBufferPointer { (bucketRows) throws(Diagnostic) in
            let rowsBetweenPolls = 1 << 14
            var nextPoll = rowsBetweenPolls
            for row in rows {
              let code = Int(codes[row])
              let first = code >= 0 ? Int(starts[code]) : 0
              let end = code >= 0 ? Int(starts[code + 1]) : 0
              if first < end {
                for bucket in first..<end {
                  left[position] = Int32(truncatingIfNeeded: row)
                  right[position] = bucketRows[bucket]
                  position += 1
                }
              } else if keepUnmatchedLeft {
                left[position] = Int32(truncatingIfNeeded: row)
                right[position] = -1
                position += 1
              }
              if position >= nextPoll {
                try limits.poll()
                nextPoll = position + rowsBetweenPolls
              }
            }
          }
        }
      }
    }
    return position
  }
}

/// Key codes of both sides of a join in one space built from the right side.
///
/// A right row's code is in 0..<cardinality, or -1 for a null key; a left
/// row's code is the code of the right rows with an equal key, or -1 when
/// its key is null or no right row has it.
struct JoinCodes {
  var left: [Int64]
  var right: [Int64]
  var cardinality: Int64

  /// Codes of one key column pair (both of one type, cast by the planner).
  static func code(_ left: Column, _ right: Column, limits: ExecutionLimits) throws(Diagnostic)
    -> JoinCodes
  {
    switch (left.storage, right.storage) {
    case (.string(let leftCodes, let leftDictionary), .string(let rightCodes, let rightDictionary)):
      // The right dictionary's positions are the codes; a left entry maps to
      // the right entry with the same bytes.
      let rightStrings = rightDictionary.strings
      let leftStrings = leftDictionary.strings
      var position: [String: Int64] = [:]
      position.reserveCapacity(rightStrings.count)
      try limits.blocks(rightStrings.count) { block in
        for code in block { position[rightStrings[code]] = Int64(code) }
      }
      let remap = try limits.map(leftStrings.count) { position[leftStrings[$0]] ?? -1 }
      return JoinCodes(
        left: try ParallelWork.map(leftCodes, limits: limits) { $0 >= 0 ? remap[Int($0)] : -1 },
        right: try ParallelWork.map(rightCodes, limits: limits) { Int64($0) },
        cardinality: Int64(rightDictionary.count))
    case (.bool(let leftValues), .bool(let rightValues)):
      func codes(_ column: Column, _ values: [Bool]) throws(Diagnostic) -> [Int64] {
        try limits.map(values.count) { column.isNull($0) ? -1 : (values[$0] ? 1 : 0) }
      }
      return JoinCodes(
        left: try codes(left, leftValues), right: try codes(right, rightValues), cardinality: 2)
    case (.double, _), (_, .double):
      return try hashed(
        left, left.numericAsDoubles.map(KeyEncoding.canonicalBits), right,
        right.numericAsDoubles.map(KeyEncoding.canonicalBits), limits: limits)
    default:
      return try integers(left, left.int64Values, right, right.int64Values, limits: limits)
    }
  }

  /// Integer keys: offsets from the smallest right key when the right keys
  /// span a small range, else hash-table ids.
  private static func integers(
    _ left: Column, _ leftValues: [Int64], _ right: Column, _ rightValues: [Int64],
    limits: ExecutionLimits
  ) throws(Diagnostic) -> JoinCodes {
    guard let (low, high) = try KeyEncoding.bounds(rightValues, right.validity, limits: limits)
    else {
      return JoinCodes(
        left: [Int64](repeating: -1, count: leftValues.count),
        right: [Int64](repeating: -1, count: rightValues.count), cardinality: 0)
    }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow, span < Int64(max(1 << 20, 4 * rightValues.count)) else {
      return try hashed(left, leftValues, right, rightValues, limits: limits)
    }
    func offsets(_ column: Column, _ values: [Int64]) throws(Diagnostic) -> [Int64] {
      var codes = try ParallelWork.map(values, limits: limits) {
        $0 >= low && $0 <= high ? $0 &- low : -1
      }
      try Self.clearNulls(&codes, column, limits: limits)
      return codes
    }
    return JoinCodes(
      left: try offsets(left, leftValues), right: try offsets(right, rightValues),
      cardinality: span + 1)
  }

  /// Wide-ranging keys: the right keys' ids in a hash table, and the left
  /// keys looked up in it.
  private static func hashed(
    _ left: Column, _ leftValues: [Int64], _ right: Column, _ rightValues: [Int64],
    limits: ExecutionLimits
  ) throws(Diagnostic) -> JoinCodes {
    var table = Int64HashMap(expectedCount: rightValues.count)
    let rightCodes = try limits.map(rightValues.count) { row in
      right.isNull(row) ? -1 : Int64(table.id(for: rightValues[row]))
    }
    let lookup = table
    var leftCodes = try ParallelWork.map(leftValues, limits: limits) {
      Int64(lookup.lookup($0))
    }
    try clearNulls(&leftCodes, left, limits: limits)
    return JoinCodes(left: leftCodes, right: rightCodes, cardinality: Int64(table.count))
  }

  /// Sets the codes of `column`'s null rows to -1 (no match).
  private static func clearNulls(
    _ codes: inout [Int64], _ column: Column, limits: ExecutionLimits
  ) throws(Diagnostic) {
    guard let validity = column.validity else { return }
    try limits.blocks(codes.count) { block in
      for row in block where !validity[row] { codes[row] = -1 }
    }
  }

  /// The codes of this key and `next` together (for joins on several keys).
  func combined(with next: JoinCodes, limits: ExecutionLimits) throws(Diagnostic) -> JoinCodes {
    let factor = next.cardinality
    let (product, overflow) = cardinality.multipliedReportingOverflow(by: factor)
    // Too many combinations to pack: number this key's right codes densely first.
    if overflow || product > 1 << 62 {
      return try compact(rightCount: 0, limits: limits).combined(with: next, limits: limits)
    }
    func pair(_ first: [Int64], _ second: [Int64]) throws(Diagnostic) -> [Int64] {
      try limits.map(first.count) { row in
        first[row] < 0 || second[row] < 0 ? -1 : first[row] &* factor &+ second[row]
      }
    }
    return JoinCodes(
      left: try pair(left, next.left), right: try pair(right, next.right), cardinality: product)
  }

  /// The same matches with codes below `max(2^20, 4 × rightCount)`, so that
  /// buckets can be an array: sparse codes are renumbered by a hash table of
  /// the right side's codes.
  func compact(rightCount: Int, limits: ExecutionLimits) throws(Diagnostic) -> JoinCodes {
    if cardinality <= Int64(max(1 << 20, 4 * rightCount)) { return self }
    var table = Int64HashMap(expectedCount: right.count)
    let right = self.right
    let rightCodes = try limits.map(right.count) { row in
      right[row] < 0 ? -1 : Int64(table.id(for: right[row]))
    }
    let lookup = table
    let leftCodes = try ParallelWork.map(left, limits: limits) {
      $0 < 0 ? -1 : Int64(lookup.lookup($0))
    }
    return JoinCodes(left: leftCodes, right: rightCodes, cardinality: Int64(table.count))
  }
}

/// Large buffers handed to a background thread to be freed: this box is
/// their only owner, so they are freed there, not on the session's thread.
private final class ReleasedElsewhere: @unchecked Sendable {
  private var buffers: [[Int32]]

  init(_ buffers: [Int32]...) { self.buffers = buffers }

  func release() {
    DispatchQueue.global(qos: .utility).async { self.buffers = [] }
  }
}
