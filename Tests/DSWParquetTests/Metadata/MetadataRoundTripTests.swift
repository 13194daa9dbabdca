import Testing

@testable import DSWParquet

/// Every metadata struct comes back equal after the writer and the reader.
@Suite struct MetadataRoundTripTests {
  static func roundTrip<Value: ThriftStruct & Equatable>(_ value: Value) throws {
    let bytes = encodeThrift(value)
    #expect(try decodeThrift(Value.self, bytes) == value)
  }

  @Test func fileMetaData() throws {
    try Self.roundTrip(MetadataSamples.fileMetaData)
    try Self.roundTrip(FileMetaData(version: 1, schema: [], numRows: 0, rowGroups: []))
  }

  @Test func schemaElements() throws {
    for element in MetadataSamples.schema { try Self.roundTrip(element) }
    try Self.roundTrip(SchemaElement(name: ""))
  }

  @Test(arguments: ConvertedType.allCases)
  func convertedTypes(_ convertedType: ConvertedType) throws {
    try Self.roundTrip(SchemaElement(name: "c", convertedType: convertedType))
  }

  @Test(arguments: MetadataSamples.logicalTypes)
  func logicalTypes(_ logicalType: LogicalType) throws {
    try Self.roundTrip(logicalType)
    try Self.roundTrip(SchemaElement(name: "c", logicalType: logicalType))
  }

  @Test(arguments: PhysicalType.allCases)
  func physicalTypes(_ type: PhysicalType) throws {
    try Self.roundTrip(SchemaElement(type: type, name: "c"))
  }

  @Test(arguments: Repetition.allCases)
  func repetitions(_ repetition: Repetition) throws {
    try Self.roundTrip(SchemaElement(repetition: repetition, name: "c"))
  }

  @Test func rowGroupsAndColumns() throws {
    try Self.roundTrip(MetadataSamples.rowGroup)
    try Self.roundTrip(RowGroup(columns: [], totalByteSize: 0, numRows: 0))
    try Self.roundTrip(MetadataSamples.columnChunk)
    try Self.roundTrip(ColumnChunk(fileOffset: 0))
  }

  @Test(arguments: CompressionCodec.allCases)
  func columnMetaData(_ codec: CompressionCodec) throws {
    var metadata = MetadataSamples.columnMetaData
    metadata.codec = codec
    try Self.roundTrip(metadata)
    try Self.roundTrip(MetadataSamples.minimalColumnMetaData)
  }

  @Test func encodingsInColumnMetaData() throws {
    var metadata = MetadataSamples.minimalColumnMetaData
    metadata.encodings = Encoding.allCases
    try Self.roundTrip(metadata)
  }

  @Test func statisticsAndKeyValues() throws {
    try Self.roundTrip(MetadataSamples.statistics)
    try Self.roundTrip(Statistics())
    try Self.roundTrip(KeyValue(key: "k", value: "v"))
    try Self.roundTrip(KeyValue(key: ""))
  }

  @Test func pageHeaders() throws {
    try Self.roundTrip(MetadataSamples.dataPageHeader)
    try Self.roundTrip(MetadataSamples.dictionaryPageHeader)
    try Self.roundTrip(MetadataSamples.dataPageHeaderV2)
    try Self.roundTrip(
      PageHeader(type: .indexPage, uncompressedPageSize: 0, compressedPageSize: 0))
  }

  @Test(arguments: Encoding.allCases)
  func pageEncodings(_ encoding: Encoding) throws {
    try Self.roundTrip(
      DataPageHeader(
        numValues: 1, encoding: encoding, definitionLevelEncoding: .rle,
        repetitionLevelEncoding: .rle))
    try Self.roundTrip(DictionaryPageHeader(numValues: 0, encoding: encoding))
    try Self.roundTrip(
      DataPageHeaderV2(
        numValues: 0, numNulls: 0, numRows: 0, encoding: encoding, definitionLevelsByteLength: 0,
        repetitionLevelsByteLength: 0))
  }

  @Test func isCompressedDefaultsToTrue() throws {
    // DataPageHeaderV2 without field 7.
    var writer = ThriftCompactWriter()
    writer.beginStruct()
    for id: Int16 in 1...6 { writer.field(id, i32: 0) }
    writer.endStruct()
    #expect(try decodeThrift(DataPageHeaderV2.self, writer.bytes).isCompressed)
  }
}
