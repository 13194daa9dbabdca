/// The header of a dictionary page, which holds the distinct values that
/// the chunk's dictionary-encoded data pages index into.
public struct DictionaryPageHeader: Sendable, Equatable, ThriftStruct {
  public var numValues: Int32
  public var encoding: Encoding
  public var isSorted: Bool?

  public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
    self.numValues = numValues
    self.encoding = encoding
    self.isSorted = isSorted
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> DictionaryPageHeader {
    let name = "DictionaryPageHeader"
    var numValues: Int32?
    var encoding: Encoding?
    var isSorted: Bool?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): numValues = try reader.i32()
      case (2, .i32): encoding = try Encoding.decode(try reader.i32(), in: name)
      case (3, .bool): isSorted = try reader.bool()
      default: try reader.skip(field.type)
      }
    }
    let header = DictionaryPageHeader(
      numValues: try numValues.required("num_values", in: name),
      encoding: try encoding.required("encoding", in: name), isSorted: isSorted)
    try ParquetError.checkNotNegative(header.numValues, "num_values", in: name)
    return header
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: numValues)
    writer.field(2, i32: encoding.rawValue)
    if let isSorted { writer.field(3, bool: isSorted) }
    writer.endStruct()
  }
}
