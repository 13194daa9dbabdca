/// A JSON document as a value: the notebook file's parsed form.
///
/// Integers and doubles stay distinct (`1` versus `1.0`) so that reading a file
/// and writing it back gives the same bytes. Object keys are unordered here; the
/// writer sorts them by code point.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// A short description of the value's JSON kind, for diagnostics ("a string").
  public var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .int: "an integer"
    case .double: "a decimal number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A parsed JSON value together with where it sits in the file.
///
/// The notebook validator walks these nodes rather than bare `JSONValue`s so
/// that every complaint can point at the offending value's line and column.
public struct JSONNode: Sendable, Hashable {
  /// One `"key": value` pair of an object, in file order.
  public struct Member: Sendable, Hashable {
    public var key: String
    /// Byte offset and length of the key, quotes included.
    public var keyOffset: Int
    public var keyLength: Int
    public var value: JSONNode

    public init(key: String, keyOffset: Int, keyLength: Int, value: JSONNode) {
      self.key = key
      self.keyOffset = keyOffset
      self.keyLength = keyLength
      self.value = value
    }
  }

  /// The node's content; arrays and objects hold child nodes.
  public enum Content: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONNode])
    case object([Member])
  }

  public var content: Content
  /// Byte offset of the value's first byte in the file.
  public var offset: Int
  /// Length of the value's text in bytes.
  public var length: Int

  public init(_ content: Content, offset: Int, length: Int) {
    self.content = content
    self.offset = offset
    self.length = length
  }

  /// The value without positions.
  public var value: JSONValue {
    switch content {
    case .null: .null
    case .bool(let flag): .bool(flag)
    case .int(let number): .int(number)
    case .double(let number): .double(number)
    case .string(let text): .string(text)
    case .array(let items): .array(items.map(\.value))
    case .object(let members):
      .object(
        Dictionary(members.map { ($0.key, $0.value.value) }, uniquingKeysWith: { _, last in last }))
    }
  }

  /// The kind of value, for diagnostics ("an array").
  public var kindDescription: String {
    switch content {
    case .null: "null"
    case .bool: "a boolean"
    case .int: "an integer"
    case .double: "a decimal number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
