import Testing

@testable import DSWParquet

@Suite struct ThriftCompactReaderTests {
  /// One unknown field value, by the wire type in its header and the bytes
  /// that follow the header.
  struct UnknownField: CustomTestStringConvertible, Sendable {
    var name: String
    var wireType: UInt8
    var payload: [UInt8]
    var testDescription: String { name }
  }

  static let unknownFields: [UnknownField] = [
    UnknownField(name: "bool true", wireType: 1, payload: []),
    UnknownField(name: "bool false", wireType: 2, payload: []),
    UnknownField(name: "byte", wireType: 3, payload: [0xff]),
    UnknownField(name: "i16", wireType: 4, payload: [0xfe, 0x03]),
    UnknownField(name: "i32", wireType: 5, payload: [0x80, 0x80, 0x04]),
    UnknownField(name: "i64", wireType: 6, payload: [UInt8](repeating: 0xff, count: 9) + [0x01]),
    UnknownField(name: "double", wireType: 7, payload: [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]),
    UnknownField(name: "binary", wireType: 8, payload: [3, 0x61, 0x62, 0x63]),
    UnknownField(name: "empty binary", wireType: 8, payload: [0]),
    UnknownField(name: "list of i32", wireType: 9, payload: [0x25, 0x02, 0x04]),
    UnknownField(
      name: "long list", wireType: 9, payload: [0xf5, 15] + [UInt8](repeating: 0, count: 15)),
    UnknownField(name: "list of bools", wireType: 9, payload: [0x31, 1, 2, 1]),
    UnknownField(name: "list of structs", wireType: 9, payload: [0x2c, 0x00, 0x15, 0x02, 0x00]),
    UnknownField(name: "list of lists", wireType: 9, payload: [0x19, 0x15, 0x02]),
    UnknownField(name: "empty list", wireType: 9, payload: [0x00]),
    UnknownField(name: "set of binary", wireType: 10, payload: [0x18, 1, 0x78]),
    UnknownField(name: "map", wireType: 11, payload: [0x02, 0x85, 1, 0x78, 0x02, 0, 0x03]),
    UnknownField(name: "map of bools to structs", wireType: 11, payload: [0x01, 0x1c, 1, 0]),
    UnknownField(name: "empty map", wireType: 11, payload: [0x00]),
    UnknownField(
      name: "struct", wireType: 12, payload: [0x15, 0x02, 0x11, 0x1c, 0x12, 0x00, 0x00]),
    UnknownField(name: "empty struct", wireType: 12, payload: [0x00]),
  ]

  /// KeyValue { key "k", <unknown field 5>, value "v" }: the value's header
  /// goes back from id 5 to id 2, so it takes the long form.
  static func keyValue(around unknown: [UInt8]) -> [UInt8] {
    [0x18, 1, 0x6b] + unknown + [0x08, 0x04, 1, 0x76, 0x00]
  }

  @Test(arguments: unknownFields)
  func skipsAnUnknownField(_ field: UnknownField) throws {
    let bytes = Self.keyValue(around: [0x40 | field.wireType] + field.payload)
    #expect(try decodeThrift(KeyValue.self, bytes) == KeyValue(key: "k", value: "v"))
  }

  @Test(arguments: unknownFields)
  func skipsAnUnknownFieldWithALongFormID(_ field: UnknownField) throws {
    // Field id 300, zigzag-encoded as 600.
    let bytes = Self.keyValue(around: [field.wireType, 0xd8, 0x04] + field.payload)
    #expect(try decodeThrift(KeyValue.self, bytes) == KeyValue(key: "k", value: "v"))
  }

  @Test func readsScalars() throws {
    var writer = ThriftCompactWriter()
    writer.byte(-3)
    writer.i16(Int16.min)
    writer.i32(Int32.max)
    writer.i64(Int64.min)
    writer.double(-0.25)
    writer.binary([1, 2, 3])
    writer.string("héllo")
    writer.bool(true)
    writer.bool(false)
    try readThrift(writer.bytes) { (reader) throws in
      #expect(try reader.byte() == -3)
      #expect(try reader.i16() == Int16.min)
      #expect(try reader.i32() == Int32.max)
      #expect(try reader.i64() == Int64.min)
      #expect(try reader.double() == -0.25)
      #expect(try reader.binary() == [1, 2, 3])
      #expect(try reader.string() == "héllo")
      #expect(try reader.bool())
      #expect(try !reader.bool())
      #expect(reader.cursor.isAtEnd)
    }
  }

