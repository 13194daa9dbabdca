/// The DELTA_LENGTH_BYTE_ARRAY encoding (= 6) of BYTE_ARRAY values: every
/// length, DELTA_BINARY_PACKED, then every value's bytes back to back.
public enum DeltaLengthByteArray {
  /// Decodes `count` values onto the end of `output`. The lengths must
  /// number exactly `count`, since the bytes start where they end.
  ///
  /// - Returns: the bytes consumed, the last value's bytes included.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrays
  ) throws(ParquetError) -> Int {
    var cursor = ByteCursor(bytes)
    let lengths = try lengths(&cursor, count: count, of: "DELTA_LENGTH_BYTE_ARRAY")
    let total = try checkedTotal(lengths, within: cursor.remaining)
    let data = try cursor.take(total)
    output.appendConcatenated(data, lengths: lengths)
    return cursor.position
  }

  /// Encodes `values`: their lengths, then their bytes.
  public static func encode(_ values: ByteArrays) -> [UInt8] {
    var lengths: [Int64] = []
    lengths.reserveCapacity(values.count)
    for index in 0..<values.count {
      lengths.append(Int64(values.offsets[index + 1] - values.offsets[index]))
    }
    var output = lengths.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    output.append(contentsOf: values.bytes[values.offsets[0]..<values.offsets[values.count]])
    return output
  }

  /// Reads a DELTA_BINARY_PACKED run of exactly `count` lengths and leaves
  /// the cursor after it.
  static func lengths(_ cursor: inout ByteCursor, count: Int, of encoding: String)
    throws(ParquetError) -> [Int64]
  {
    guard count > 0 || !cursor.isAtEnd else { return [] }
    let header = try DeltaBinaryPacked.Header(&cursor)
    guard header.valueCount == UInt64(max(count, 0)) else {
      throw ParquetError(
        "\(encoding) data holds \(header.valueCount) lengths but \(count) values are expected")
    }
    var lengths: [Int64] = []
    try lengths.appendTail(count, filledWith: 0) { target throws(ParquetError) in
      try DeltaBinaryPacked.decodeBlocks(&cursor, header: header, into: target)
    }
    return lengths
  }

  /// The sum of `lengths`, refused if one is negative or the sum passes
  /// `limit`; checking as it goes keeps the sum from overflowing.
  static func checkedTotal(_ lengths: [Int64], within limit: Int) throws(ParquetError) -> Int {
    var total = 0
    for (index, length) in lengths.enumerated() {
      guard length >= 0 else {
        throw ParquetError("value \(index) has a negative length of \(length)")
      }
      guard length <= Int64(limit - total) else {
        throw ParquetError("the lengths of the values pass the \(limit) bytes that follow them")
      }
      total += Int(length)
    }
    return total
  }
}
