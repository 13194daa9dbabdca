/// The BYTE_STREAM_SPLIT encoding (= 9): byte `j` of every value goes to
/// stream `j`, and the streams follow one another. It shrinks nothing itself
/// but groups the bytes that compress well together.
///
/// The streams have no header, so the page's value bytes must be exactly
/// `count` times the value width.
public enum ByteStreamSplit {
  /// FLOAT values (4 bytes each).
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Float]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, appendingTo: &output)
  }

  /// DOUBLE values (8 bytes each).
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, appendingTo: &output)
  }

  /// INT32 values (4 bytes each).
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, appendingTo: &output)
  }

  /// INT64 values (8 bytes each).
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]
  ) throws(ParquetError) -> Int {
    try decodeFixedWidth(bytes, count: count, appendingTo: &output)
  }

  /// FIXED_LEN_BYTE_ARRAY values of `typeLength` bytes each.
  @discardableResult
  public static func decodeFixedLength(
    _ bytes: UnsafeRawBufferPointer, count: Int, typeLength: Int,
    appendingTo output: inout ByteArrays
  ) throws(ParquetError) -> Int {
    try checkSize(bytes, count: count, width: typeLength)
    var joined = [UInt8](repeating: 0, count: bytes.count)
    joined.withUnsafeMutableBytes { target in
      interleave(bytes, width: typeLength, count: count, into: target)
    }
    joined.withUnsafeBytes { output.appendFixedLength($0, typeLength: typeLength) }
    return bytes.count
  }

  /// Encodes fixed-width values (FLOAT, DOUBLE, INT32, INT64) from their
  /// little-endian bytes.
  public static func encode<Value: BitwiseCopyable>(_ values: UnsafeBufferPointer<Value>)
    -> [UInt8]
  {
    split(UnsafeRawBufferPointer(values), width: MemoryLayout<Value>.size)
  }

  /// Encodes FIXED_LEN_BYTE_ARRAY values; every value must be `typeLength`
  /// bytes long.
  public static func encodeFixedLength(_ values: ByteArrays, typeLength: Int)
    throws(ParquetError) -> [UInt8]
  {
    let joined = try PlainEncoder.encodeFixedLength(values, typeLength: typeLength)
    return joined.withUnsafeBytes { split($0, width: typeLength) }
  }

  private static func decodeFixedWidth<Value: BitwiseCopyable & AdditiveArithmetic>(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Value]
  ) throws(ParquetError) -> Int {
    let width = MemoryLayout<Value>.size
    try checkSize(bytes, count: count, width: width)
    try output.appendTail(count, filledWith: .zero) { target throws(ParquetError) in
      interleave(bytes, width: width, count: count, into: UnsafeMutableRawBufferPointer(target))
    }
    return bytes.count
  }

  private static func checkSize(_ bytes: UnsafeRawBufferPointer, count: Int, width: Int)
    throws(ParquetError)
  {
    guard width > 0 else {
      throw ParquetError("a BYTE_STREAM_SPLIT value width of \(width) is not positive")
    }
    guard count >= 0, bytes.count % width == 0, bytes.count / width == count else {
      throw ParquetError(
        "BYTE_STREAM_SPLIT data of \(bytes.count) bytes is not \(count) values of \(width) bytes")
    }
  }

  /// Gathers byte `j` of value `i` from stream `j`. Walking the output in
  /// order keeps its writes sequential; the `width` read streams prefetch well.
  private static func interleave(
    _ streams: UnsafeRawBufferPointer, width: Int, count: Int,
    into target: UnsafeMutableRawBufferPointer
  ) {
    guard count > 0, let source = streams.baseAddress, let destination = target.baseAddress else {
      return
    }
    let input = source.assumingMemoryBound(to: UInt8.self)
    let output = destination.assumingMemoryBound(to: UInt8.self)
    if width == 4 {
      gatherWords(input, count: count, width: 4, into: destination, as: UInt32.self)
      return
    }
    if width == 8 {
      gatherWords(input, count: count, width: 8, into: destination, as: UInt64.self)
      return
    }
    for stream in 0..<width {
      let from = input + stream &* count
      for index in 0..<count {
        output[index &* width &+ stream] = from[index]
      }
    }
  }

  /// Builds each 4- or 8-byte value in a register and stores it whole.
  @inline(__always)
  private static func gatherWords<Word: FixedWidthInteger & UnsignedInteger>(
    _ input: UnsafePointer<UInt8>, count: Int, width: Int,
    into destination: UnsafeMutableRawPointer,
    as _: Word.Type
  ) {
    for index in 0..<count {
      var word: Word = 0
      for stream in 0..<width {
        word |= Word(input[stream &* count &+ index]) &<< Word(stream &* 8)
      }
      destination.storeBytes(
        of: word.littleEndian, toByteOffset: index &* width, as: Word.self)
    }
  }

  private static func split(_ values: UnsafeRawBufferPointer, width: Int) -> [UInt8] {
    let count = width > 0 ? values.count / width : 0
    var output = [UInt8](repeating: 0, count: count * width)
    output.withUnsafeMutableBytes { target in
      for index in 0..<count {
        for stream in 0..<width {
          target[stream &* count &+ index] = values[index &* width &+ stream]
        }
      }
    }
    return output
  }
}
