/// Reads the Thrift compact protocol, in which Parquet stores its footer and
/// page headers.
///
/// The bytes come from a file, so nothing here trusts them: every length and
/// count is checked against the bytes that remain before anything is read or
/// allocated, nesting is bounded, and every failure is a `ParquetError`.
///
/// A struct is read as
///
///     try reader.beginStruct()
///     while let field = try reader.nextField() {
///       switch (field.id, field.type) {
///       case (1, .i32): version = try reader.i32()
///       default: try reader.skip(field.type)
///       }
///     }
///
/// where `nextField()` returns `nil` at the stop byte and so ends the struct.
public struct ThriftCompactReader {
  /// Structs, lists, sets and maps nested deeper than this are refused, so a
  /// hostile footer cannot exhaust the stack of the recursive `skip`.
  public static let maximumDepth = 64

  public var cursor: ByteCursor
  private var depth = 0
  /// The id of the last field read in the current struct, which the next
  /// header's delta is relative to.
  private var lastFieldID: Int16 = 0
  private var enclosingFieldIDs: [Int16] = []
  /// A boolean field carries its value in its header's type; it waits here
  /// until `bool()` or `skip(.bool)` takes it.
  private var pendingBool: Bool?

  public init(_ cursor: ByteCursor) {
    self.cursor = cursor
  }

  public init(_ bytes: UnsafeRawBufferPointer) {
    self.cursor = ByteCursor(bytes)
  }

  // MARK: Structs

  public mutating func beginStruct() throws(ParquetError) {
    try enter()
    enclosingFieldIDs.append(lastFieldID)
    lastFieldID = 0
  }

  /// The next field's header, or `nil` at the struct's stop byte, which also
  /// ends the struct that `beginStruct()` began.
  public mutating func nextField() throws(ParquetError) -> ThriftField? {
    pendingBool = nil
    let header = try cursor.byte()
    if header == 0 {
      lastFieldID = enclosingFieldIDs.popLast() ?? 0
      depth -= 1
      return nil
    }
    let wireType = header & 0x0f
    guard let type = ThriftType(wire: wireType) else {
      throw ParquetError("a field has the unknown Thrift type \(wireType)")
    }
    let delta = header >> 4
    let id: Int16
    if delta == 0 {
      id = try i16()
    } else {
      guard let next = Int16(exactly: Int(lastFieldID) + Int(delta)) else {
        throw ParquetError("a field id passes \(Int16.max)")
      }
      id = next
    }
    lastFieldID = id
    if type == .bool { pendingBool = wireType == 1 }
    return ThriftField(id: id, type: type)
  }

  // MARK: Scalars

  /// A boolean: the value of the field just read, or else one byte of a list.
  public mutating func bool() throws(ParquetError) -> Bool {
    if let value = pendingBool {
      pendingBool = nil
      return value
    }
    return try cursor.byte() == 1
  }

  public mutating func byte() throws(ParquetError) -> Int8 {
    Int8(bitPattern: try cursor.byte())
  }

  public mutating func i16() throws(ParquetError) -> Int16 {
    let value = try cursor.zigzag()
    guard let narrow = Int16(exactly: value) else {
      throw ParquetError("an i16 value of \(value) is out of range")
    }
    return narrow
  }

  public mutating func i32() throws(ParquetError) -> Int32 {
    let value = try cursor.zigzag()
    guard let narrow = Int32(exactly: value) else {
      throw ParquetError("an i32 value of \(value) is out of range")
    }
    return narrow
  }

  public mutating func i64() throws(ParquetError) -> Int64 {
    try cursor.zigzag()
  }

  public mutating func double() throws(ParquetError) -> Double {
    Double(bitPattern: try cursor.littleEndian(UInt64.self))
  }

  public mutating func binary() throws(ParquetError) -> [UInt8] {
    Array(try binaryBytes())
  }

  /// A string; bytes that are not UTF-8 become replacement characters rather
  /// than an error, since a name is still useful with one odd letter.
  public mutating func string() throws(ParquetError) -> String {
    String(decoding: try binaryBytes(), as: UTF8.self)
  }

  private mutating func binaryBytes() throws(ParquetError) -> UnsafeRawBufferPointer {
    let length = try cursor.uleb128()
    guard length <= UInt64(cursor.remaining) else {
      throw ParquetError(
        "a binary value of \(length) bytes passes the end of the data "
          + "(\(cursor.remaining) bytes remain)")
    }
    return try cursor.take(Int(length))
  }

