/// The unit of a TIME or TIMESTAMP logical type: Parquet's `TimeUnit` union.
public enum TimeUnit: Sendable, Equatable, CaseIterable, ThriftStruct {
  case millis
  case micros
  case nanos

  var fieldID: Int16 {
    switch self {
    case .millis: 1
    case .micros: 2
    case .nanos: 3
    }
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> TimeUnit {
    var unit: TimeUnit?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      // Each member is an empty struct; which one is set is the value.
      if unit == nil, field.type == .structure {
        unit = allCases.first { $0.fieldID == field.id }
      }
      try reader.skip(field.type)
    }
    guard let unit else { throw ParquetError("TimeUnit has no known unit set") }
    return unit
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.fieldHeader(fieldID, .structure)
    writer.beginStruct()
    writer.endStruct()
    writer.endStruct()
  }
}
