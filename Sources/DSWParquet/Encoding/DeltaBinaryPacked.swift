/// The DELTA_BINARY_PACKED encoding (= 5) of INT32 and INT64 values, also the
/// lengths inside DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
///
/// A header (block size, miniblocks per block, value count, first value) is
/// followed by blocks; each block holds a zigzag minimum delta, one bit width
/// per miniblock, and the miniblocks' deltas less that minimum, bit-packed.
/// All arithmetic wraps, as the spec asks: an INT32 column's values come out
/// right in their low 32 bits whatever the deltas overflowed to.
public enum DeltaBinaryPacked {
  /// The largest block this reader accepts; real writers use 128 or 256.
  /// Bounding it keeps the size arithmetic far from overflow.
  public static let maximumBlockSize = 1 << 24

  /// Decodes the first `count` values onto the end of `output`. The header
  /// must declare at least `count` values.
  ///
  /// - Returns: the bytes consumed, up to the end of the last miniblock read.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]
  ) throws(ParquetError) -> Int {
    // A page of nulls alone may leave out even the header.
    if count == 0 && bytes.isEmpty { return 0 }
    var cursor = ByteCursor(bytes)
    let header = try Header(&cursor)
    guard header.valueCount >= UInt64(max(count, 0)) else {
      throw ParquetError(
        "DELTA_BINARY_PACKED data holds \(header.valueCount) values but \(count) are expected")
    }
    try output.appendTail(count, filledWith: 0) { target throws(ParquetError) in
      try decodeBlocks(&cursor, header: header, into: target)
    }
    return cursor.position
  }

  /// Decodes INT32 values: the same stream, cut to 32 bits.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]
  ) throws(ParquetError) -> Int {
    var wide: [Int64] = []
    let consumed = try decode(bytes, count: count, appendingTo: &wide)
    output.reserveCapacity(output.count + wide.count)
    for value in wide { output.append(Int32(truncatingIfNeeded: value)) }
    return consumed
  }

  /// Encodes INT64 values in blocks of 128 values and 4 miniblocks.
  public static func encode(_ values: UnsafeBufferPointer<Int64>) -> [UInt8] {
    encodeWrapping(values)
  }

  /// Encodes INT32 values with 32-bit deltas, so no miniblock is wider than
  /// 32 bits, as the spec requires of INT32 columns.
  public static func encode(_ values: UnsafeBufferPointer<Int32>) -> [UInt8] {
    encodeWrapping(values)
  }

  /// The stream's header, checked so that nothing later can overflow.
  struct Header {
    var blockSize: Int
    var miniblockCount: Int
    var valueCount: UInt64
    var firstValue: Int64

    var valuesPerMiniblock: Int { blockSize / miniblockCount }

    init(_ cursor: inout ByteCursor) throws(ParquetError) {
      let blockSize = try cursor.uleb128()
      let miniblockCount = try cursor.uleb128()
      valueCount = try cursor.uleb128()
      firstValue = try cursor.zigzag()
      guard blockSize > 0, blockSize % 128 == 0, blockSize <= UInt64(maximumBlockSize) else {
        throw ParquetError(
          "a DELTA_BINARY_PACKED block size of \(blockSize) is not a multiple of 128 up to "
            + "\(maximumBlockSize)")
      }
      guard miniblockCount > 0, blockSize % miniblockCount == 0,
        (blockSize / miniblockCount) % 32 == 0
      else {
        throw ParquetError(
          "\(miniblockCount) miniblocks do not split a block of \(blockSize) into multiples of 32")
      }
      self.blockSize = Int(blockSize)
      self.miniblockCount = Int(miniblockCount)
    }
  }

  /// Fills `output` from the first value and as many blocks as it needs,
  /// leaving the cursor after the last miniblock read.
  static func decodeBlocks(
    _ cursor: inout ByteCursor, header: Header, into output: UnsafeMutableBufferPointer<Int64>
  ) throws(ParquetError) {
    let count = output.count
    guard count > 0, let target = output.baseAddress else { return }
    var previous = UInt64(bitPattern: header.firstValue)
    target[0] = header.firstValue
    var produced = 1
    let perMiniblock = header.valuesPerMiniblock
    while produced < count {
      let minimumDelta = UInt64(bitPattern: try cursor.zigzag())
      guard header.miniblockCount <= cursor.remaining else {
        throw ParquetError(
          "a block's \(header.miniblockCount) miniblock bit widths pass the end of the data")
      }
      let widths = try cursor.take(header.miniblockCount)
      var miniblock = 0
      while produced < count && miniblock < header.miniblockCount {
        let width = Int(widths[miniblock])
        guard width <= 64 else {
          throw ParquetError("a miniblock bit width of \(width) is more than 64")
        }
        let length = min(perMiniblock, count - produced)
        let needed = BitPacking.byteCount(values: length, width: width)
        // The last miniblock may stop at its last value instead of padding.
        let available = min(perMiniblock / 8 * width, cursor.remaining)
        guard needed <= available else {
          throw ParquetError(
            "a miniblock of \(length) values at \(width) bits passes the end of the data")
        }
        let packed = try cursor.take(available)
        let slot = target + produced
        if width == 0 {
          for index in 0..<length {
            previous = previous &+ minimumDelta
            slot[index] = Int64(bitPattern: previous)
          }
        } else if let base = packed.baseAddress {
          BitPacking.forEachValue(base, byteCount: available, width: width, count: length) {
            index, delta in
            previous = previous &+ minimumDelta &+ delta
            slot[index] = Int64(bitPattern: previous)
          }
        }
        produced += length
        miniblock += 1
      }
    }
  }

  /// Encodes with deltas computed in `Value`'s own width, wrapping.
  private static func encodeWrapping<Value: FixedWidthInteger & SignedInteger>(
    _ values: UnsafeBufferPointer<Value>
  ) -> [UInt8] {
    let blockSize = 128
    let miniblockCount = 4
    let perMiniblock = blockSize / miniblockCount
    var output: [UInt8] = []
    appendUnsigned(UInt64(blockSize), to: &output)
    appendUnsigned(UInt64(miniblockCount), to: &output)
    appendUnsigned(UInt64(values.count), to: &output)
    guard let first = values.first else {
      appendZigzag(0, to: &output)
      return output
    }
    appendZigzag(Int64(first), to: &output)
    var deltas = [Value](repeating: 0, count: blockSize)
    var packed = [UInt64](repeating: 0, count: perMiniblock)
    var start = 1
    while start < values.count {
      let length = min(blockSize, values.count - start)
      var minimum = Value.max
      for index in 0..<length {
        let delta = values[start + index] &- values[start + index - 1]
        deltas[index] = delta
        minimum = min(minimum, delta)
      }
      appendZigzag(Int64(minimum), to: &output)
      let widthsAt = output.count
      output.append(contentsOf: repeatElement(0, count: miniblockCount))
      for miniblock in 0..<miniblockCount {
        let from = miniblock * perMiniblock
        guard from < length else { break }
        var widest: UInt64 = 0
        for index in 0..<perMiniblock {
          // Padding past the last value is zero, as the spec prefers.
          let relative =
            from + index < length
            ? UInt64(
              truncatingIfNeeded: Value.Magnitude(
                truncatingIfNeeded: deltas[from + index] &- minimum))
            : 0
          packed[index] = relative
          widest |= relative
        }
        let width = BitPacking.width(of: widest)
        output[widthsAt + miniblock] = UInt8(width)
        BitPacking.pack(packed, width: width, into: &output)
      }
      start += length
    }
    return output
  }

  static func appendUnsigned(_ value: UInt64, to output: inout [UInt8]) {
    var remaining = value
    while remaining >= 0x80 {
      output.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
      remaining >>= 7
    }
    output.append(UInt8(remaining))
  }

  static func appendZigzag(_ value: Int64, to output: inout [UInt8]) {
    appendUnsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)), to: &output)
  }
}
