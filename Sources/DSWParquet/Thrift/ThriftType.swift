/// The value types of the Thrift compact protocol, by their wire numbers.
///
/// The wire spends two numbers on booleans (1 true, 2 false) so that a
/// boolean field needs no byte of its own; both decode to `.bool`.
public enum ThriftType: UInt8, Sendable, CaseIterable {
  case bool = 1
  case byte = 3
  case i16 = 4
  case i32 = 5
  case i64 = 6
  case double = 7
  case binary = 8
  case list = 9
  case set = 10
  case map = 11
  case structure = 12

  /// The type of a wire nibble; `nil` for numbers the protocol doesn't define.
  init?(wire: UInt8) {
    if wire == 2 {
      self = .bool
    } else {
      self.init(rawValue: wire)
    }
  }

  var name: String {
    switch self {
    case .bool: "bool"
    case .byte: "byte"
    case .i16: "i16"
    case .i32: "i32"
    case .i64: "i64"
    case .double: "double"
    case .binary: "binary"
    case .list: "list"
    case .set: "set"
    case .map: "map"
    case .structure: "struct"
    }
  }
}
