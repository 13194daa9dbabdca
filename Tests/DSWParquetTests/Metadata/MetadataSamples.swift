@testable import DSWParquet

/// Metadata values with every field set, and with only the required ones,
/// for round trips and for hostile-input tests to cut up.
enum MetadataSamples {
  static let statistics = Statistics(
    max: [9, 0, 0, 0], min: [1, 0, 0, 0], nullCount: 2, distinctCount: 7,
    maxValue: [0xff], minValue: [], isMaxValueExact: true, isMinValueExact: false)

  static let columnMetaData = ColumnMetaData(
    type: .byteArray, encodings: [.plain, .rle, .rleDictionary, .byteStreamSplit],
    pathInSchema: ["outer", "inner"], codec: .zstd, numValues: 1_000,
    totalUncompressedSize: 40_000, totalCompressedSize: 12_345,
    keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "only key")],
    dataPageOffset: 4_096, indexPageOffset: 100, dictionaryPageOffset: 4, statistics: statistics)

  static let minimalColumnMetaData = ColumnMetaData(
    type: .int32, encodings: [], pathInSchema: ["x"], codec: .uncompressed, numValues: 0,
    totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 4)

  static let columnChunk = ColumnChunk(
    filePath: "part-0.parquet", fileOffset: 4, metaData: columnMetaData)

  static let rowGroup = RowGroup(
    columns: [columnChunk, ColumnChunk(fileOffset: 0)], totalByteSize: 40_000, numRows: 1_000,
    fileOffset: 4, totalCompressedSize: 12_345, ordinal: 0)

  static let logicalTypes: [LogicalType] = [
    .string, .map, .list, .enumeration, .decimal(scale: 2, precision: 10), .date,
    .time(isAdjustedToUTC: false, unit: .millis), .time(isAdjustedToUTC: true, unit: .nanos),
    .timestamp(isAdjustedToUTC: true, unit: .micros), .integer(bitWidth: 8, isSigned: false),
    .integer(bitWidth: 64, isSigned: true), .unknown, .json, .bson, .uuid, .float16,
    .other(fieldID: 16),
  ]

  static let schema: [SchemaElement] = [
    SchemaElement(name: "schema", numChildren: 2),
    SchemaElement(
      type: .fixedLenByteArray, typeLength: 16, repetition: .optional, name: "price",
      convertedType: .decimal, scale: 2, precision: 30, fieldID: 7,
      logicalType: .decimal(scale: 2, precision: 30)),
    SchemaElement(
      type: .byteArray, repetition: .repeated, name: "tags", convertedType: .utf8,
      logicalType: .string),
  ]

  static let fileMetaData = FileMetaData(
    version: 2, schema: schema, numRows: 1_000, rowGroups: [rowGroup, rowGroup],
    keyValueMetadata: [KeyValue(key: "ARROW:schema", value: "…")], createdBy: "dsw")

  static let dataPageHeader = PageHeader(
    type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -12,
    dataPageHeader: DataPageHeader(
      numValues: 10, encoding: .plainDictionary, definitionLevelEncoding: .rle,
      repetitionLevelEncoding: .bitPacked, statistics: statistics))

  static let dictionaryPageHeader = PageHeader(
    type: .dictionaryPage, uncompressedPageSize: 50, compressedPageSize: 50,
    dictionaryPageHeader: DictionaryPageHeader(numValues: 5, encoding: .plain, isSorted: true))

  static let dataPageHeaderV2 = PageHeader(
    type: .dataPageV2, uncompressedPageSize: 200, compressedPageSize: 150,
    dataPageHeaderV2: DataPageHeaderV2(
      numValues: 10, numNulls: 3, numRows: 4, encoding: .deltaBinaryPacked,
      definitionLevelsByteLength: 6, repetitionLevelsByteLength: 2, isCompressed: false,
      statistics: Statistics(nullCount: 3)))
}
