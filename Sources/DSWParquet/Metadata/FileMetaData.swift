/// The footer of a Parquet file: its schema, row count and row groups.
///
/// Column orders and the encryption fields are skipped: this reader refuses
/// encrypted files before it gets here, and compares statistics by the
/// column's type rather than by a declared order.
public struct FileMetaData: Sendable, Equatable, ThriftStruct {
  public var version: Int32
  /// The schema tree flattened depth-first; the first element is the root.
  public var schema: [SchemaElement]
  public var numRows: Int64
  public var rowGroups: [RowGroup]
  public var keyValueMetadata: [KeyValue]?
  public var createdBy: String?

  public init(
    version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
    keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil
  ) {
    self.version = version
    self.schema = schema
    self.numRows = numRows
    self.rowGroups = rowGroups
    self.keyValueMetadata = keyValueMetadata
    self.createdBy = createdBy
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> FileMetaData {
    var version: Int32?
    var schema: [SchemaElement]?
    var numRows: Int64?
    var rowGroups: [RowGroup]?
    var keyValueMetadata: [KeyValue]?
    var createdBy: String?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): version = try reader.i32()
      case (2, .list): schema = try reader.structs(SchemaElement.self)
      case (3, .i64): numRows = try reader.i64()
      case (4, .list): rowGroups = try reader.structs(RowGroup.self)
      case (5, .list): keyValueMetadata = try reader.structs(KeyValue.self)
      case (6, .binary): createdBy = try reader.string()
      default: try reader.skip(field.type)
      }
    }
    let metadata = FileMetaData(
      version: try version.required("version", in: "FileMetaData"),
      schema: try schema.required("schema", in: "FileMetaData"),
      numRows: try numRows.required("num_rows", in: "FileMetaData"),
      rowGroups: try rowGroups.required("row_groups", in: "FileMetaData"),
      keyValueMetadata: keyValueMetadata, createdBy: createdBy)
    try ParquetError.checkNotNegative(metadata.numRows, "num_rows", in: "FileMetaData")
    return metadata
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: version)
    writer.field(2, structs: schema)
    writer.field(3, i64: numRows)
    writer.field(4, structs: rowGroups)
    if let keyValueMetadata { writer.field(5, structs: keyValueMetadata) }
    if let createdBy { writer.field(6, string: createdBy) }
    writer.endStruct()
  }
}
