/// How a column's values are stored on disk: Parquet's `Type`, by its Thrift
/// number.
///
/// The logical type (`LogicalType`, `ConvertedType`) says what the values
/// mean; this says how many bytes each takes and how to read them.
public enum PhysicalType: Int32, Sendable, CaseIterable {
  case boolean = 0
  case int32 = 1
  case int64 = 2
  /// Twelve-byte legacy timestamps (Impala, old Spark).
  case int96 = 3
  case float = 4
  case double = 5
  case byteArray = 6
  case fixedLenByteArray = 7

  /// The type of a Thrift number; an unknown one is an error, since without
  /// the physical type no value of the column can be read.
  static func decode(_ raw: Int32) throws(ParquetError) -> PhysicalType {
    guard let type = PhysicalType(rawValue: raw) else {
      throw ParquetError("unknown physical type \(raw)")
    }
    return type
  }

  public var name: String {
    switch self {
    case .boolean: "BOOLEAN"
    case .int32: "INT32"
    case .int64: "INT64"
    case .int96: "INT96"
    case .float: "FLOAT"
    case .double: "DOUBLE"
    case .byteArray: "BYTE_ARRAY"
    case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
    }
  }
}
