/// Rows assigned to groups by the values of key columns.
///
/// Group ids are dense (0..<groupCount) and numbered in order of each
/// group's first row. Null is a value of its own for grouping, as in SQL.
public struct Grouping: Sendable {
  public var groupIDs: [Int32]
  public var groupCount: Int
  /// The first row of each group, by group id.
  public var firstRows: [Int32]

  /// One group holding every row (aggregation without `by`).
  public static func single(rowCount: Int) -> Grouping {
    Grouping(
      groupIDs: [Int32](repeating: 0, count: rowCount), groupCount: 1,
      firstRows: rowCount > 0 ? [0] : [0])
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
    if keys.count == 1, case .string(let codes, let dictionary) = keys[0].storage {
      // A string's dictionary codes group as they are (null, -1, is code 0):
      // no wider copy of them is made.
      return try densify(codes, bias: 1, cardinality: Int64(dictionary.count) + 1, limits: limits)
    }
    var combined: [Int64] = []
    var cardinality: Int64 = 1
    for key in keys {
      let encoded = try KeyEncoding.denseCodes(key, limits: limits)
      if combined.isEmpty {
        combined = encoded.codes
        cardinality = encoded.cardinality
        continue
      }
      var (product, overflow) = cardinality.multipliedReportingOverflow(by: encoded.cardinality)
      if overflow || product > (1 << 62) {
        // Too many combinations to pack: number the pairs so far densely.
        let dense = try densify(combined, cardinality: cardinality, limits: limits)
        combined = dense.groupIDs.map { Int64($0) }
        cardinality = Int64(dense.groupCount)
        (product, overflow) = cardinality.multipliedReportingOverflow(by: encoded.cardinality)
      }
      let factor = encoded.cardinality
      combined.withUnsafeMutableBufferPointer { out in
        encoded.codes.withUnsafeBufferPointer { codes in
          for row in 0..<out.count { out[row] = out[row] &* factor &+ codes[row] }
        }
      }
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
    var groupIDs = [Int32](repeating: 0, count: rowCount)
    var firstRows: [Int32] = []
    if cardinality <= Int64(max(1 << 20, rowCount * 2)), cardinality <= 1 << 27 {
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
    } else {
      var table = Int64HashMap(expectedCount: estimateDistinct(codes))
      for start in stride(from: 0, to: rowCount, by: pollBlock) {
        try limits.poll()
        for row in start..<min(start + pollBlock, rowCount) {
          let id = table.id(for: Int64(codes[row]) &+ Int64(bias))
          if Int(id) == firstRows.count { firstRows.append(Int32(row)) }
          groupIDs[row] = id
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
    // Every id is written below; an interrupted grouping is dropped.
    let groupIDs = [Int32](uninitializedCount: rowCount) { ids, initialized in
      let out = SendablePointer(ids.baseAddress)
      codes.withUnsafeBufferPointer { codes in
        map.withUnsafeBufferPointer { map in
          ParallelWork.run(parts: halves.count) { half in
            guard let out = out.pointer else { return }
            limits.blocks(of: halves[half]) { block in
              for row in block { out[row] = map[Int(codes[row]) &+ bias] }
            }
          }
        }
      }
      initialized = rowCount
    }
    try limits.poll()
    return Grouping(groupIDs: groupIDs, groupCount: firstRows.count, firstRows: firstRows)
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

/// Encodes a key column as small non-negative integers for grouping and joins.
enum KeyEncoding {
  /// Codes in 0..<cardinality, equal exactly when the values are equal; null is 0.
  static func denseCodes(_ column: Column, limits: ExecutionLimits = .none) throws(Diagnostic)
    -> (codes: [Int64], cardinality: Int64)
  {
    let count = column.count
    switch column.storage {
    case .string(let codes, let dictionary):
      return (
        try ParallelWork.map(codes, limits: limits) { Int64($0) + 1 }, Int64(dictionary.count) + 1
      )
    case .bool(let values):
      var result = [Int64](repeating: 0, count: count)
      for row in 0..<count where !column.isNull(row) { result[row] = values[row] ? 2 : 1 }
      return (result, 3)
    case .double(let values):
      var raw = [Int64](repeating: 0, count: count)
      for row in 0..<count { raw[row] = canonicalBits(values[row]) }
      return try hashed(raw, column, limits: limits)
    case .int(let values), .timestamp(let values), .date(let values):
      var low = Int64.max
      var high = Int64.min
      for row in 0..<count where !column.isNull(row) {
        low = min(low, values[row])
        high = max(high, values[row])
      }
      if low > high { return ([Int64](repeating: 0, count: count), 1) }
      let (span, overflow) = high.subtractingReportingOverflow(low)
      if !overflow, span < Int64(max(1 << 20, count * 2)) {
        var result = [Int64](repeating: 0, count: count)
        values.withUnsafeBufferPointer { values in
          result.withUnsafeMutableBufferPointer { out in
            for row in 0..<count { out[row] = values[row] &- low &+ 1 }
          }
        }
        if let validity = column.validity {
          for row in 0..<count where !validity[row] { result[row] = 0 }
        }
        return (result, span + 2)
      }
      return try hashed(values, column, limits: limits)
    }
  }

  /// Dense codes through a hash table, for wide-ranging values.
  private static func hashed(_ raw: [Int64], _ column: Column, limits: ExecutionLimits)
    throws(Diagnostic) -> (codes: [Int64], cardinality: Int64)
  {
    var table = Int64HashMap(expectedCount: min(raw.count, 1 << 16))
    var result = [Int64](repeating: 0, count: raw.count)
    for start in stride(from: 0, to: raw.count, by: Grouping.pollBlock) {
      try limits.poll()
      for row in start..<min(start + Grouping.pollBlock, raw.count) where !column.isNull(row) {
        result[row] = Int64(table.id(for: raw[row])) + 1
      }
    }
    return (result, Int64(table.count) + 1)
  }

  /// Bits that are equal exactly when the doubles are equal (−0 = 0, one NaN).
  @inline(__always)
  static func canonicalBits(_ value: Double) -> Int64 {
    if value == 0 { return 0 }
    if value.isNaN { return Int64(bitPattern: Double.nan.bitPattern) }
    return Int64(bitPattern: value.bitPattern)
  }
}
