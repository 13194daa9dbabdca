import CCodecs

/// Compressing a page, for the codecs `export` offers.
extension CompressionCodec {
  /// The codecs a written file may use, by the names `compression:` takes.
  public static let writable: [String: CompressionCodec] = [
    "none": .uncompressed, "snappy": .snappy, "gzip": .gzip, "zstd": .zstd,
  ]

  public func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
    switch self {
    case .snappy:
      var length = snappy_max_compressed_length(input.count)
      var output = [UInt8](repeating: 0, count: length)
      output.withUnsafeMutableBytes { target in
        _ = snappy_compress(
          input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
          target.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
      }
      output.removeLast(output.count - length)
      return output
    case .zstd:
      var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
      let written = output.withUnsafeMutableBytes { target in
        // Level 1: most of level 3's ratio on columnar pages, at twice the speed.
        ZSTD_compress(target.baseAddress, target.count, input.baseAddress, input.count, 1)
      }
      output.removeLast(output.count - written)
      return output
    case .gzip:
      var stream = z_stream()
      // 15 window bits plus 16: a gzip header, as the format asks.
      deflateInit2_(
        &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
      defer { deflateEnd(&stream) }
      var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
      let written = output.withUnsafeMutableBytes { target in
        stream.next_in = UnsafeMutablePointer(
          mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        stream.next_out = target.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(target.count)
        _ = deflate(&stream, Z_FINISH)
        return target.count - Int(stream.avail_out)
      }
      output.removeLast(output.count - written)
      return output
    default:
      return Array(input)
    }
  }
}
