/// One column of one row group: where its pages are and what they hold.
///
/// The page index offsets, crypto metadata and encrypted metadata are
/// skipped; this reader reads pages in order and refuses encrypted files.
public struct ColumnChunk: Sendable, Equatable, ThriftStruct {
  /// Set when the chunk lives in another file, which this reader refuses.
  public var filePath: String?
  /// Deprecated by the format; writers disagree on what it points at, so
  /// readers use the offsets in `metaData` instead.
  public var fileOffset: Int64
  public var metaData: ColumnMetaData?

  public init(filePath: String? = nil, fileOffset: Int64, metaData: ColumnMetaData? = nil) {
    self.filePath = filePath
    self.fileOffset = fileOffset
    self.metaData = metaData
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> ColumnChunk {
    var filePath: String?
    var fileOffset: Int64?
    var metaData: ColumnMetaData?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .binary): filePath = try reader.string()
      case (2, .i64): fileOffset = try reader.i64()
      case (3, .structure): metaData = try ColumnMetaData.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    return ColumnChunk(
      filePath: filePath, fileOffset: try fileOffset.required("file_offset", in: "ColumnChunk"),
      metaData: metaData)
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    if let filePath { writer.field(1, string: filePath) }
    writer.field(2, i64: fileOffset)
    if let metaData { writer.field(3, struct: metaData) }
    writer.endStruct()
  }
}
