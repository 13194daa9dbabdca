import DSWCore

/// How a leaf's physical values become one of dsw's types, from its
/// physical type and its logical (or legacy converted) annotation.
enum LeafConversion: Equatable {
  case bool
  /// INT32 or INT64; unsigned values are reinterpreted, and a UINT64 past
  /// Int64's range is an error.
  case int(unsigned: Bool)
  case double
  /// Unscaled integers (INT32, INT64, or big-endian bytes) over 10^scale.
  case decimal(scale: Int, precision: Int)
  case date
  case timestamp(TimeUnit)
  /// The legacy 12-byte timestamps of Impala and Spark, already in µs.
  case int96
  /// Time of day, as microseconds since midnight.
  case time(TimeUnit)
  case string
  /// Binary, UUID and other bytes, as lowercase hex.
  case hex
  case float16

  var type: DataType {
    switch self {
    case .bool: .bool
    case .int, .time: .int
    case .double, .decimal, .float16: .double
    case .date: .date
    case .timestamp, .int96: .timestamp
    case .string, .hex: .string
    }
  }

  /// What `load` notes about such a column, when anything.
  var remark: String? {
    switch self {
    case .decimal(let scale, let precision):
      precision > 15
        ? "decimal(\(precision),\(scale)) as double: digits past the 15th may be lost" : nil
    case .time: "time of day in microseconds"
    case .hex: "bytes as hex"
    default: nil
    }
  }

  static func of(_ element: SchemaElement) throws(ParquetError) -> LeafConversion {
    guard let physical = element.type else {
      throw ParquetError("the leaf `\(element.name)` has no physical type")
    }
    let decimal: LeafConversion? = {
      if case .decimal(let scale, let precision) = element.logicalType {
        return .decimal(scale: Int(scale), precision: Int(precision))
      }
      if element.convertedType == .decimal {
        return .decimal(scale: Int(element.scale ?? 0), precision: Int(element.precision ?? 38))
      }
      return nil
    }()
    switch physical {
    case .boolean: return .bool
    case .int32, .int64:
      if let decimal { return decimal }
      switch element.logicalType {
      case .integer(_, let isSigned): return .int(unsigned: !isSigned)
      case .date: return .date
      case .timestamp(_, let unit): return .timestamp(unit)
      case .time(_, let unit): return .time(unit)
      default: break
      }
      switch element.convertedType {
      case .uint8, .uint16, .uint32, .uint64: return .int(unsigned: true)
      case .date: return .date
      case .timestampMillis: return .timestamp(.millis)
      case .timestampMicros: return .timestamp(.micros)
      case .timeMillis: return .time(.millis)
      case .timeMicros: return .time(.micros)
      default: return .int(unsigned: false)
      }
    case .int96: return .int96
    case .float, .double: return .double
    case .byteArray:
      if let decimal { return decimal }
      switch element.logicalType {
      case .string, .enumeration, .json: return .string
      case .bson: return .hex
      default: break
      }
      switch element.convertedType {
      case .utf8, .enumeration, .json: return .string
      default: return .hex
      }
    case .fixedLenByteArray:
      if let decimal { return decimal }
      if element.logicalType == .float16 { return .float16 }
      return .hex
    }
  }
}
