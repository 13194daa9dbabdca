/// Decodes PLAIN-encoded values (PLAIN = 0), each physical type onto the end
/// of an array, so the pages of a column chunk fill one array without copies.
///
/// Each function takes the number of values the page holds and returns the
/// bytes it consumed. Before growing an array it checks that the bytes can
/// hold that many values, so a lying count fails without a large allocation.
public enum PlainDecoder {
  /// The Julian day of 1970-01-01, where INT96 timestamps meet Unix time.
  public static let unixEpochJulianDay: Int64 = 2_440_588

  /// BOOLEAN: one bit per value, least significant bit first.
  @discardableResult
  public static func decodeBooleans(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Bool]
  ) throws(ParquetError) -> Int {
    let byteCount = try checkedSize(count, width: 1, bits: true, in: bytes, type: "BOOLEAN")
    guard count > 0, let base = bytes.baseAddress else { return 0 }
    let source = base.assumingMemoryBound(to: UInt8.self)
    try output.appendTail(count, filledWith: false) { target throws(ParquetError) in
      for index in 0..<count {
        target[index] = (source[index &>> 3] &>> UInt8(index & 7)) & 1 != 0
      }
    }
    return byteCount
  }

  /// INT32: 4 bytes little endian each.
  @discardableResult
  public static func decodeInt32(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, type: "INT32", appendingTo: &output)
  }

  /// INT64: 8 bytes little endian each.
  @discardableResult
  public static func decodeInt64(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, type: "INT64", appendingTo: &output)
  }

  /// FLOAT: 4 bytes IEEE 754 little endian each.
  @discardableResult
  public static func decodeFloat(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Float]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, type: "FLOAT", appendingTo: &output)
  }

  /// DOUBLE: 8 bytes IEEE 754 little endian each.
  @discardableResult
  public static func decodeDouble(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, type: "DOUBLE", appendingTo: &output)
  }

  /// INT96 timestamps as microseconds since the Unix epoch: each value is 8
  /// bytes of nanoseconds within the day, then 4 bytes of Julian day, both
  /// little endian. Sub-microsecond digits are dropped. The arithmetic wraps
  /// instead of trapping on days far outside any calendar, as other readers do.
  @discardableResult
  public static func decodeInt96Timestamps(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]
  ) throws(ParquetError) -> Int {
    let byteCount = try checkedSize(count, width: 12, in: bytes, type: "INT96")
    guard count > 0, let base = bytes.baseAddress else { return 0 }
    try output.appendTail(count, filledWith: 0) { target throws(ParquetError) in
      for index in 0..<count {
        let offset = index &* 12
        let nanoseconds = Int64(
          littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        let julianDay = UInt32(
          littleEndian: base.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt32.self))
        let days = Int64(julianDay) &- unixEpochJulianDay
        // A day or a time past Int64 saturates, so that the range check of
        // the conversion refuses it instead of seeing a wrapped value.
        let (dayStart, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000)
        let (micros, overflow2) = dayStart.addingReportingOverflow(nanoseconds / 1000)
        target[index] = overflow || overflow2 ? .max : micros
      }
    }
    return byteCount
  }

  /// BYTE_ARRAY: each value is a 4-byte little-endian length, then the bytes.
  @discardableResult
  public static func decodeByteArrays(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrays
  ) throws(ParquetError) -> Int {
    _ = try checkedSize(count, width: 4, in: bytes, type: "BYTE_ARRAY")
    output.reserve(
      values: output.count + count, bytes: output.bytes.count + bytes.count - 4 * count)
    var cursor = ByteCursor(bytes)
    for index in 0..<count {
      let length = try cursor.littleEndian(UInt32.self)
      guard Int(length) <= cursor.remaining else {
        throw ParquetError(
          "BYTE_ARRAY value \(index) declares \(length) bytes but only \(cursor.remaining) follow"
        )
      }
      output.append(try cursor.take(Int(length)))
    }
    return cursor.position
  }

  /// FIXED_LEN_BYTE_ARRAY: `typeLength` bytes each, with nothing between.
  @discardableResult
  public static func decodeFixedLengthByteArrays(
    _ bytes: UnsafeRawBufferPointer, count: Int, typeLength: Int,
    appendingTo output: inout ByteArrays
  ) throws(ParquetError) -> Int {
    guard typeLength > 0 else {
      throw ParquetError("a FIXED_LEN_BYTE_ARRAY length of \(typeLength) is not positive")
    }
    let byteCount = try checkedSize(
      count, width: typeLength, in: bytes, type: "FIXED_LEN_BYTE_ARRAY")
    output.appendFixedLength(
      UnsafeRawBufferPointer(rebasing: bytes[0..<byteCount]), typeLength: typeLength)
    return byteCount
  }

  /// Copies `count` values of a fixed-width type; on a little-endian host the
  /// bytes are already the values.
  private static func decodeFixedWidth<Value: BitwiseCopyable & AdditiveArithmetic>(
    _ bytes: UnsafeRawBufferPointer, count: Int, type: String,
    appendingTo output: inout [Value]
  ) throws(ParquetError) -> Int {
    let width = MemoryLayout<Value>.size
    let byteCount = try checkedSize(count, width: width, in: bytes, type: type)
    guard count > 0, let base = bytes.baseAddress else { return 0 }
    try output.appendTail(count, filledWith: .zero) { target throws(ParquetError) in
      #if _endian(little)
        UnsafeMutableRawPointer(target.baseAddress)?.copyMemory(from: base, byteCount: byteCount)
      #else
        #error("PLAIN decoding assumes a little-endian host")
      #endif
    }
    return byteCount
  }

  /// The bytes that `count` values of `width` bytes (or bits) take, checked
  /// against what the page holds before anything is allocated.
  static func checkedSize(
    _ count: Int, width: Int, bits: Bool = false, in bytes: UnsafeRawBufferPointer, type: String
  ) throws(ParquetError) -> Int {
    let capacity = bits ? bytes.count.multipliedReportingOverflow(by: 8) : (bytes.count, false)
    guard count >= 0, !capacity.overflow, count <= capacity.partialValue / width else {
      throw ParquetError("\(bytes.count) bytes cannot hold \(count) \(type) values")
    }
    return bits ? (count + 7) / 8 : count * width
  }
}
