/// Stable multi-key sorting by least-significant-digit radix sort.
///
/// Each key becomes an order-preserving UInt64 (strings by dictionary rank,
/// doubles by their IEEE bits flipped into order); the rows are then radix
/// sorted by the last key first, each pass stable, so ties keep their input
/// order. Nulls sort last, whatever the direction.
public enum Sorting {
  public struct Key {
    public var column: Column
    public var descending: Bool
    public init(column: Column, descending: Bool) {
      self.column = column
      self.descending = descending
    }
  }

  /// The row order that sorts `keys`: `result[i]` is the row placed i-th.
  public static func permutation(_ keys: [Key], rowCount: Int) -> [Int32] {
    (try? permutation(keys, rowCount: rowCount, limits: .none)) ?? []
  }

  /// The same, polling Ctrl-C between blocks of rows in every pass.
  static func permutation(_ keys: [Key], rowCount: Int, limits: ExecutionLimits)
    throws(Diagnostic) -> [Int32]
  {
    var order = try limits.map(rowCount) { Int32($0) }
    for key in keys.reversed() {
      try limits.poll()
      order = try stableSort(
        order, by: try normalized(key.column, descending: key.descending, limits: limits),
        nulls: key.column.validity, limits: limits)
    }
    return order
  }

  /// Order-preserving unsigned keys of a column (descending flips them).
  static func normalized(_ column: Column, descending: Bool) -> [UInt64] {
    (try? normalized(column, descending: descending, limits: .none)) ?? []
  }

  /// The same, polling Ctrl-C between blocks of rows.
  static func normalized(_ column: Column, descending: Bool, limits: ExecutionLimits)
    throws(Diagnostic) -> [UInt64]
  {
    let flip: UInt64 = descending ? .max : 0
    func keys<T>(_ values: [T], _ key: (T) -> UInt64) throws(Diagnostic) -> [UInt64] {
      try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
        try limits.map(values.count) { key(values[$0]) ^ flip }
      }
    }
    switch column.storage {
    case .int(let values), .timestamp(let values), .date(let values):
      return try keys(values) { UInt64(bitPattern: $0) ^ (1 << 63) }
    case .double(let values):
      return try keys(values) { value in
        if value.isNaN { return UInt64.max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
      }
    case .bool(let values):
      return try keys(values) { $0 ? 1 : 0 }
    case .string(let codes, let dictionary):
      let ranks = try StringOrder.ranks(dictionary, limits: limits)
      return try keys(codes) { $0 >= 0 ? UInt64(ranks[Int($0)]) : 0 }
    }
  }

  /// Stably reorders `order` by `keys[row]`, moving null rows to the end.
  static func stableSort(_ order: [Int32], by keys: [UInt64], nulls: Bitmap?) -> [Int32] {
    (try? stableSort(order, by: keys, nulls: nulls, limits: .none)) ?? order
  }

  /// The same, polling Ctrl-C between blocks of rows in every pass.
  static func stableSort(
    _ order: [Int32], by keys: [UInt64], nulls: Bitmap?, limits: ExecutionLimits
  ) throws(Diagnostic) -> [Int32] {
    var rows = order
    var tail: [Int32] = []
    if let nulls {
      rows = []
      try limits.blocks(order.count) { block in
        for row in order[block] {
          if nulls[Int(row)] { rows.append(row) } else { tail.append(row) }
        }
      }
    }
    let count = rows.count
    if count < 2 { return rows + tail }
    var currentKeys = try rows.withUnsafeBufferPointer { rows throws(Diagnostic) in
      try limits.map(count) { keys[Int(rows[$0])] }
    }
    // Only bytes that differ somewhere need a pass.
    var varying: UInt64 = 0
    let first = currentKeys[0]
    try limits.blocks(count) { block in
      for key in currentKeys[block] { varying |= key ^ first }
    }
    // Every slot of the scratch is written by a pass before it is read.
    var scratchKeys = [UInt64](uninitializedCount: count) { $1 = count }
    var scratchRows = [Int32](uninitializedCount: count) { $1 = count }
    var histogram = [Int](repeating: 0, count: 256)
    for byte in 0..<8 where (varying >> UInt64(byte * 8)) & 0xFF != 0 {
      let shift = UInt64(byte * 8)
      for index in 0..<256 { histogram[index] = 0 }
      try currentKeys.withUnsafeBufferPointer { (source) throws(Diagnostic) in
        try limits.blocks(count) { block in
          for index in block { histogram[Int((source[index] >> shift) & 0xFF)] += 1 }
        }
      }
      var total = 0
      for index in 0..<256 {
        let value = histogram[index]
        histogram[index] = total
        total += value
      }
      try currentKeys.withUnsafeBufferPointer { (sourceKeys) throws(Diagnostic) in
        try rows.withUnsafeBufferPointer { (sourceRows) throws(Diagnostic) in
          try scratchKeys.withUnsafeMutableBufferPointer { (targetKeys) throws(Diagnostic) in
            try scratchRows.withUnsafeMutableBufferPointer { (targetRows) throws(Diagnostic) in
              try histogram.withUnsafeMutableBufferPointer { (offsets) throws(Diagnostic) in
                try limits.blocks(count) { block in
                  for index in block {
                    let key = sourceKeys[index]
                    let bucket = Int((key >> shift) & 0xFF)
                    let position = offsets[bucket]
                    offsets[bucket] = position + 1
                    targetKeys[position] = key
                    targetRows[position] = sourceRows[index]
                  }
                }
              }
            }
          }
        }
      }
      swap(&currentKeys, &scratchKeys)
      swap(&rows, &scratchRows)
    }
    if tail.isEmpty { return rows }
    try limits.poll()
    return rows + tail
  }
}
