/// A horizontal slice of a Parquet file: one column chunk per leaf column.
///
/// The sorting columns are skipped, since nothing here relies on a declared
/// sort order.
public struct RowGroup: Sendable, Equatable, ThriftStruct {
  public var columns: [ColumnChunk]
  /// The uncompressed size of all the group's column data.
  public var totalByteSize: Int64
  public var numRows: Int64
  public var fileOffset: Int64?
  public var totalCompressedSize: Int64?
  public var ordinal: Int16?

  public init(
    columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64? = nil,
    totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
  ) {
    self.columns = columns
    self.totalByteSize = totalByteSize
    self.numRows = numRows
    self.fileOffset = fileOffset
    self.totalCompressedSize = totalCompressedSize
    self.ordinal = ordinal
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> RowGroup {
    var columns: [ColumnChunk]?
    var totalByteSize: Int64?
    var numRows: Int64?
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .list): columns = try reader.structs(ColumnChunk.self)
      case (2, .i64): totalByteSize = try reader.i64()
      case (3, .i64): numRows = try reader.i64()
      case (5, .i64): fileOffset = try reader.i64()
      case (6, .i64): totalCompressedSize = try reader.i64()
      case (7, .i16): ordinal = try reader.i16()
      default: try reader.skip(field.type)
      }
    }
    let group = RowGroup(
      columns: try columns.required("columns", in: "RowGroup"),
      totalByteSize: try totalByteSize.required("total_byte_size", in: "RowGroup"),
      numRows: try numRows.required("num_rows", in: "RowGroup"),
      fileOffset: fileOffset, totalCompressedSize: totalCompressedSize, ordinal: ordinal)
    try ParquetError.checkNotNegative(group.totalByteSize, "total_byte_size", in: "RowGroup")
    try ParquetError.checkNotNegative(group.numRows, "num_rows", in: "RowGroup")
    if let totalCompressedSize {
      try ParquetError.checkNotNegative(
        totalCompressedSize, "total_compressed_size", in: "RowGroup")
    }
    return group
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, structs: columns)
    writer.field(2, i64: totalByteSize)
    writer.field(3, i64: numRows)
    if let fileOffset { writer.field(5, i64: fileOffset) }
    if let totalCompressedSize { writer.field(6, i64: totalCompressedSize) }
    if let ordinal { writer.field(7, i16: ordinal) }
    writer.endStruct()
  }
}
