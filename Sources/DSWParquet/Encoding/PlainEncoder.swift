/// Encodes values in the PLAIN encoding (PLAIN = 0), the inverse of
/// `PlainDecoder`.
public enum PlainEncoder {
  /// BOOLEAN: one bit per value, least significant bit first, the last byte
  /// padded with zeros.
  public static func encode(_ values: UnsafeBufferPointer<Bool>) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: (values.count + 7) / 8)
    for (index, value) in values.enumerated() where value {
      output[index >> 3] |= 1 << UInt8(index & 7)
    }
    return output
  }

  /// INT32, INT64, FLOAT or DOUBLE: the values' little-endian bytes.
  public static func encode<Value: BitwiseCopyable>(_ values: UnsafeBufferPointer<Value>)
    -> [UInt8]
  {
    #if _endian(little)
      return Array(UnsafeRawBufferPointer(values))
    #else
      #error("PLAIN encoding assumes a little-endian host")
    #endif
  }

  /// INT96 timestamps from microseconds since the Unix epoch: nanoseconds of
  /// the day, then the Julian day.
  public static func encodeInt96Timestamps(_ microseconds: UnsafeBufferPointer<Int64>) -> [UInt8] {
    let microsecondsPerDay: Int64 = 86_400_000_000
    var output: [UInt8] = []
    output.reserveCapacity(microseconds.count * 12)
    for value in microseconds {
      // Floor division keeps the time of day non-negative before 1970.
      var days = value / microsecondsPerDay
      var remainder = value % microsecondsPerDay
      if remainder < 0 {
        days -= 1
        remainder += microsecondsPerDay
      }
      BitPacking.appendWord(UInt64(remainder * 1000), bytes: 8, to: &output)
      let julianDay = days &+ PlainDecoder.unixEpochJulianDay
      BitPacking.appendWord(UInt64(truncatingIfNeeded: julianDay), bytes: 4, to: &output)
    }
    return output
  }

  /// BYTE_ARRAY: each value's length as 4 bytes little endian, then its bytes.
  public static func encode(_ values: ByteArrays) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(values.bytes.count + 4 * values.count)
    values.bytes.withUnsafeBytes { bytes in
      for index in 0..<values.count {
        let start = values.offsets[index]
        let end = values.offsets[index + 1]
        BitPacking.appendWord(UInt64(end - start), bytes: 4, to: &output)
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
      }
    }
    return output
  }

  /// FIXED_LEN_BYTE_ARRAY: the values' bytes back to back; every value must
  /// be `typeLength` bytes long.
  public static func encodeFixedLength(_ values: ByteArrays, typeLength: Int)
    throws(ParquetError) -> [UInt8]
  {
    for index in 0..<values.count
    where values.offsets[index + 1] - values.offsets[index] != typeLength {
      throw ParquetError(
        "FIXED_LEN_BYTE_ARRAY value \(index) is not \(typeLength) bytes long")
    }
    return Array(values.bytes[values.offsets[0]..<values.offsets[values.count]])
  }
}
