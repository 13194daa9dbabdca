/// The header of a version 1 data page, whose levels and values are
/// compressed together.
public struct DataPageHeader: Sendable, Equatable, ThriftStruct {
  /// Values including nulls.
  public var numValues: Int32
  public var encoding: Encoding
  public var definitionLevelEncoding: Encoding
  public var repetitionLevelEncoding: Encoding
  public var statistics: Statistics?

  public init(
    numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding,
    repetitionLevelEncoding: Encoding, statistics: Statistics? = nil
  ) {
    self.numValues = numValues
    self.encoding = encoding
    self.definitionLevelEncoding = definitionLevelEncoding
    self.repetitionLevelEncoding = repetitionLevelEncoding
    self.statistics = statistics
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> DataPageHeader {
    let name = "DataPageHeader"
    var numValues: Int32?
    var encoding: Encoding?
    var definitionLevelEncoding: Encoding?
    var repetitionLevelEncoding: Encoding?
    var statistics: Statistics?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): numValues = try reader.i32()
      case (2, .i32): encoding = try Encoding.decode(try reader.i32(), in: name)
      case (3, .i32): definitionLevelEncoding = try Encoding.decode(try reader.i32(), in: name)
      case (4, .i32): repetitionLevelEncoding = try Encoding.decode(try reader.i32(), in: name)
      case (5, .structure): statistics = try Statistics.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    let header = DataPageHeader(
      numValues: try numValues.required("num_values", in: name),
      encoding: try encoding.required("encoding", in: name),
      definitionLevelEncoding: try definitionLevelEncoding.required(
        "definition_level_encoding", in: name),
      repetitionLevelEncoding: try repetitionLevelEncoding.required(
        "repetition_level_encoding", in: name),
      statistics: statistics)
    try ParquetError.checkNotNegative(header.numValues, "num_values", in: name)
    return header
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: numValues)
    writer.field(2, i32: encoding.rawValue)
    writer.field(3, i32: definitionLevelEncoding.rawValue)
    writer.field(4, i32: repetitionLevelEncoding.rawValue)
    if let statistics { writer.field(5, struct: statistics) }
    writer.endStruct()
  }
}
