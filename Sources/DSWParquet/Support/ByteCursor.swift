/// A bounds-checked reader over bytes: every read that would pass the end
/// throws instead of trapping, so a truncated or lying file is an error.
public struct ByteCursor {
  public let bytes: UnsafeRawBufferPointer
  public var position: Int

  public init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  public var remaining: Int { bytes.count - position }
  public var isAtEnd: Bool { position >= bytes.count }

  public mutating func byte() throws(ParquetError) -> UInt8 {
    guard position < bytes.count else { throw ParquetError("unexpected end of data") }
    defer { position += 1 }
    return bytes[position]
  }

  /// The next `count` bytes, without copying.
  public mutating func take(_ count: Int) throws(ParquetError) -> UnsafeRawBufferPointer {
    guard count >= 0, count <= remaining else {
      throw ParquetError("a length of \(count) bytes passes the end of the data")
    }
    defer { position += count }
    return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
  }

  public mutating func skip(_ count: Int) throws(ParquetError) {
    _ = try take(count)
  }

  /// An unsigned LEB128 varint of at most 64 bits.
  public mutating func uleb128() throws(ParquetError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let next = try byte()
      guard shift < 64 else { throw ParquetError("a varint is longer than 64 bits") }
      result |= UInt64(next & 0x7f) << shift
      if next & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// A zigzag-encoded signed varint.
  public mutating func zigzag() throws(ParquetError) -> Int64 {
    let raw = try uleb128()
    return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
  }

  /// A little-endian fixed-width integer.
  public mutating func littleEndian<T: FixedWidthInteger>(_: T.Type) throws(ParquetError) -> T {
    let raw = try take(MemoryLayout<T>.size)
    return T(littleEndian: raw.loadUnaligned(as: T.self))
  }
}
