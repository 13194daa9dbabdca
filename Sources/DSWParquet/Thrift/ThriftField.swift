/// The header of one field of a Thrift struct: its id and its wire type.
///
/// Decoders match on both, as generated Thrift code does: a field whose type
/// is not the expected one is skipped rather than misread.
public struct ThriftField: Sendable, Equatable {
  public var id: Int16
  public var type: ThriftType

  public init(id: Int16, type: ThriftType) {
    self.id = id
    self.type = type
  }
}
