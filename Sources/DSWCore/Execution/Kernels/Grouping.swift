/// Rows assigned to groups by the values of key columns.
///
/// Group ids are dense (0..<groupCount) and numbered in order of each
/// group's first row. Null is a value of its own for grouping, as in SQL.
public struct Grouping: Sendable {
  public var groupIDs: [Int32]
  public var groupCount: Int
  /// The first row of each group, by group id.
  public var firstRows: [Int32]
  /// Each group's row count, when the grouping counted them on its way (it
  /// does for few groups over many rows, where counting costs nothing next
  /// to the pass): then `count()` and the aggregates of columns without
  /// nulls need not. With many groups, counting as rows are numbered would
  /// add a cache miss per row, and few aggregates need the counts.
  public var sizes: [Int64]? = nil

  /// One group holding every row (aggregation without `by`).
  public static func single(rowCount: Int) -> Grouping {
    Grouping(
      groupIDs: [Int32](repeating: 0, count: rowCount), groupCount: 1,
      firstRows: rowCount > 0 ? [0] : [0], sizes: [Int64(rowCount)])
  }

  /// Groups rows by the values of `keys`, for work too short to poll Ctrl-C.
  public static func group(_ keys: [Column], rowCount: Int) -> Grouping {
    // Without limits nothing can interrupt the grouping, so it does not throw.
    (try? group(keys, rowCount: rowCount, limits: .none)) ?? single(rowCount: rowCount)
  }

  /// Rows between polls of Ctrl-C.
  static let pollBlock = ExecutionLimits.blockRows

  /// Groups rows by the values of `keys` (all of equal length), polling
  /// `limits` for Ctrl-C between blocks of rows.
  public static func group(_ keys: [Column], rowCount: Int, limits: ExecutionLimits)
    throws(Diagnostic) -> Grouping
  {
    if keys.isEmpty { return single(rowCount: rowCount) }
    let dense = try keys.map { (key) throws(Diagnostic) in
      try KeyEncoding.dense(key, limits: limits)
    }
    if dense.count == 1 {
      // A string's dictionary codes, or integers of a small range without
      // nulls, group as they are: no wider copy of them is made.
      switch dense[0] {
      case .dictionary(let codes, let cardinality):
        return try densify(codes, bias: 1, cardinality: cardinality, limits: limits)
      case .range(let values, nil, let low, let cardinality):
        return try densify(values, bias: Int(1 &- low), cardinality: cardinality, limits: limits)
      default: break
      }
    }
    var combined = try dense[0].codes(limits: limits)
    var cardinality = dense[0].cardinality
    for key in dense.dropFirst() {
      var (product, overflow) = cardinality.multipliedReportingOverflow(by: key.cardinality)
      if overflow || product > (1 << 62) {
        // Too many combinations to pack: number the pairs so far densely.
        let numbered = try densify(combined, cardinality: cardinality, limits: limits)
        combined = numbered.groupIDs.map { Int64($0) }
        cardinality = Int64(numbered.groupCount)
        (product, overflow) = cardinality.multipliedReportingOverflow(by: key.cardinality)
      }
      try key.fold(into: &combined, limits: limits)
      cardinality = product
    }
    return try densify(combined, cardinality: cardinality, limits: limits)
  }