  // MARK: Collections

  /// A list (or set) of `elementType`, each element read by `readElement`.
  public mutating func list<Element>(
    of elementType: ThriftType,
    _ readElement: (inout ThriftCompactReader) throws(ParquetError) -> Element
  ) throws(ParquetError) -> [Element] {
    let (type, count) = try collectionHeader()
    guard count == 0 || type == elementType else {
      throw ParquetError(
        "a list holds \(type.map(\.name) ?? "unknown") values where "
          + "\(elementType.name) values were expected")
    }
    try enter()
    var elements: [Element] = []
    // The count is bounded by the remaining bytes, not by the element size,
    // so reserve no more than those bytes could hold.
    elements.reserveCapacity(
      Swift.min(count, cursor.remaining / Swift.max(1, MemoryLayout<Element>.stride)))
    for _ in 0..<count {
      elements.append(try readElement(&self))
    }
    depth -= 1
    return elements
  }

  public mutating func structs<Element: ThriftStruct>(
    _: Element.Type
  ) throws(ParquetError) -> [Element] {
    try list(of: .structure, Element.decode)
  }

  public mutating func strings() throws(ParquetError) -> [String] {
    try list(of: .binary) { (reader) throws(ParquetError) in try reader.string() }
  }

  public mutating func i32s() throws(ParquetError) -> [Int32] {
    try list(of: .i32) { (reader) throws(ParquetError) in try reader.i32() }
  }

  /// A list or set header: the element type (`nil` for an empty collection
  /// whose writer left it unset) and a count no larger than the remaining
  /// bytes, since every element takes at least one byte, booleans included.
  private mutating func collectionHeader() throws(ParquetError) -> (ThriftType?, Int) {
    let header = try cursor.byte()
    let shortCount = header >> 4
    let rawCount = shortCount == 15 ? try cursor.uleb128() : UInt64(shortCount)
    let type = ThriftType(wire: header & 0x0f)
    guard rawCount <= UInt64(cursor.remaining) else {
      throw ParquetError(
        "a list declares \(rawCount) elements but only \(cursor.remaining) bytes remain")
    }
    if rawCount > 0, type == nil {
      throw ParquetError("a list has the unknown Thrift element type \(header & 0x0f)")
    }
    return (type, Int(rawCount))
  }

  /// A map header: key and value types and an entry count no larger than
  /// half the remaining bytes, since keys and values take a byte each at least.
  private mutating func mapHeader() throws(ParquetError) -> (ThriftType, ThriftType, Int)? {
    let rawCount = try cursor.uleb128()
    if rawCount == 0 { return nil }
    let types = try cursor.byte()
    guard rawCount <= UInt64(cursor.remaining / 2) else {
      throw ParquetError(
        "a map declares \(rawCount) entries but only \(cursor.remaining) bytes remain")
    }
    guard let key = ThriftType(wire: types >> 4), let value = ThriftType(wire: types & 0x0f)
    else {
      throw ParquetError("a map has the unknown Thrift types \(types >> 4) and \(types & 0x0f)")
    }
    return (key, value, Int(rawCount))
  }

  // MARK: Skipping

  /// Reads past a value of any type, for fields this reader doesn't know.
  public mutating func skip(_ type: ThriftType) throws(ParquetError) {
    switch type {
    case .bool: _ = try bool()
    case .byte: try cursor.skip(1)
    case .i16, .i32, .i64: _ = try cursor.uleb128()
    case .double: try cursor.skip(8)
    case .binary: _ = try binaryBytes()
    case .list, .set:
      let (elementType, count) = try collectionHeader()
      guard let elementType else { return }
      try enter()
      for _ in 0..<count { try skip(elementType) }
      depth -= 1
    case .map:
      guard let (keyType, valueType, count) = try mapHeader() else { return }
      try enter()
      for _ in 0..<count {
        try skip(keyType)
        try skip(valueType)
      }
      depth -= 1
    case .structure:
      try beginStruct()
      while let field = try nextField() { try skip(field.type) }
    }
  }

  private mutating func enter() throws(ParquetError) {
    guard depth < Self.maximumDepth else {
      throw ParquetError("the footer nests deeper than \(Self.maximumDepth) levels")
    }
    depth += 1
  }
}
