/// How the values of a page are laid out: Parquet's `Encoding`, by its
/// Thrift number.
///
/// Number 1 (GROUP_VAR_INT) was never used by any writer and is absent.
public enum Encoding: Int32, Sendable, CaseIterable {
  case plain = 0
  /// The dictionary encoding of format 1.0; same layout as `rleDictionary`.
  case plainDictionary = 2
  case rle = 3
  /// Deprecated for levels, but old files still carry it.
  case bitPacked = 4
  case deltaBinaryPacked = 5
  case deltaLengthByteArray = 6
  case deltaByteArray = 7
  case rleDictionary = 8
  case byteStreamSplit = 9

  /// The encoding of a Thrift number, for a page about to be read, where an
  /// unknown encoding means the page cannot be decoded.
  static func decode(_ raw: Int32, in place: String) throws(ParquetError) -> Encoding {
    guard let encoding = Encoding(rawValue: raw) else {
      throw ParquetError("\(place) has the unknown encoding \(raw)")
    }
    return encoding
  }

  public var name: String {
    switch self {
    case .plain: "PLAIN"
    case .plainDictionary: "PLAIN_DICTIONARY"
    case .rle: "RLE"
    case .bitPacked: "BIT_PACKED"
    case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
    case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
    case .deltaByteArray: "DELTA_BYTE_ARRAY"
    case .rleDictionary: "RLE_DICTIONARY"
    case .byteStreamSplit: "BYTE_STREAM_SPLIT"
    }
  }
}
