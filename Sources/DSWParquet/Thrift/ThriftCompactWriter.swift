/// Writes the Thrift compact protocol into bytes, the inverse of
/// `ThriftCompactReader`.
///
/// A struct is written as `beginStruct()`, its fields in increasing id order
/// (so that most headers fit one byte), then `endStruct()`, which writes the
/// stop byte.
public struct ThriftCompactWriter: Sendable {
  public private(set) var bytes: [UInt8] = []
  private var lastFieldID: Int16 = 0
  private var enclosingFieldIDs: [Int16] = []

  public init() {}

  // MARK: Structs

  public mutating func beginStruct() {
    enclosingFieldIDs.append(lastFieldID)
    lastFieldID = 0
  }

  public mutating func endStruct() {
    bytes.append(0)
    lastFieldID = enclosingFieldIDs.popLast() ?? 0
  }

  /// A field header; the value follows with the element writers below. For a
  /// boolean field use `field(_:bool:)`, since its value lives in the header.
  public mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
    fieldHeader(id, wireType: type.rawValue)
  }

  private mutating func fieldHeader(_ id: Int16, wireType: UInt8) {
    let delta = Int(id) - Int(lastFieldID)
    if delta > 0, delta <= 15 {
      bytes.append(UInt8(delta) << 4 | wireType)
    } else {
      bytes.append(wireType)
      zigzag(Int64(id))
    }
    lastFieldID = id
  }

  // MARK: Fields

  public mutating func field(_ id: Int16, bool value: Bool) {
    fieldHeader(id, wireType: value ? 1 : 2)
  }

  public mutating func field(_ id: Int16, byte value: Int8) {
    fieldHeader(id, .byte)
    byte(value)
  }

  public mutating func field(_ id: Int16, i16 value: Int16) {
    fieldHeader(id, .i16)
    zigzag(Int64(value))
  }

  public mutating func field(_ id: Int16, i32 value: Int32) {
    fieldHeader(id, .i32)
    zigzag(Int64(value))
  }

  public mutating func field(_ id: Int16, i64 value: Int64) {
    fieldHeader(id, .i64)
    zigzag(value)
  }

  public mutating func field(_ id: Int16, double value: Double) {
    fieldHeader(id, .double)
    double(value)
  }

  public mutating func field(_ id: Int16, binary value: [UInt8]) {
    fieldHeader(id, .binary)
    binary(value)
  }

  public mutating func field(_ id: Int16, string value: String) {
    fieldHeader(id, .binary)
    string(value)
  }

  public mutating func field(_ id: Int16, struct value: some ThriftStruct) {
    fieldHeader(id, .structure)
    value.encode(into: &self)
  }

  public mutating func field(_ id: Int16, structs values: [some ThriftStruct]) {
    fieldHeader(id, .list)
    listHeader(.structure, count: values.count)
    for value in values { value.encode(into: &self) }
  }

  public mutating func field(_ id: Int16, strings values: [String]) {
    fieldHeader(id, .list)
    listHeader(.binary, count: values.count)
    for value in values { string(value) }
  }

  public mutating func field(_ id: Int16, i32s values: [Int32]) {
    fieldHeader(id, .list)
    listHeader(.i32, count: values.count)
    for value in values { zigzag(Int64(value)) }
  }

  // MARK: Values

  /// A boolean outside a field header, as a list element is: 1 or 2.
  public mutating func bool(_ value: Bool) {
    bytes.append(value ? 1 : 2)
  }

  public mutating func byte(_ value: Int8) {
    bytes.append(UInt8(bitPattern: value))
  }

  public mutating func i16(_ value: Int16) { zigzag(Int64(value)) }

  public mutating func i32(_ value: Int32) { zigzag(Int64(value)) }

  public mutating func i64(_ value: Int64) { zigzag(value) }

  public mutating func double(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
  }

  public mutating func binary(_ value: [UInt8]) {
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  public mutating func string(_ value: String) {
    varint(UInt64(value.utf8.count))
    bytes.append(contentsOf: value.utf8)
  }

  /// A list or set header; the elements follow.
  public mutating func listHeader(_ elementType: ThriftType, count: Int) {
    let count = Swift.max(0, count)
    if count < 15 {
      bytes.append(UInt8(count) << 4 | elementType.rawValue)
    } else {
      bytes.append(0xf0 | elementType.rawValue)
      varint(UInt64(count))
    }
  }

  /// A map header; the keys and values follow, alternating.
  public mutating func mapHeader(key: ThriftType, value: ThriftType, count: Int) {
    let count = Swift.max(0, count)
    varint(UInt64(count))
    if count > 0 { bytes.append(key.rawValue << 4 | value.rawValue) }
  }

  public mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  public mutating func zigzag(_ value: Int64) {
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }
}
