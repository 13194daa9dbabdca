/// The header of a version 2 data page, whose levels come first and are
/// never compressed, so their byte lengths are in the header.
public struct DataPageHeaderV2: Sendable, Equatable, ThriftStruct {
  /// Values including nulls.
  public var numValues: Int32
  public var numNulls: Int32
  public var numRows: Int32
  public var encoding: Encoding
  public var definitionLevelsByteLength: Int32
  public var repetitionLevelsByteLength: Int32
  /// Whether the values after the levels are compressed; absent means true.
  public var isCompressed: Bool
  public var statistics: Statistics?

  public init(
    numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
    definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32,
    isCompressed: Bool = true, statistics: Statistics? = nil
  ) {
    self.numValues = numValues
    self.numNulls = numNulls
    self.numRows = numRows
    self.encoding = encoding
    self.definitionLevelsByteLength = definitionLevelsByteLength
    self.repetitionLevelsByteLength = repetitionLevelsByteLength
    self.isCompressed = isCompressed
    self.statistics = statistics
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> DataPageHeaderV2 {
    let name = "DataPageHeaderV2"
    var numValues: Int32?
    var numNulls: Int32?
    var numRows: Int32?
    var encoding: Encoding?
    var definitionLevelsByteLength: Int32?
    var repetitionLevelsByteLength: Int32?
    var isCompressed = true
    var statistics: Statistics?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): numValues = try reader.i32()
      case (2, .i32): numNulls = try reader.i32()
      case (3, .i32): numRows = try reader.i32()
      case (4, .i32): encoding = try Encoding.decode(try reader.i32(), in: name)
      case (5, .i32): definitionLevelsByteLength = try reader.i32()
      case (6, .i32): repetitionLevelsByteLength = try reader.i32()
      case (7, .bool): isCompressed = try reader.bool()
      case (8, .structure): statistics = try Statistics.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    let header = DataPageHeaderV2(
      numValues: try numValues.required("num_values", in: name),
      numNulls: try numNulls.required("num_nulls", in: name),
      numRows: try numRows.required("num_rows", in: name),
      encoding: try encoding.required("encoding", in: name),
      definitionLevelsByteLength: try definitionLevelsByteLength.required(
        "definition_levels_byte_length", in: name),
      repetitionLevelsByteLength: try repetitionLevelsByteLength.required(
        "repetition_levels_byte_length", in: name),
      isCompressed: isCompressed, statistics: statistics)
    try header.checkCounts()
    return header
  }

  private func checkCounts() throws(ParquetError) {
    let name = "DataPageHeaderV2"
    try ParquetError.checkNotNegative(numValues, "num_values", in: name)
    try ParquetError.checkNotNegative(numNulls, "num_nulls", in: name)
    try ParquetError.checkNotNegative(numRows, "num_rows", in: name)
    try ParquetError.checkNotNegative(
      definitionLevelsByteLength, "definition_levels_byte_length", in: name)
    try ParquetError.checkNotNegative(
      repetitionLevelsByteLength, "repetition_levels_byte_length", in: name)
    guard numNulls <= numValues else {
      throw ParquetError("DataPageHeaderV2 has \(numNulls) nulls among \(numValues) values")
    }
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: numValues)
    writer.field(2, i32: numNulls)
    writer.field(3, i32: numRows)
    writer.field(4, i32: encoding.rawValue)
    writer.field(5, i32: definitionLevelsByteLength)
    writer.field(6, i32: repetitionLevelsByteLength)
    writer.field(7, bool: isCompressed)
    if let statistics { writer.field(8, struct: statistics) }
    writer.endStruct()
  }
}
