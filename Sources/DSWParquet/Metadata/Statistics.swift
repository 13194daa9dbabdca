/// The statistics of a column chunk or page.
///
/// `min`/`max` are the deprecated signed-order bounds; `minValue`/`maxValue`
/// follow the column's sort order. Both are the plain encoding of a value,
/// kept as bytes because only the column's type says how to read them.
public struct Statistics: Sendable, Equatable, ThriftStruct {
  public var max: [UInt8]?
  public var min: [UInt8]?
  public var nullCount: Int64?
  public var distinctCount: Int64?
  public var maxValue: [UInt8]?
  public var minValue: [UInt8]?
  public var isMaxValueExact: Bool?
  public var isMinValueExact: Bool?

  public init(
    max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil,
    distinctCount: Int64? = nil, maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil,
    isMaxValueExact: Bool? = nil, isMinValueExact: Bool? = nil
  ) {
    self.max = max
    self.min = min
    self.nullCount = nullCount
    self.distinctCount = distinctCount
    self.maxValue = maxValue
    self.minValue = minValue
    self.isMaxValueExact = isMaxValueExact
    self.isMinValueExact = isMinValueExact
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> Statistics
  {
    var statistics = Statistics()
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .binary): statistics.max = try reader.binary()
      case (2, .binary): statistics.min = try reader.binary()
      case (3, .i64): statistics.nullCount = try reader.i64()
      case (4, .i64): statistics.distinctCount = try reader.i64()
      case (5, .binary): statistics.maxValue = try reader.binary()
      case (6, .binary): statistics.minValue = try reader.binary()
      case (7, .bool): statistics.isMaxValueExact = try reader.bool()
      case (8, .bool): statistics.isMinValueExact = try reader.bool()
      default: try reader.skip(field.type)
      }
    }
    return statistics
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    if let max { writer.field(1, binary: max) }
    if let min { writer.field(2, binary: min) }
    if let nullCount { writer.field(3, i64: nullCount) }
    if let distinctCount { writer.field(4, i64: distinctCount) }
    if let maxValue { writer.field(5, binary: maxValue) }
    if let minValue { writer.field(6, binary: minValue) }
    if let isMaxValueExact { writer.field(7, bool: isMaxValueExact) }
    if let isMinValueExact { writer.field(8, bool: isMinValueExact) }
    writer.endStruct()
  }
}