  @Test func readsFieldHeadersInBothForms() throws {
    // Delta 1 (i32), long form id -5 (i64), delta 15 to id 10 (bool true).
    let bytes: [UInt8] = [0x15, 0x02, 0x06, 0x09, 0x04, 0xf1, 0x00]
    let fields = try readThrift(bytes) { reader in
      try reader.beginStruct()
      var fields: [ThriftField] = []
      while let field = try reader.nextField() {
        fields.append(field)
        try reader.skip(field.type)
      }
      return fields
    }
    #expect(
      fields == [
        ThriftField(id: 1, type: .i32), ThriftField(id: -5, type: .i64),
        ThriftField(id: 10, type: .bool),
      ])
  }

  @Test func readsBooleanFieldsFromTheirHeaders() throws {
    let values = try readThrift([0x11, 0x12, 0x00]) { reader in
      try reader.beginStruct()
      var values: [Bool] = []
      while try reader.nextField() != nil { values.append(try reader.bool()) }
      return values
    }
    #expect(values == [true, false])
  }

  @Test func nestedStructsKeepTheirOwnFieldIDs() throws {
    // { 1: { 1: i32 7 }, 2: i32 9 }: the outer delta to 2 is relative to 1,
    // not to the inner struct's last field.
    let bytes: [UInt8] = [0x1c, 0x15, 0x0e, 0x00, 0x15, 0x12, 0x00]
    let read = try readThrift(bytes) { reader in
      var seen: [Int16: Int32] = [:]
      try reader.beginStruct()
      while let field = try reader.nextField() {
        if field.type == .structure {
          try reader.beginStruct()
          while try reader.nextField() != nil { seen[-1] = try reader.i32() }
        } else {
          seen[field.id] = try reader.i32()
        }
      }
      return seen
    }
    #expect(read == [-1: 7, 2: 9])
  }

  // MARK: Hostile input

  @Test func everyTruncationOfAFooterThrows() throws {
    let bytes = encodeThrift(MetadataSamples.fileMetaData)
    for length in 0..<bytes.count {
      #expect(throws: ParquetError.self) {
        try decodeThrift(FileMetaData.self, Array(bytes[..<length]))
      }
    }
    #expect(throws: ParquetError("unexpected end of data")) {
      try decodeThrift(FileMetaData.self, Array(bytes.dropLast()))
    }
  }

  /// KeyValue with `levels` nested unknown structs in field 5: with the
  /// KeyValue itself, `levels + 1` levels deep.
  static func nestedStructs(_ levels: Int) -> [UInt8] {
    [0x18, 1, 0x6b] + [0x4c] + [UInt8](repeating: 0x1c, count: levels - 1)
      + [UInt8](repeating: 0x00, count: levels + 1)
  }

  @Test func nestingDepthIsBounded() throws {
    #expect(try decodeThrift(KeyValue.self, Self.nestedStructs(63)).key == "k")
    #expect(throws: ParquetError("the footer nests deeper than 64 levels")) {
      try decodeThrift(KeyValue.self, Self.nestedStructs(64))
    }
    #expect(throws: ParquetError("the footer nests deeper than 64 levels")) {
      try decodeThrift(KeyValue.self, Self.nestedStructs(100_000))
    }
  }

  @Test func nestedListsCountTowardsTheDepth() throws {
    // Field 5 is a list holding a list holding a list …
    let bytes: [UInt8] = [0x18, 1, 0x6b, 0x49] + [UInt8](repeating: 0x19, count: 100)
    #expect(throws: ParquetError("the footer nests deeper than 64 levels")) {
      try decodeThrift(KeyValue.self, bytes)
    }
  }

  @Test(arguments: [ThriftType.structure, .bool, .byte, .i32])
  func aListLongerThanTheRemainingBytesIsRefused(_ element: ThriftType) throws {
    // Field 5: a list declaring 2^32 - 1 elements, then four bytes.
    let bytes: [UInt8] =
      [0x18, 1, 0x6b, 0x49, 0xf0 | element.rawValue, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 1, 1, 0]
    #expect(throws: ParquetError("a list declares 4294967295 elements but only 4 bytes remain")) {
      try decodeThrift(KeyValue.self, bytes)
    }
  }

  @Test func aListOfTheWrongElementTypeIsRefused() throws {
    // FileMetaData.schema (field 2) as a list of i32.
    let bytes: [UInt8] = [0x15, 0x02, 0x19, 0x15, 0x02, 0x00]
    #expect(throws: ParquetError("a list holds i32 values where struct values were expected")) {
      try decodeThrift(FileMetaData.self, bytes)
    }
  }

  @Test func aMapLongerThanTheRemainingBytesIsRefused() throws {
    let bytes: [UInt8] = [0x18, 1, 0x6b, 0x4b, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x55, 1, 1, 0]
    #expect(throws: ParquetError("a map declares 4294967295 entries but only 3 bytes remain")) {
      try decodeThrift(KeyValue.self, bytes)
    }
  }

  @Test func aBinaryLongerThanTheRemainingBytesIsRefused() throws {
    let bytes: [UInt8] = [0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x6b, 0]
    #expect(
      throws: ParquetError(
        "a binary value of 9223372036854775807 bytes passes the end of the data (2 bytes remain)")
    ) {
      try decodeThrift(KeyValue.self, bytes)
    }
  }

  @Test func malformedScalarsAreRefused() throws {
    #expect(throws: ParquetError("a varint is longer than 64 bits")) {
      try readThrift([UInt8](repeating: 0x80, count: 11) + [0]) { try $0.i64() }
    }
    #expect(throws: ParquetError("an i32 value of 2147483648 is out of range")) {
      try readThrift([0x80, 0x80, 0x80, 0x80, 0x10]) { try $0.i32() }
    }
    #expect(throws: ParquetError("an i16 value of -32769 is out of range")) {
      try readThrift([0x81, 0x80, 0x04]) { try $0.i16() }
    }
  }

  @Test func malformedFieldHeadersAreRefused() throws {
    #expect(throws: ParquetError("a field has the unknown Thrift type 13")) {
      try decodeThrift(KeyValue.self, [0x1d, 0x00])
    }
    // Long form id 32767, then a delta of 1 past it.
    #expect(throws: ParquetError("a field id passes 32767")) {
      try decodeThrift(KeyValue.self, [0x01, 0xfe, 0xff, 0x03, 0x11, 0x00])
    }
    #expect(throws: ParquetError("a list has the unknown Thrift element type 14")) {
      try decodeThrift(KeyValue.self, [0x19, 0x1e, 0x00, 0x00])
    }
  }
}
