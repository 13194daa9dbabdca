/// What a column chunk holds and where its pages start.
///
/// Encoding statistics, bloom filter and size statistics are skipped; the
/// column reader learns each page's encoding from the page header.
public struct ColumnMetaData: Sendable, Equatable, ThriftStruct {
  public var type: PhysicalType
  /// The encodings the chunk's pages use. Numbers this reader doesn't know
  /// are dropped here, since the list is advisory; a page that really uses
  /// one fails when its header is read.
  public var encodings: [Encoding]
  public var pathInSchema: [String]
  public var codec: CompressionCodec
  /// Values including nulls, counted over every repetition.
  public var numValues: Int64
  public var totalUncompressedSize: Int64
  public var totalCompressedSize: Int64
  public var keyValueMetadata: [KeyValue]?
  public var dataPageOffset: Int64
  public var indexPageOffset: Int64?
  public var dictionaryPageOffset: Int64?
  public var statistics: Statistics?

  public init(
    type: PhysicalType, encodings: [Encoding], pathInSchema: [String],
    codec: CompressionCodec, numValues: Int64, totalUncompressedSize: Int64,
    totalCompressedSize: Int64, keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64,
    indexPageOffset: Int64? = nil, dictionaryPageOffset: Int64? = nil,
    statistics: Statistics? = nil
  ) {
    self.type = type
    self.encodings = encodings
    self.pathInSchema = pathInSchema
    self.codec = codec
    self.numValues = numValues
    self.totalUncompressedSize = totalUncompressedSize
    self.totalCompressedSize = totalCompressedSize
    self.keyValueMetadata = keyValueMetadata
    self.dataPageOffset = dataPageOffset
    self.indexPageOffset = indexPageOffset
    self.dictionaryPageOffset = dictionaryPageOffset
    self.statistics = statistics
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> ColumnMetaData {
    var type: PhysicalType?
    var encodings: [Encoding]?
    var pathInSchema: [String]?
    var codec: CompressionCodec?
    var numValues: Int64?
    var totalUncompressedSize: Int64?
    var totalCompressedSize: Int64?
    var keyValueMetadata: [KeyValue]?
    var dataPageOffset: Int64?
    var indexPageOffset: Int64?
    var dictionaryPageOffset: Int64?
    var statistics: Statistics?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): type = try PhysicalType.decode(try reader.i32())
      case (2, .list): encodings = try reader.i32s().compactMap(Encoding.init(rawValue:))
      case (3, .list): pathInSchema = try reader.strings()
      case (4, .i32): codec = try decodeCodec(try reader.i32())
      case (5, .i64): numValues = try reader.i64()
      case (6, .i64): totalUncompressedSize = try reader.i64()
      case (7, .i64): totalCompressedSize = try reader.i64()
      case (8, .list): keyValueMetadata = try reader.structs(KeyValue.self)
      case (9, .i64): dataPageOffset = try reader.i64()
      case (10, .i64): indexPageOffset = try reader.i64()
      case (11, .i64): dictionaryPageOffset = try reader.i64()
      case (12, .structure): statistics = try Statistics.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    let name = "ColumnMetaData"
    let metadata = ColumnMetaData(
      type: try type.required("type", in: name),
      encodings: try encodings.required("encodings", in: name),
      pathInSchema: try pathInSchema.required("path_in_schema", in: name),
      codec: try codec.required("codec", in: name),
      numValues: try numValues.required("num_values", in: name),
      totalUncompressedSize: try totalUncompressedSize.required(
        "total_uncompressed_size", in: name),
      totalCompressedSize: try totalCompressedSize.required("total_compressed_size", in: name),
      keyValueMetadata: keyValueMetadata,
      dataPageOffset: try dataPageOffset.required("data_page_offset", in: name),
      indexPageOffset: indexPageOffset, dictionaryPageOffset: dictionaryPageOffset,
      statistics: statistics)
    try metadata.checkSizes()
    return metadata
  }

  private static func decodeCodec(_ raw: Int32) throws(ParquetError) -> CompressionCodec {
    guard let codec = CompressionCodec(rawValue: raw) else {
      throw ParquetError("ColumnMetaData has the unknown compression codec \(raw)")
    }
    return codec
  }

  /// Sizes and offsets become allocations and seeks in the column reader,
  /// so a negative one is refused here, with the field it came from.
  private func checkSizes() throws(ParquetError) {
    let name = "ColumnMetaData"
    try ParquetError.checkNotNegative(numValues, "num_values", in: name)
    try ParquetError.checkNotNegative(totalUncompressedSize, "total_uncompressed_size", in: name)
    try ParquetError.checkNotNegative(totalCompressedSize, "total_compressed_size", in: name)
    try ParquetError.checkNotNegative(dataPageOffset, "data_page_offset", in: name)
    if let dictionaryPageOffset {
      try ParquetError.checkNotNegative(dictionaryPageOffset, "dictionary_page_offset", in: name)
    }
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: type.rawValue)
    writer.field(2, i32s: encodings.map(\.rawValue))
    writer.field(3, strings: pathInSchema)
    writer.field(4, i32: codec.rawValue)
    writer.field(5, i64: numValues)
    writer.field(6, i64: totalUncompressedSize)
    writer.field(7, i64: totalCompressedSize)
    if let keyValueMetadata { writer.field(8, structs: keyValueMetadata) }
    writer.field(9, i64: dataPageOffset)
    if let indexPageOffset { writer.field(10, i64: indexPageOffset) }
    if let dictionaryPageOffset { writer.field(11, i64: dictionaryPageOffset) }
    if let statistics { writer.field(12, struct: statistics) }
    writer.endStruct()
  }
}
