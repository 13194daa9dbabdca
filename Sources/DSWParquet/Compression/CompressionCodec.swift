import CCodecs

/// The page compression codecs of the Parquet format, by their Thrift numbers.
///
/// Every codec is the C library from the distribution's packages; none is
/// re-implemented here.
public enum CompressionCodec: Int32, Sendable, CaseIterable {
  case uncompressed = 0
  case snappy = 1
  case gzip = 2
  case lzo = 3
  case brotli = 4
  /// The Hadoop framing of LZ4 (and, in old files, raw LZ4 blocks).
  case lz4 = 5
  case zstd = 6
  case lz4Raw = 7

  public var name: String {
    switch self {
    case .uncompressed: "UNCOMPRESSED"
    case .snappy: "SNAPPY"
    case .gzip: "GZIP"
    case .lzo: "LZO"
    case .brotli: "BROTLI"
    case .lz4: "LZ4"
    case .zstd: "ZSTD"
    case .lz4Raw: "LZ4_RAW"
    }
  }
}
