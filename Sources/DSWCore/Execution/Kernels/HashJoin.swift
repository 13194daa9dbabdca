import Dispatch

/// Matches rows of two tables on equal keys with a hash join.
///
/// Both sides' keys are encoded into one dense id space (strings through a
/// shared dictionary, numbers by value), the right side is bucketed by id,
/// and the left side probes in row order. A null key never matches.
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
    let ids = try jointIDs(
      leftKeys, rightKeys, leftCount: leftCount, rightCount: rightCount, limits: limits)
    // Bucket the right rows by key id (CSR layout).
    var starts = [Int](repeating: 0, count: ids.groupCount + 1)
    try limits.blocks(rightCount) { rows in
      for row in rows where ids.valid[leftCount + row] {
        starts[Int(ids.groupIDs[leftCount + row]) + 1] += 1
      }
    }
    for group in 0..<ids.groupCount { starts[group + 1] += starts[group] }
    var cursor = starts
    var bucketRows = [Int32](repeating: 0, count: starts[ids.groupCount])
    try limits.blocks(rightCount) { rows in
      for row in rows where ids.valid[leftCount + row] {
        let group = Int(ids.groupIDs[leftCount + row])
        bucketRows[cursor[group]] = Int32(row)
        cursor[group] += 1
      }
    }
    // Count the output before allocating it.
    var outputCount = 0
    try limits.blocks(leftCount) { rows in
      for row in rows {
        let group = Int(ids.groupIDs[row])
        let matched = ids.valid[row] ? starts[group + 1] - starts[group] : 0
        outputCount += matched > 0 ? matched : (keepUnmatchedLeft ? 1 : 0)
      }
    }
    try limits.admit(
      "this join", rows: outputCount, bytesPerRow: bytesPerRow + 8, at: span,
      help: "check the join keys: a key value that repeats on both sides multiplies its rows")
    // The pairs are written in order as they are found: a join interrupted
    // early has touched only the memory of the rows it built.
    var stopped = false
    var left: [Int32] = []
    var right = [Int32](unsafeUninitializedCapacity: outputCount) { right, rightWritten in
      rightWritten = 0
      left = [Int32](unsafeUninitializedCapacity: outputCount) { left, leftWritten in
        leftWritten = 0
        var position = 0
        var nextPoll = 0
        for row in 0..<leftCount {
          if position >= nextPoll {
            if limits.isCancelled() {
              stopped = true
              break
            }
            nextPoll = position + ExecutionLimits.blockRows
          }
          let group = Int(ids.groupIDs[row])
          if ids.valid[row], starts[group] < starts[group + 1] {
            for bucket in starts[group]..<starts[group + 1] {
              left.initializeElement(at: position, to: Int32(row))
              right.initializeElement(at: position, to: bucketRows[bucket])
              position += 1
            }
          } else if keepUnmatchedLeft {
            left.initializeElement(at: position, to: Int32(row))
            right.initializeElement(at: position, to: -1)
            position += 1
          }
        }
        leftWritten = position
        rightWritten = position
      }
    }
    if stopped {
      // Unmapping the gigabytes an interrupted join has written takes a good
      // part of a second: free them on another thread, so Ctrl-C returns now.
      let doomed = ReleasedElsewhere(left, right)
      left = []
      right = []
      doomed.release()
      throw Diagnostic.interrupted
    }
    return Matches(left: left, right: right)
  }

  /// Whether each left row has at least one match (for semi and anti joins).
  static func hasMatch(
    left leftKeys: [Column], right rightKeys: [Column], leftCount: Int, rightCount: Int,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [Bool] {
    let ids = try jointIDs(
      leftKeys, rightKeys, leftCount: leftCount, rightCount: rightCount, limits: limits)
    var present = [Bool](repeating: false, count: ids.groupCount)
    for row in 0..<rightCount where ids.valid[leftCount + row] {
      present[Int(ids.groupIDs[leftCount + row])] = true
    }
    return (0..<leftCount).map { ids.valid[$0] && present[Int(ids.groupIDs[$0])] }
  }

  private struct JointIDs {
    var groupIDs: [Int32]
    var groupCount: Int
    /// False where a row has a null key.
    var valid: [Bool]
  }

  /// Dense ids over the left rows followed by the right rows.
  private static func jointIDs(
    _ leftKeys: [Column], _ rightKeys: [Column], leftCount: Int, rightCount: Int,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> JointIDs {
    let total = leftCount + rightCount
    var valid = [Bool](repeating: true, count: total)
    var stacked: [Column] = []
    for (left, right) in zip(leftKeys, rightKeys) {
      let (codes, validity) = stack(left, right)
      if let validity {
        for row in 0..<total where !validity[row] { valid[row] = false }
      }
      stacked.append(Column(ints: codes))
    }
    try limits.poll()
    let grouping = try Grouping.group(stacked, rowCount: total, limits: limits)
    return JointIDs(groupIDs: grouping.groupIDs, groupCount: grouping.groupCount, valid: valid)
  }

  /// The two key columns' values in one comparable Int64 space, stacked.
  private static func stack(_ left: Column, _ right: Column) -> ([Int64], Bitmap?) {
    let validity = stackValidity(left, right)
    switch (left.storage, right.storage) {
    case (.string(let leftCodes, let leftDictionary), .string(let rightCodes, let rightDictionary)):
      var position: [String: Int64] = [:]
      for (code, text) in leftDictionary.strings.enumerated() { position[text] = Int64(code) }
      var next = Int64(leftDictionary.count)
      let remap: [Int64] = rightDictionary.strings.map { text in
        if let code = position[text] { return code }
        next += 1
        return next - 1
      }
      let codes =
        leftCodes.map { Int64(max($0, 0)) } + rightCodes.map { $0 >= 0 ? remap[Int($0)] : 0 }
      return (codes, validity)
    case (.double, _), (_, .double):
      let values = left.numericAsDoubles + right.numericAsDoubles
      return (values.map(KeyEncoding.canonicalBits), validity)
    default:
      return (left.int64Values + right.int64Values, validity)
    }
  }

  private static func stackValidity(_ left: Column, _ right: Column) -> Bitmap? {
    if left.validity == nil, right.validity == nil { return nil }
    var bitmap = Bitmap(count: left.count + right.count, value: true)
    for row in 0..<left.count where left.isNull(row) { bitmap.clear(row) }
    for row in 0..<right.count where right.isNull(row) { bitmap.clear(left.count + row) }
    return bitmap
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
