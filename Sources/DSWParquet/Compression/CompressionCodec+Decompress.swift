import CCodecs

/// Decompressing a page.
///
/// A page's header declares its uncompressed size, but the file may lie. No
/// buffer is sized by that number alone: streaming codecs grow their output
/// as it is produced and stop at the declared size; Snappy's own length is
/// validated before anything is allocated; raw LZ4 cannot expand more than
/// 255 times, so a larger claim is refused.
extension CompressionCodec {
  /// The largest page this reader accepts, compressed or not.
  public static let maximumPageSize = 1 << 30

  public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int)
    throws(ParquetError) -> [UInt8]
  {
    guard uncompressedSize >= 0, uncompressedSize <= Self.maximumPageSize else {
      throw ParquetError("a page declares \(uncompressedSize) bytes uncompressed")
    }
    switch self {
    case .uncompressed:
      guard input.count == uncompressedSize else {
        throw ParquetError(
          "an uncompressed page holds \(input.count) bytes but declares \(uncompressedSize)")
      }
      return Array(input)
    case .snappy: return try Self.snappy(input, uncompressedSize)
    case .gzip: return try Self.inflate(input, uncompressedSize)
    case .zstd: return try Self.zstd(input, uncompressedSize)
    case .brotli: return try Self.brotli(input, uncompressedSize)
    case .lz4Raw: return try Self.lz4Block(input, uncompressedSize)
    case .lz4:
      if let framed = try? Self.hadoopLZ4(input, uncompressedSize) { return framed }
      return try Self.lz4Block(input, uncompressedSize)
    case .lzo:
      throw ParquetError("LZO compression is not supported; rewrite the file with another codec")
    }
  }

  private static func snappy(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    let source = input.bindMemory(to: CChar.self)
    var length = 0
    guard snappy_uncompressed_length(source.baseAddress, input.count, &length) == SNAPPY_OK,
      length == expected,
      snappy_validate_compressed_buffer(source.baseAddress, input.count) == SNAPPY_OK
    else { throw ParquetError("a Snappy page is corrupt") }
    var output = [UInt8](repeating: 0, count: length)
    var written = length
    let status = output.withUnsafeMutableBytes { target in
      snappy_uncompress(
        source.baseAddress, input.count, target.baseAddress?.assumingMemoryBound(to: CChar.self),
        &written)
    }
    guard status == SNAPPY_OK, written == length else {
      throw ParquetError("a Snappy page is corrupt")
    }
    return output
  }

  /// LZ4 expands at most about 255 times: a larger claim is a lie.
  private static func lz4Block(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    guard expected <= input.count * 255 + 64 else {
      throw ParquetError("an LZ4 page declares more bytes than it can hold")
    }
    var output = [UInt8](repeating: 0, count: expected)
    let written = output.withUnsafeMutableBytes { target in
      LZ4_decompress_safe(
        input.baseAddress?.assumingMemoryBound(to: CChar.self),
        target.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(input.count),
        Int32(expected))
    }
    guard written == expected else { throw ParquetError("an LZ4 page is corrupt") }
    return output
  }

  /// Hadoop's framing: blocks of a big-endian uncompressed length, a
  /// compressed length, and the LZ4 block.
  private static func hadoopLZ4(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    func bigEndian(_ at: Int) -> Int {
      (Int(input[at]) << 24) | (Int(input[at + 1]) << 16) | (Int(input[at + 2]) << 8)
        | Int(input[at + 3])
    }
    var output: [UInt8] = []
    var offset = 0
    while offset < input.count {
      guard offset + 8 <= input.count else { throw ParquetError("an LZ4 page is corrupt") }
      let blockSize = bigEndian(offset)
      let compressedSize = bigEndian(offset + 4)
      offset += 8
      guard compressedSize <= input.count - offset, blockSize <= expected - output.count
      else { throw ParquetError("an LZ4 page is corrupt") }
      let block = UnsafeRawBufferPointer(rebasing: input[offset..<offset + compressedSize])
      output += try lz4Block(block, blockSize)
      offset += compressedSize
    }
    guard output.count == expected else { throw ParquetError("an LZ4 page is corrupt") }
    return output
  }

  /// Output for a streaming codec: it starts at no more than a generous
  /// multiple of the input and grows as output proves the claim, up to one
  /// byte past the declared size, so that a page holding more is caught.
  private struct GrowingOutput {
    var bytes: [UInt8]
    var produced = 0
    let expected: Int

    init(input: Int, expected: Int) {
      self.expected = expected
      bytes = [UInt8](repeating: 0, count: max(1, min(expected + 1, input * 8 + 4096)))
    }

    var isFull: Bool { produced == bytes.count }

    mutating func grow(_ codec: String) throws(ParquetError) {
      guard bytes.count <= expected else {
        throw ParquetError("a \(codec) page holds more than the \(expected) bytes it declares")
      }
      bytes += [UInt8](repeating: 0, count: min(bytes.count, expected + 1 - bytes.count))
    }

    consuming func finish(_ codec: String) throws(ParquetError) -> [UInt8] {
      guard produced == expected else {
        throw ParquetError("a \(codec) page holds \(produced) bytes but declares \(expected)")
      }
      bytes.removeLast(bytes.count - produced)
      return bytes
    }
  }

  private static func zstd(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    guard let stream = ZSTD_createDStream() else { throw ParquetError("out of memory") }
    defer { ZSTD_freeDStream(stream) }
    ZSTD_initDStream(stream)
    var output = GrowingOutput(input: input.count, expected: expected)
    var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    while true {
      if output.isFull { try output.grow("ZSTD") }
      let code = output.bytes.withUnsafeMutableBytes { [produced = output.produced] target in
        var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: produced)
        let code = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
        return (code, outBuffer.pos)
      }
      output.produced = code.1
      guard ZSTD_isError(code.0) == 0 else { throw ParquetError("a ZSTD page is corrupt") }
      if inBuffer.pos == inBuffer.size {
        if code.0 == 0 { break }
        if !output.isFull { throw ParquetError("a ZSTD page is truncated") }
      }
    }
    return try output.finish("ZSTD")
  }

  private static func inflate(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    var stream = z_stream()
    // 15 window bits, plus 32: accept a gzip or a zlib header.
    guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw ParquetError("out of memory") }
    defer { inflateEnd(&stream) }
    var output = GrowingOutput(input: input.count, expected: expected)
    var consumed = 0
    while true {
      if output.isFull { try output.grow("GZIP") }
      let status = output.bytes.withUnsafeMutableBytes { [produced = output.produced] target in
        stream.next_in = UnsafeMutablePointer(
          mutating: input.baseAddress?.advanced(by: consumed).assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count - consumed)
        stream.next_out = target.baseAddress?.advanced(by: produced).assumingMemoryBound(
          to: UInt8.self)
        stream.avail_out = UInt32(target.count - produced)
        let status = CCodecs.inflate(&stream, Z_NO_FLUSH)
        return (status, target.count - Int(stream.avail_out))
      }
      output.produced = status.1
      consumed = input.count - Int(stream.avail_in)
      if status.0 == Z_STREAM_END {
        // Some writers concatenate gzip members; read on while input remains.
        if consumed < input.count, inflateReset(&stream) == Z_OK { continue }
        break
      }
      guard status.0 == Z_OK || (status.0 == Z_BUF_ERROR && output.isFull) else {
        throw ParquetError(
          status.0 == Z_BUF_ERROR ? "a GZIP page is truncated" : "a GZIP page is corrupt")
      }
    }
    return try output.finish("GZIP")
  }

  private static func brotli(_ input: UnsafeRawBufferPointer, _ expected: Int)
    throws(ParquetError) -> [UInt8]
  {
    guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
      throw ParquetError("out of memory")
    }
    defer { BrotliDecoderDestroyInstance(state) }
    var output = GrowingOutput(input: input.count, expected: expected)
    var availableIn = input.count
    var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
    while true {
      if output.isFull { try output.grow("BROTLI") }
      let result = output.bytes.withUnsafeMutableBytes { [produced = output.produced] target in
        var availableOut = target.count - produced
        var nextOut = target.baseAddress?.advanced(by: produced).assumingMemoryBound(
          to: UInt8.self)
        let result = BrotliDecoderDecompressStream(
          state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
        return (result, target.count - availableOut)
      }
      output.produced = result.1
      if result.0 == BROTLI_DECODER_RESULT_SUCCESS { break }
      guard result.0 == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT else {
        throw ParquetError(
          result.0 == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT
            ? "a BROTLI page is truncated" : "a BROTLI page is corrupt")
      }
    }
    return try output.finish("BROTLI")
  }
}
