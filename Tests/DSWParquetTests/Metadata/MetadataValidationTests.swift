import Testing

@testable import DSWParquet

/// What decoding does with values a writer shouldn't or this reader can't
/// produce: unknown enum numbers, missing required fields, negative sizes.
@Suite struct MetadataValidationTests {
  /// A struct of the given i32 fields, in id order.
  static func i32Struct(_ fields: [(Int16, Int32)]) -> [UInt8] {
    var writer = ThriftCompactWriter()
    writer.beginStruct()
    for (id, value) in fields { writer.field(id, i32: value) }
    writer.endStruct()
    return writer.bytes
  }

  /// A ColumnMetaData with every required field, and raw encoding and codec
  /// numbers.
  static func columnMetaData(encodings: [Int32], codec: Int32) -> [UInt8] {
    var writer = ThriftCompactWriter()
    writer.beginStruct()
    writer.field(1, i32: PhysicalType.int32.rawValue)
    writer.field(2, i32s: encodings)
    writer.field(3, strings: ["x"])
    writer.field(4, i32: codec)
    for id: Int16 in 5...7 { writer.field(id, i64: 0) }
    writer.field(9, i64: 4)
    writer.endStruct()
    return writer.bytes
  }

  @Test func missingRequiredFieldsAreNamed() throws {
    #expect(throws: ParquetError("FileMetaData is missing the required field num_rows")) {
      var writer = ThriftCompactWriter()
      writer.beginStruct()
      writer.field(1, i32: 1)
      writer.field(2, structs: [SchemaElement]())
      writer.endStruct()
      return try decodeThrift(FileMetaData.self, writer.bytes)
    }
    #expect(throws: ParquetError("SchemaElement is missing the required field name")) {
      try decodeThrift(SchemaElement.self, Self.i32Struct([(1, 1)]))
    }
    #expect(throws: ParquetError("ColumnChunk is missing the required field file_offset")) {
      try decodeThrift(ColumnChunk.self, [0x00])
    }
    #expect(throws: ParquetError("PageHeader is missing the required field compressed_page_size")) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 0), (2, 10)]))
    }
    #expect(throws: ParquetError("DecimalType is missing the required field precision")) {
      // LogicalType { 5: DecimalType { 1: scale 2 } }
      try decodeThrift(LogicalType.self, [0x5c, 0x15, 0x04, 0x00, 0x00])
    }
    #expect(throws: ParquetError("LogicalType has no member set")) {
      try decodeThrift(LogicalType.self, [0x00])
    }
  }

  @Test func aFieldOfTheWrongTypeIsSkippedNotMisread() throws {
    // KeyValue { 1: i32 5 } has no key of type binary.
    #expect(throws: ParquetError("KeyValue is missing the required field key")) {
      try decodeThrift(KeyValue.self, Self.i32Struct([(1, 5)]))
    }
  }

  @Test func unknownEnumNumbers() throws {
    #expect(throws: ParquetError("unknown physical type 8")) {
      try decodeThrift(SchemaElement.self, Self.i32Struct([(1, 8)]))
    }
    #expect(throws: ParquetError("unknown repetition type 3")) {
      try decodeThrift(SchemaElement.self, Self.i32Struct([(3, 3)]))
    }
    #expect(throws: ParquetError("PageHeader has the unknown page type 4")) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 4)]))
    }
    #expect(throws: ParquetError("DataPageHeader has the unknown encoding 1")) {
      try decodeThrift(DataPageHeader.self, Self.i32Struct([(1, 0), (2, 1)]))
    }
    #expect(throws: ParquetError("DataPageHeaderV2 has the unknown encoding 10")) {
      try decodeThrift(DataPageHeaderV2.self, Self.i32Struct([(4, 10)]))
    }
    #expect(throws: ParquetError("DictionaryPageHeader has the unknown encoding -1")) {
      try decodeThrift(DictionaryPageHeader.self, Self.i32Struct([(2, -1)]))
    }
    #expect(throws: ParquetError("ColumnMetaData has the unknown compression codec 8")) {
      try decodeThrift(ColumnMetaData.self, Self.columnMetaData(encodings: [0], codec: 8))
    }
    #expect(throws: ParquetError("TimeUnit has no known unit set")) {
      try decodeThrift(TimeUnit.self, [0x4c, 0x00, 0x00])
    }
    #expect(throws: ParquetError("IntType has the bit width 7, not 8, 16, 32 or 64")) {
      try decodeThrift(LogicalType.self, [0xac, 0x13, 0x07, 0x11, 0x00, 0x00])
    }
  }

  @Test func unknownNumbersThatDoNotMatterAreTolerated() throws {
    // Converted type 22 is ignored, logical type 16 (VARIANT) is kept by id.
    var writer = ThriftCompactWriter()
    writer.beginStruct()
    writer.field(4, string: "v")
    writer.field(6, i32: 22)
    writer.field(10, struct: LogicalType.other(fieldID: 16))
    writer.endStruct()
    let element = try decodeThrift(SchemaElement.self, writer.bytes)
    #expect(element.convertedType == nil)
    #expect(element.logicalType == .other(fieldID: 16))

    // Encoding 1 (GROUP_VAR_INT) and 42 drop out of a chunk's encodings.
    let bytes = Self.columnMetaData(encodings: [1, 0, 42, 8], codec: 0)
    #expect(try decodeThrift(ColumnMetaData.self, bytes).encodings == [.plain, .rleDictionary])
  }

  @Test func aLogicalTypeMemberCarryingNewerFieldsStillDecodes() throws {
    // LogicalType { 1: StringType { 9: i64 3 } }
    #expect(try decodeThrift(LogicalType.self, [0x1c, 0x96, 0x06, 0x00, 0x00]) == .string)
  }

  @Test func negativeSizesAreRefused() throws {
    #expect(throws: ParquetError("PageHeader has a negative compressed_page_size of -1")) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 1), (2, 0), (3, -1)]))
    }
    #expect(throws: ParquetError("PageHeader has a negative uncompressed_page_size of -5")) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 1), (2, -5), (3, 0)]))
    }
    #expect(throws: ParquetError("DataPageHeader has a negative num_values of -2")) {
      try decodeThrift(DataPageHeader.self, Self.i32Struct([(1, -2), (2, 0), (3, 3), (4, 3)]))
    }
    #expect(throws: ParquetError("DictionaryPageHeader has a negative num_values of -1")) {
      try decodeThrift(DictionaryPageHeader.self, Self.i32Struct([(1, -1), (2, 0)]))
    }
    #expect(throws: ParquetError("SchemaElement has a negative num_children of -3")) {
      try decodeThrift(SchemaElement.self, encodeThrift(SchemaElement(name: "g", numChildren: -3)))
    }
    var metadata = MetadataSamples.fileMetaData
    metadata.numRows = -1
    #expect(throws: ParquetError("FileMetaData has a negative num_rows of -1")) {
      try decodeThrift(FileMetaData.self, encodeThrift(metadata))
    }
    var group = MetadataSamples.rowGroup
    group.numRows = -7
    #expect(throws: ParquetError("RowGroup has a negative num_rows of -7")) {
      try decodeThrift(RowGroup.self, encodeThrift(group))
    }
    var column = MetadataSamples.columnMetaData
    column.totalCompressedSize = -100
    #expect(throws: ParquetError("ColumnMetaData has a negative total_compressed_size of -100")) {
      try decodeThrift(ColumnMetaData.self, encodeThrift(column))
    }
    let v2 = DataPageHeaderV2(
      numValues: 1, numNulls: 0, numRows: 1, encoding: .plain, definitionLevelsByteLength: -4,
      repetitionLevelsByteLength: 0)
    #expect(
      throws: ParquetError("DataPageHeaderV2 has a negative definition_levels_byte_length of -4")
    ) {
      try decodeThrift(DataPageHeaderV2.self, encodeThrift(v2))
    }
  }

  @Test func pageHeadersNeedTheHeaderOfTheirKind() throws {
    #expect(
      throws: ParquetError(
        "PageHeader of a DATA_PAGE is missing the required field data_page_header")
    ) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 0), (2, 0), (3, 0)]))
    }
    #expect(
      throws: ParquetError(
        "PageHeader of a DICTIONARY_PAGE is missing the required field dictionary_page_header")
    ) {
      try decodeThrift(PageHeader.self, Self.i32Struct([(1, 2), (2, 0), (3, 0)]))
    }
    var header = MetadataSamples.dataPageHeaderV2
    header.compressedPageSize = 7
    #expect(
      throws: ParquetError("DataPageHeaderV2 has 8 bytes of levels in a page of 7 bytes")
    ) {
      try decodeThrift(PageHeader.self, encodeThrift(header))
    }
    header.dataPageHeaderV2?.numNulls = 11
    #expect(throws: ParquetError("DataPageHeaderV2 has 11 nulls among 10 values")) {
      try decodeThrift(PageHeader.self, encodeThrift(header))
    }
  }

  @Test func readingAPageHeaderMovesTheCursorToThePage() throws {
    let page: [UInt8] = [1, 2, 3]
    let bytes = encodeThrift(MetadataSamples.dictionaryPageHeader) + page
    let (header, position) = try bytes.withUnsafeBytes { buffer in
      var cursor = ByteCursor(buffer)
      let header = try PageHeader.read(from: &cursor)
      return (header, cursor.position)
    }
    #expect(header == MetadataSamples.dictionaryPageHeader)
    #expect(position == bytes.count - page.count)
  }
}
