/// What a page holds: Parquet's `PageType`, by its Thrift number.
public enum PageType: Int32, Sendable, CaseIterable {
  case dataPage = 0
  /// Declared by the format but written by no known writer.
  case indexPage = 1
  case dictionaryPage = 2
  case dataPageV2 = 3

  static func decode(_ raw: Int32) throws(ParquetError) -> PageType {
    guard let type = PageType(rawValue: raw) else {
      throw ParquetError("PageHeader has the unknown page type \(raw)")
    }
    return type
  }
}
