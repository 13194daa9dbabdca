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
