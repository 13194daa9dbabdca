/// What a column's values mean, beyond their physical type: Parquet's
/// `LogicalType` union.
///
/// Members newer than this reader (VARIANT, GEOMETRY, GEOGRAPHY, …) decode to
/// `.other` with their field id, so a file using them still opens and the
/// column can be reported as unsupported by name.
public enum LogicalType: Sendable, Equatable, ThriftStruct {
  case string
  case map
  case list
  /// ENUM, spelled out because `enum` is a keyword.
  case enumeration
  case decimal(scale: Int32, precision: Int32)
  case date
  case time(isAdjustedToUTC: Bool, unit: TimeUnit)
  case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
  case integer(bitWidth: Int8, isSigned: Bool)
  /// Always null (the `UNKNOWN` member, also called NullType).
  case unknown
  case json
  case bson
  case uuid
  case float16
  case other(fieldID: Int16)

  /// The id of the union member, in parquet.thrift.
  public var fieldID: Int16 {
    switch self {
    case .string: 1
    case .map: 2
    case .list: 3
    case .enumeration: 4
    case .decimal: 5
    case .date: 6
    case .time: 7
    case .timestamp: 8
    case .integer: 10
    case .unknown: 11
    case .json: 12
    case .bson: 13
    case .uuid: 14
    case .float16: 15
    case .other(let id): id
    }
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType
  {
    var result: LogicalType?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      // A union sets one member; any further one is skipped, not merged.
      guard result == nil, field.type == .structure else {
        try reader.skip(field.type)
        continue
      }
      result = try member(field.id, &reader)
    }
    guard let result else { throw ParquetError("LogicalType has no member set") }
    return result
  }

  /// Reads the struct of member `id`, whose fields hold its parameters.
  private static func member(
    _ id: Int16, _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> LogicalType {
    switch id {
    case 5: return try decimal(&reader)
    case 7: return try time(&reader, "TimeType", LogicalType.time)
    case 8: return try time(&reader, "TimestampType", LogicalType.timestamp)
    case 10: return try integer(&reader)
    default:
      // The remaining members are empty structs, which may still carry
      // fields from a newer format version.
      try reader.skip(.structure)
      switch id {
      case 1: return .string
      case 2: return .map
      case 3: return .list
      case 4: return .enumeration
      case 6: return .date
      case 11: return .unknown
      case 12: return .json
      case 13: return .bson
      case 14: return .uuid
      case 15: return .float16
      default: return .other(fieldID: id)
      }
    }
  }

  private static func decimal(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> LogicalType {
    var scale: Int32?
    var precision: Int32?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): scale = try reader.i32()
      case (2, .i32): precision = try reader.i32()
      default: try reader.skip(field.type)
      }
    }
    return .decimal(
      scale: try scale.required("scale", in: "DecimalType"),
      precision: try precision.required("precision", in: "DecimalType"))
  }

  private static func time(
    _ reader: inout ThriftCompactReader, _ name: String,
    _ make: (Bool, TimeUnit) -> LogicalType
  ) throws(ParquetError) -> LogicalType {
    var isAdjustedToUTC: Bool?
    var unit: TimeUnit?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .bool): isAdjustedToUTC = try reader.bool()
      case (2, .structure): unit = try TimeUnit.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    return make(
      try isAdjustedToUTC.required("isAdjustedToUTC", in: name),
      try unit.required("unit", in: name))
  }

  private static func integer(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> LogicalType {
    var bitWidth: Int8?
    var isSigned: Bool?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .byte): bitWidth = try reader.byte()
      case (2, .bool): isSigned = try reader.bool()
      default: try reader.skip(field.type)
      }
    }
    let width = try bitWidth.required("bitWidth", in: "IntType")
    // The column reader sizes its values by this, so only the four widths
    // the format allows get through.
    guard [8, 16, 32, 64].contains(width) else {
      throw ParquetError("IntType has the bit width \(width), not 8, 16, 32 or 64")
    }
    return .integer(bitWidth: width, isSigned: try isSigned.required("isSigned", in: "IntType"))
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.fieldHeader(fieldID, .structure)
    writer.beginStruct()
    switch self {
    case .decimal(let scale, let precision):
      writer.field(1, i32: scale)
      writer.field(2, i32: precision)
    case .time(let isAdjustedToUTC, let unit), .timestamp(let isAdjustedToUTC, let unit):
      writer.field(1, bool: isAdjustedToUTC)
      writer.field(2, struct: unit)
    case .integer(let bitWidth, let isSigned):
      writer.field(1, byte: bitWidth)
      writer.field(2, bool: isSigned)
    case .string, .map, .list, .enumeration, .date, .unknown, .json, .bson, .uuid, .float16,
      .other:
      break
    }
    writer.endStruct()
    writer.endStruct()
  }
}