  /// Numbers codes in 0..<cardinality (each `code + bias`) densely by
  /// first appearance.
  static func densify<Code: FixedWidthInteger & BitwiseCopyable>(
    _ codes: [Code], bias: Int = 0, cardinality: Int64, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Grouping {
    let rowCount = codes.count
    if rowCount >= 1 << 17, cardinality <= Int64(rowCount / 8) {
      return try densifyOnBothCores(
        codes, bias: bias, cardinality: Int(cardinality), limits: limits)
    }
    guard cardinality <= Int64(max(1 << 20, rowCount * 2)), cardinality <= 1 << 27 else {
      return try densifyHashed(codes, bias: bias, limits: limits)
    }
    var groupIDs = [Int32](repeating: 0, count: rowCount)
    var firstRows: [Int32] = []
    var map = [Int32](repeating: -1, count: Int(cardinality))
    for start in stride(from: 0, to: rowCount, by: pollBlock) {
      try limits.poll()
      codes.withUnsafeBufferPointer { codes in
        map.withUnsafeMutableBufferPointer { map in
          groupIDs.withUnsafeMutableBufferPointer { ids in
            for row in start..<min(start + pollBlock, rowCount) {
              let code = Int(codes[row]) &+ bias
              var id = map[code]
              if id < 0 {
                id = Int32(firstRows.count)
                map[code] = id
                firstRows.append(Int32(row))
              }
              ids[row] = id
            }
          }
        }
      }
    }
    return Grouping(groupIDs: groupIDs, groupCount: firstRows.count, firstRows: firstRows)
  }
}

extension Grouping {
  /// `densify` of few distinct codes over many rows, each core taking half
  /// of the rows: each half finds the first row of each code in it (usually
  /// within its first rows); a code's first row overall is its first half's,
  /// and ordering the codes by it numbers the groups; then each half writes
  /// its rows' group ids.
  static func densifyOnBothCores<Code: FixedWidthInteger & BitwiseCopyable>(
    _ codes: [Code], bias: Int, cardinality: Int, limits: ExecutionLimits
  ) throws(Diagnostic) -> Grouping {
    let rowCount = codes.count
    let halves = ParallelWork.ranges(rowCount, parts: 2)
    let unseen = Int32.max
    var firsts = [[Int32]](
      repeating: [Int32](repeating: unseen, count: cardinality), count: halves.count)
    firsts.withUnsafeMutableBufferPointer { firsts in
      let out = SendablePointer(firsts.baseAddress)
      codes.withUnsafeBufferPointer { codes in
        ParallelWork.run(parts: halves.count) { half in
          guard let first = out.pointer?[half] else { return }
          var local = first
          local.withUnsafeMutableBufferPointer { local in
            // In blocks, stopping at a block once the user interrupts, and
            // as soon as every code has been seen (with few codes, early).
            let rows = halves[half]
            var seen = 0
            for start in stride(from: rows.lowerBound, to: rows.upperBound, by: pollBlock) {
              if limits.isCancelled() || seen == cardinality { return }
              for row in start..<min(start + pollBlock, rows.upperBound) {
                let code = Int(codes[row]) &+ bias
                if local[code] == unseen {
                  local[code] = Int32(row)
                  seen += 1
                  if seen == cardinality { return }
                }
              }
            }
          }
          out.pointer?[half] = local
        }
      }
    }
    try limits.poll()
    var firstRows: [Int32] = []
    for code in 0..<cardinality {
      let first = firsts.lazy.map { $0[code] }.first { $0 != unseen }
      if let first { firstRows.append(first) }
    }
    firstRows.sort()
    var map = [Int32](repeating: -1, count: cardinality)
    for (group, row) in firstRows.enumerated() {
      map[Int(codes[Int(row)]) &+ bias] = Int32(group)
    }
    // Every id is written below; an interrupted grouping is dropped. Each
    // half counts its rows of each code on the way.
    var codeCounts: [[Int64]] = []
    let groupIDs = [Int32](uninitializedCount: rowCount) { ids, initialized in
      let out = SendablePointer(ids.baseAddress)
      codeCounts = codes.withUnsafeBufferPointer { codes in
        map.withUnsafeBufferPointer { map in
          ParallelWork.map(ranges: halves) { half in
            var counts = [Int64](repeating: 0, count: cardinality)
            guard let out = out.pointer else { return counts }
            counts.withUnsafeMutableBufferPointer { counts in
              limits.blocks(of: half) { block in
                for row in block {
                  let code = Int(codes[row]) &+ bias
                  out[row] = map[code]
                  counts[code] &+= 1
                }
              }
            }
            return counts
          }
        }
      }
      initialized = rowCount
    }
    try limits.poll()
    var sizes = [Int64](repeating: 0, count: firstRows.count)
    for code in 0..<cardinality where map[code] >= 0 {
      for counts in codeCounts { sizes[Int(map[code])] &+= counts[code] }
    }
    return Grouping(
      groupIDs: groupIDs, groupCount: firstRows.count, firstRows: firstRows, sizes: sizes)
  }
}

/// Estimates the distinct count from a prefix, so the hash table is sized
/// once instead of growing (and rehashing) many times on many groups.
func estimateDistinct<Code: FixedWidthInteger>(_ codes: [Code]) -> Int {
  let sample = min(codes.count, 1 << 15)
  if sample == 0 { return 16 }
  var probe = Int64HashMap(expectedCount: sample)
  for index in 0..<sample { _ = probe.id(for: Int64(codes[index])) }
  let ratio = Double(probe.count) / Double(sample)
  return max(16, Int(ratio * Double(codes.count)))
}
