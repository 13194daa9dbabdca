/// One entry of a file's or column's key-value metadata (pyarrow keeps its
/// Arrow schema here under `ARROW:schema`).
public struct KeyValue: Sendable, Equatable, ThriftStruct {
  public var key: String
  public var value: String?

  public init(key: String, value: String? = nil) {
    self.key = key
    self.value = value
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> KeyValue {
    var key: String?
    var value: String?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .binary): key = try reader.string()
      case (2, .binary): value = try reader.string()
      default: try reader.skip(field.type)
      }
    }
    return KeyValue(key: try key.required("key", in: "KeyValue"), value: value)
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, string: key)
    if let value { writer.field(2, string: value) }
    writer.endStruct()
  }
}
