/// The RLE/bit-packing hybrid encoding (RLE = 3): definition and repetition
/// levels, dictionary indices and RLE booleans.
///
/// Three layouts carry the same runs:
/// - bare runs (`decode`/`encode`): levels in a v2 data page, whose header
///   gives their byte length;
/// - runs behind a 4-byte little-endian length (`decodeLengthPrefixed`/
///   `encodeLengthPrefixed`): levels in a v1 data page, and RLE booleans in
///   either page version;
/// - runs behind one byte holding the bit width (`decodeDictionaryIndices`/
///   `encodeDictionaryIndices`): the indices of a dictionary-encoded page.
public enum RLEBitPackedHybrid {
  /// Decodes exactly `count` values of `bitWidth` bits (0...32) from bare
  /// runs into `output`, which must hold at least `count` values. A run that
  /// goes on past `count` is cut; runs that end early are an error.
  ///
  /// - Returns: the bytes consumed, up to the end of the last run read.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
    into output: UnsafeMutableBufferPointer<Int32>
  ) throws(ParquetError) -> Int {
    guard bitWidth >= 0, bitWidth <= 32 else {
      throw ParquetError("an RLE bit width of \(bitWidth) is outside 0...32")
    }
    guard count >= 0, count <= output.count, let target = output.baseAddress else {
      if count == 0 { return 0 }
      throw ParquetError("\(count) RLE values do not fit a buffer of \(output.count)")
    }
    var cursor = ByteCursor(bytes)
    let valueBytes = (bitWidth + 7) / 8
    var produced = 0
    while produced < count {
      guard !cursor.isAtEnd else {
        throw ParquetError("RLE data ends after \(produced) of \(count) values")
      }
      let header = try cursor.uleb128()
      let wanted = count - produced
      if header & 1 == 0 {
        let runLength = header >> 1
        let value = try repeatedValue(&cursor, valueBytes: valueBytes, bitWidth: bitWidth)
        let length = runLength < UInt64(wanted) ? Int(runLength) : wanted
        (target + produced).update(repeating: value, count: length)
        produced += length
      } else {
        let groups = header >> 1
        // A writer may stop the bytes of the page's last run at its last
        // value instead of padding to eight; only the values used must be there.
        let declared = groups <= UInt64(cursor.remaining) ? Int(groups) * bitWidth : Int.max
        let available = Swift.min(declared, cursor.remaining)
        let length = groups < UInt64(wanted / 8 + 1) ? Swift.min(Int(groups) * 8, wanted) : wanted
        guard length * bitWidth <= available * 8 else {
          throw ParquetError(
            "a bit-packed run of \(length) values at \(bitWidth) bits passes the end of the data")
        }
        let run = try cursor.take(available)
        if let base = run.baseAddress {
          BitPacking.unpack(
            base, byteCount: available, width: bitWidth, count: length, into: target + produced)
        } else {
          (target + produced).update(repeating: 0, count: length)
        }
        produced += length
      }
    }
    return cursor.position
  }

  /// Decodes `count` values onto the end of `output`, so that the pages of a
  /// column chunk can fill one array.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
    appendingTo output: inout [Int32]
  ) throws(ParquetError) -> Int {
    try output.appendTail(count, filledWith: 0) { buffer throws(ParquetError) in
      try decode(bytes, bitWidth: bitWidth, count: count, into: buffer)
    }
  }

  /// Decodes the v1 data page layout of levels (and RLE booleans): a 4-byte
  /// little-endian byte length, then that many bytes of runs.
  ///
  /// - Returns: the bytes consumed, the 4-byte length included, so that the
  ///   next section of the page starts there.
  @discardableResult
  public static func decodeLengthPrefixed(
    _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
    into output: UnsafeMutableBufferPointer<Int32>
  ) throws(ParquetError) -> Int {
    var cursor = ByteCursor(bytes)
    let length = Int(try cursor.littleEndian(UInt32.self))
    guard length <= cursor.remaining else {
      throw ParquetError(
        "RLE data declares \(length) bytes but only \(cursor.remaining) follow")
    }
    let runs = try cursor.take(length)
    try decode(runs, bitWidth: bitWidth, count: count, into: output)
    return cursor.position
  }

  /// Decodes the dictionary-index layout of a data page: one byte with the
  /// bit width (at most 32), then bare runs.
  ///
  /// - Returns: the bytes consumed, the width byte included.
  @discardableResult
  public static func decodeDictionaryIndices(
    _ bytes: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutableBufferPointer<Int32>
  ) throws(ParquetError) -> Int {
    var cursor = ByteCursor(bytes)
    guard !cursor.isAtEnd else {
      if count == 0 { return 0 }
      throw ParquetError("dictionary indices are missing their bit width")
    }
    let bitWidth = Int(try cursor.byte())
    guard bitWidth <= 32 else {
      throw ParquetError("a dictionary index bit width of \(bitWidth) is more than 32")
    }
    let runs = UnsafeRawBufferPointer(rebasing: bytes[1...])
    return 1 + (try decode(runs, bitWidth: bitWidth, count: count, into: output))
  }

  /// The bits needed to store levels or indices up to `maximum`.
  public static func bitWidth(forMaximum maximum: Int) -> Int {
    maximum <= 0 ? 0 : BitPacking.width(of: UInt64(maximum))
  }

  /// The value a run repeats: the low bytes of a little-endian integer, and
  /// no wider than the bit width allows.
  @inline(__always)
  private static func repeatedValue(_ cursor: inout ByteCursor, valueBytes: Int, bitWidth: Int)
    throws(ParquetError) -> Int32
  {
    let raw = try cursor.take(valueBytes)
    var value: UInt64 = 0
    for index in 0..<valueBytes { value |= UInt64(raw[index]) << (8 * index) }
    guard value >> bitWidth == 0 else {
      throw ParquetError("an RLE run repeats \(value), more than \(bitWidth) bits hold")
    }
    return Int32(truncatingIfNeeded: value)
  }
}
