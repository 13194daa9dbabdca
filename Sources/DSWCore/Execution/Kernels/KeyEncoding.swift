/// Encodes a key column as small non-negative integers for grouping.
enum KeyEncoding {
  /// The column's values as codes in 0..<cardinality, equal exactly when
  /// the values are equal (null is 0); read where they lie when they can be.
  static func dense(_ column: Column, limits: ExecutionLimits = .none) throws(Diagnostic)
    -> DenseKey
  {
    let count = column.count
    switch column.storage {
    case .string(let codes, let dictionary):
      return .dictionary(codes, cardinality: Int64(dictionary.count) + 1)
    case .bool(let values):
      var result = [Int64](repeating: 0, count: count)
      for row in 0..<count where !column.isNull(row) { result[row] = values[row] ? 2 : 1 }
      return .codes(result, cardinality: 3)
    case .double(let values):
      var raw = [Int64](repeating: 0, count: count)
      for row in 0..<count { raw[row] = canonicalBits(values[row]) }
      return try hashed(raw, column, limits: limits)
    case .int(let values), .timestamp(let values), .date(let values):
      guard let (low, high) = try bounds(values, column.validity, limits: limits) else {
        return .codes([Int64](repeating: 0, count: count), cardinality: 1)
      }
      let (span, overflow) = high.subtractingReportingOverflow(low)
      if !overflow, span < Int64(max(1 << 20, count * 2)) {
        return .range(values, validity: column.validity, low: low, cardinality: span + 2)
      }
      return try hashed(values, column, limits: limits)
    }
  }

  /// The smallest and largest of the values where `validity` is set (all
  /// when nil), the halves of many on both cores; nil when there are none.
  static func bounds(_ values: [Int64], _ validity: Bitmap?, limits: ExecutionLimits)
    throws(Diagnostic) -> (low: Int64, high: Int64)?
  {
    let halves = values.withUnsafeBufferPointer { values in
      ParallelWork.map(ranges: ParallelWork.halves(values.count)) { range in
        var low = Int64.max
        var high = Int64.min
        limits.blocks(of: range) { rows in
          for row in rows where validity?[row] ?? true {
            low = min(low, values[row])
            high = max(high, values[row])
          }
        }
        return (low: low, high: high)
      }
    }
    try limits.poll()
    let low = halves.map(\.low).min() ?? .max
    let high = halves.map(\.high).max() ?? .min
    return low <= high ? (low, high) : nil
  }

  /// Dense codes through a hash table, for wide-ranging values.
  private static func hashed(_ raw: [Int64], _ column: Column, limits: ExecutionLimits)
    throws(Diagnostic) -> DenseKey
  {
    var table = Int64HashMap(expectedCount: min(raw.count, 1 << 16))
    var result = [Int64](repeating: 0, count: raw.count)
    for start in stride(from: 0, to: raw.count, by: Grouping.pollBlock) {
      try limits.poll()
      for row in start..<min(start + Grouping.pollBlock, raw.count) where !column.isNull(row) {
        result[row] = Int64(table.id(for: raw[row])) + 1
      }
    }
    return .codes(result, cardinality: Int64(table.count) + 1)
  }

  /// Bits that are equal exactly when the doubles are equal (−0 = 0, one NaN).
  @inline(__always)
  static func canonicalBits(_ value: Double) -> Int64 {
    if value == 0 { return 0 }
    if value.isNaN { return Int64(bitPattern: Double.nan.bitPattern) }
    return Int64(bitPattern: value.bitPattern)
  }
}

/// A key column's dense codes (null is 0), kept as the column's own values
/// where a code is a fixed offset from them, so one key groups without a
/// copy and several combine in one pass each.
enum DenseKey {
  /// A string column's dictionary codes (null is -1): each code + 1.
  case dictionary([Int32], cardinality: Int64)
  /// Integers in a small range: each value − low + 1, null 0.
  case range([Int64], validity: Bitmap?, low: Int64, cardinality: Int64)
  /// Codes computed into an array of their own.
  case codes([Int64], cardinality: Int64)

  var cardinality: Int64 {
    switch self {
    case .dictionary(_, let cardinality), .range(_, _, _, let cardinality),
      .codes(_, let cardinality):
      cardinality
    }
  }

  /// Every row's code.
  func codes(limits: ExecutionLimits) throws(Diagnostic) -> [Int64] {
    if case .codes(let codes, _) = self { return codes }
    var codes: [Int64] = []
    try withCode { (count, code) throws(Diagnostic) in
      codes = try ParallelWork.map(count: count, limits: limits, code)
    }
    return codes
  }

  /// Each of `combined` times this key's cardinality plus the row's code,
  /// in place, the halves of many rows on both cores.
  func fold(into combined: inout [Int64], limits: ExecutionLimits) throws(Diagnostic) {
    let factor = cardinality
    withCode { count, code in
      combined.withUnsafeMutableBufferPointer { combined in
        let out = SendablePointer(combined.baseAddress)
        let halves = ParallelWork.halves(min(count, combined.count))
        ParallelWork.run(parts: halves.count) { half in
          guard let out = out.pointer else { return }
          limits.blocks(of: halves[half]) { rows in
            for row in rows { out[row] = out[row] &* factor &+ code(row) }
          }
        }
      }
    }
    try limits.poll()
  }

  /// Calls `body` with the row count and a function from a row to its code.
  private func withCode<E: Error>(_ body: (Int, (Int) -> Int64) throws(E) -> Void) throws(E) {
    switch self {
    case .dictionary(let codes, _):
      try codes.withUnsafeBufferPointer { (codes) throws(E) in
        try body(codes.count) { Int64(codes[$0]) &+ 1 }
      }
    case .range(let values, let validity, let low, _):
      try values.withUnsafeBufferPointer { (values) throws(E) in
        try body(values.count) { row in validity?[row] ?? true ? values[row] &- low &+ 1 : 0 }
      }
    case .codes(let codes, _):
      try codes.withUnsafeBufferPointer { (codes) throws(E) in try body(codes.count) { codes[$0] } }
    }
  }
}
