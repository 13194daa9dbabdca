import CCodecs
import Testing

@testable import DSWParquet

@Suite struct CompressionCodecTests {
  static let sample: [UInt8] = Array(
    (0..<50_000).map { UInt8(truncatingIfNeeded: $0 % 251 &* ($0 / 1000)) })

  @Test(arguments: [CompressionCodec.snappy, .gzip, .zstd, .uncompressed])
  func roundTrips(_ codec: CompressionCodec) throws {
    let compressed = Self.sample.withUnsafeBytes { codec.compress($0) }
    let restored = try compressed.withUnsafeBytes {
      try codec.decompress($0, uncompressedSize: Self.sample.count)
    }
    #expect(restored == Self.sample)
  }

  @Test(arguments: [CompressionCodec.snappy, .gzip, .zstd])
  func aPageThatLiesAboutItsSizeIsRefused(_ codec: CompressionCodec) throws {
    let compressed = Self.sample.withUnsafeBytes { codec.compress($0) }
    for claimed in [Self.sample.count - 1, Self.sample.count + 1, 1 << 29] {
      #expect(throws: ParquetError.self) {
        try compressed.withUnsafeBytes { try codec.decompress($0, uncompressedSize: claimed) }
      }
    }
  }

  @Test(arguments: [CompressionCodec.snappy, .gzip, .zstd, .brotli, .lz4Raw, .lz4])
  func corruptBytesAreAnErrorNotACrash(_ codec: CompressionCodec) {
    let garbage: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    #expect(throws: ParquetError.self) {
      try garbage.withUnsafeBytes { try codec.decompress($0, uncompressedSize: 1000) }
    }
  }
}

@Suite struct HadoopLZ4Tests {
  /// Hadoop's framing, which old Parquet writers used for LZ4: blocks of a
  /// big-endian uncompressed length, a compressed length, and an LZ4 block.
  static func framed(_ blocks: [[UInt8]]) -> [UInt8] {
    var output: [UInt8] = []
    for block in blocks {
      var compressed = [UInt8](repeating: 0, count: Int(LZ4_compressBound(Int32(block.count))))
      let written = block.withUnsafeBytes { source in
        compressed.withUnsafeMutableBytes { target in
          LZ4_compress_default(
            source.baseAddress?.assumingMemoryBound(to: CChar.self),
            target.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(block.count),
            Int32(target.count))
        }
      }
      for value in [UInt32(block.count), UInt32(written)] {
        output += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
      }
      output += compressed.prefix(Int(written))
    }
    return output
  }

  @Test func framedBlocksDecompressInOrder() throws {
    let first = Array(CompressionCodecTests.sample.prefix(30_000))
    let second = Array(CompressionCodecTests.sample.suffix(20_000))
    let bytes = Self.framed([first, second])
    let restored = try bytes.withUnsafeBytes {
      try CompressionCodec.lz4.decompress($0, uncompressedSize: 50_000)
    }
    #expect(restored == first + second)
  }

  @Test func aRawBlockUnderTheOldCodecNumberStillReads() throws {
    let framed = Self.framed([CompressionCodecTests.sample])
    // Without the 8-byte header: a bare LZ4 block, as some writers put under LZ4.
    let raw = Array(framed.dropFirst(8))
    let restored = try raw.withUnsafeBytes {
      try CompressionCodec.lz4.decompress($0, uncompressedSize: CompressionCodecTests.sample.count)
    }
    #expect(restored == CompressionCodecTests.sample)
  }
}
