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
    let parts = ParallelWork.ranges(
      leftCount, parts: leftCount >= ParallelWork.parallelElements ? 2 : 1)
    // Count each part's output before allocating it.
    var counts = [Int](repeating: 0, count: parts.count)
    counts.withUnsafeMutableBufferPointer { counts in
      let out = SendablePointer(counts.baseAddress)
      ParallelWork.run(parts: parts.count) { part in
        out.pointer?[part] = index.outputCount(
          parts[part], keepUnmatchedLeft: keepUnmatchedLeft)
      }
    }
    let outputCount = counts.reduce(0, +)
    // Rows are numbered with 32 bits in relations and selections.
    if outputCount > Int(Int32.max) {
      throw Diagnostic.error(
        "E502",
        "this join would produce \(outputCount.formatted) rows; a table holds at most "
          + "\(Int(Int32.max).formatted) rows", at: span,
        help: "check the join keys: a key value that repeats on both sides multiplies its rows")
    }
    try limits.admit(
      "this join", rows: outputCount, bytesPerRow: bytesPerRow + 8, at: span,
      help: "check the join keys: a key value that repeats on both sides multiplies its rows")
    var failures = [Diagnostic?](repeating: nil, count: parts.count)
    var right: [Int32] = []
    // Every slot is written by the fill, so the pairs start uninitialized.
    var left = [Int32](unsafeUninitializedCapacity: outputCount) { left, leftInitialized in
      right = [Int32](unsafeUninitializedCapacity: outputCount) { right, rightInitialized in
        failures.withUnsafeMutableBufferPointer { failures in
          let leftOut = SendablePointer(left.baseAddress)
          let rightOut = SendablePointer(right.baseAddress)
          let failed = SendablePointer(failures.baseAddress)
          ParallelWork.run(parts: parts.count) { part in
            let offset = counts[..<part].reduce(0, +)
            do throws(Diagnostic) {
              try index.fill(
                parts[part], keepUnmatchedLeft: keepUnmatchedLeft,
                left: leftOut.pointer.map { $0 + offset },
                right: rightOut.pointer.map { $0 + offset }, limits: limits)
            } catch {
              failed.pointer?[part] = error
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
    return index.leftCodes.map { code in code >= 0 && index.bucketSize(Int(code)) > 0 }
  }
}

/// The right side's rows bucketed by key code, and the left rows' codes in
/// the same space (-1 where no right row can match).
struct JoinIndex: Sendable {
  let leftCodes: [Int64]
  /// Bucket `c` holds `bucketRows[starts[c]..<starts[c + 1]]`.
  private let starts: [Int32]
  private let bucketRows: [Int32]

  init(
    left leftKeys: [Column], right rightKeys: [Column], leftCount: Int, rightCount: Int,
    limits: ExecutionLimits
  ) throws(Diagnostic) {
    var coded = JoinCodes.code(leftKeys[0], rightKeys[0], leftCount: leftCount)
    for (left, right) in zip(leftKeys.dropFirst(), rightKeys.dropFirst()) {
      try limits.poll()
      coded = coded.combined(with: JoinCodes.code(left, right, leftCount: leftCount))
    }
    try limits.poll()
    coded = coded.compact(rightCount: rightCount)
    // Bucket the right rows by code (CSR layout).
    let cardinality = Int(coded.cardinality)
    var starts = [Int32](repeating: 0, count: cardinality + 1)
    for code in coded.right where code >= 0 { starts[Int(code) + 1] += 1 }
    for code in 0..<cardinality { starts[code + 1] += starts[code] }
    var cursor = starts
    var bucketRows = [Int32](repeating: 0, count: Int(starts[cardinality]))
    for (row, code) in coded.right.enumerated() where code >= 0 {
      bucketRows[Int(cursor[Int(code)])] = Int32(row)
      cursor[Int(code)] += 1
    }
    leftCodes = coded.left
    self.starts = starts
    self.bucketRows = bucketRows
  }

  @inline(__always)
  func bucketSize(_ code: Int) -> Int { Int(starts[code + 1] - starts[code]) }

  /// How many output rows the left rows in `rows` make.
  func outputCount(_ rows: Range<Int>, keepUnmatchedLeft: Bool) -> Int {
    let unmatched = keepUnmatchedLeft ? 1 : 0
    var count = 0
    leftCodes.withUnsafeBufferPointer { codes in
      starts.withUnsafeBufferPointer { starts in
        for row in rows {
          let code = Int(codes[row])
          let matched = code >= 0 ? Int(starts[code + 1] - starts[code]) : 0
          count += matched > 0 ? matched : unmatched
        }
      }
    }
    return count
  }

  /// Writes the row pairs of the left rows in `rows` from `left` and `right` on.
  func fill(
    _ rows: Range<Int>, keepUnmatchedLeft: Bool, left: UnsafeMutablePointer<Int32>?,
    right: UnsafeMutablePointer<Int32>?, limits: ExecutionLimits
  ) throws(Diagnostic) {
    guard let left, let right else { return }
    let rowsBetweenPolls = 1 << 14
    var position = 0
    var nextPoll = rowsBetweenPolls
    for row in rows {
      let code = Int(leftCodes[row])
      if code >= 0, starts[code] < starts[code + 1] {
        for bucket in Int(starts[code])..<Int(starts[code + 1]) {
          left[position] = Int32(row)
          right[position] = bucketRows[bucket]
          position += 1
        }
      } else if keepUnmatchedLeft {
        left[position] = Int32(row)
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
  static func code(_ left: Column, _ right: Column, leftCount: Int) -> JoinCodes {
    switch (left.storage, right.storage) {
    case (.string(let leftCodes, let leftDictionary), .string(let rightCodes, let rightDictionary)):
      // The right dictionary's positions are the codes; a left entry maps to
      // the right entry with the same bytes.
      var position: [String: Int64] = [:]
      position.reserveCapacity(rightDictionary.count)
      for (code, text) in rightDictionary.strings.enumerated() { position[text] = Int64(code) }
      let remap = leftDictionary.strings.map { position[$0] ?? -1 }
      return JoinCodes(
        left: ParallelWork.map(leftCodes) { $0 >= 0 ? remap[Int($0)] : -1 },
        right: rightCodes.map { Int64($0) }, cardinality: Int64(rightDictionary.count))
    case (.bool(let leftValues), .bool(let rightValues)):
      func codes(_ column: Column, _ values: [Bool]) -> [Int64] {
        values.indices.map { column.isNull($0) ? -1 : (values[$0] ? 1 : 0) }
      }
      return JoinCodes(
        left: codes(left, leftValues), right: codes(right, rightValues), cardinality: 2)
    case (.double, _), (_, .double):
      return hashed(
        left, left.numericAsDoubles.map(KeyEncoding.canonicalBits), right,
        right.numericAsDoubles.map(KeyEncoding.canonicalBits))
    default:
      return integers(left, left.int64Values, right, right.int64Values)
    }
  }

  /// Integer keys: offsets from the smallest right key when the right keys
  /// span a small range, else hash-table ids.
  private static func integers(
    _ left: Column, _ leftValues: [Int64], _ right: Column, _ rightValues: [Int64]
  ) -> JoinCodes {
    var low = Int64.max
    var high = Int64.min
    for row in rightValues.indices where !right.isNull(row) {
      low = min(low, rightValues[row])
      high = max(high, rightValues[row])
    }
    guard low <= high else {
      return JoinCodes(
        left: [Int64](repeating: -1, count: leftValues.count),
        right: [Int64](repeating: -1, count: rightValues.count), cardinality: 0)
    }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow, span < Int64(max(1 << 20, 4 * rightValues.count)) else {
      return hashed(left, leftValues, right, rightValues)
    }
    func offsets(_ column: Column, _ values: [Int64]) -> [Int64] {
      var codes = ParallelWork.map(values) { $0 >= low && $0 <= high ? $0 &- low : -1 }
      if let validity = column.validity {
        for row in codes.indices where !validity[row] { codes[row] = -1 }
      }
      return codes
    }
    return JoinCodes(
      left: offsets(left, leftValues), right: offsets(right, rightValues), cardinality: span + 1)
  }

  /// Wide-ranging keys: the right keys' ids in a hash table, and the left
  /// keys looked up in it.
  private static func hashed(
    _ left: Column, _ leftValues: [Int64], _ right: Column, _ rightValues: [Int64]
  ) -> JoinCodes {
    var table = Int64HashMap(expectedCount: rightValues.count)
    var rightCodes = [Int64](repeating: -1, count: rightValues.count)
    for row in rightValues.indices where !right.isNull(row) {
      rightCodes[row] = Int64(table.id(for: rightValues[row]))
    }
    let lookup = table
    var leftCodes = ParallelWork.map(leftValues) { Int64(lookup.lookup($0)) }
    if let validity = left.validity {
      for row in leftCodes.indices where !validity[row] { leftCodes[row] = -1 }
    }
    return JoinCodes(left: leftCodes, right: rightCodes, cardinality: Int64(table.count))
  }

  /// The codes of this key and `next` together (for joins on several keys).
  func combined(with next: JoinCodes) -> JoinCodes {
    let factor = next.cardinality
    let (product, overflow) = cardinality.multipliedReportingOverflow(by: factor)
    // Too many combinations to pack: number this key's right codes densely first.
    if overflow || product > 1 << 62 {
      return compact(rightCount: 0).combined(with: next)
    }
    func pair(_ first: [Int64], _ second: [Int64]) -> [Int64] {
      var codes = first
      for row in codes.indices {
        codes[row] = codes[row] < 0 || second[row] < 0 ? -1 : codes[row] &* factor &+ second[row]
      }
      return codes
    }
    return JoinCodes(
      left: pair(left, next.left), right: pair(right, next.right), cardinality: product)
  }

  /// The same matches with codes below `max(2^20, 4 × rightCount)`, so that
  /// buckets can be an array: sparse codes are renumbered by a hash table of
  /// the right side's codes.
  func compact(rightCount: Int) -> JoinCodes {
    if cardinality <= Int64(max(1 << 20, 4 * rightCount)) { return self }
    var table = Int64HashMap(expectedCount: right.count)
    let rightCodes = right.map { $0 < 0 ? -1 : Int64(table.id(for: $0)) }
    let lookup = table
    let leftCodes = ParallelWork.map(left) { $0 < 0 ? -1 : Int64(lookup.lookup($0)) }
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
