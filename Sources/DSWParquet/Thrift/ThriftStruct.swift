/// A Swift value that is one Thrift struct (or union) on the wire.
///
/// `decode` reads the whole struct, its stop byte included, and `encode`
/// writes it the same way, so structs nest by calling each other.
public protocol ThriftStruct: Sendable {
  static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> Self
  func encode(into writer: inout ThriftCompactWriter)
}
