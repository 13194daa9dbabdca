import Testing

@testable import DSWParquet

@Suite struct ThriftCompactWriterTests {
  static func bytes(_ write: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
    var writer = ThriftCompactWriter()
    write(&writer)
    return writer.bytes
  }

  @Test func fieldHeadersUseDeltasWhenTheyFit() {
    let bytes = Self.bytes { writer in
      writer.beginStruct()
      writer.field(1, i32: 1)
      writer.field(16, i32: -1)  // delta 15: still one byte
      writer.field(40, i64: 2)  // delta 24: long form
      writer.field(3, bool: true)  // backwards: long form
      writer.field(4, bool: false)
      writer.endStruct()
    }
    #expect(bytes == [0x15, 0x02, 0xf5, 0x01, 0x06, 0x50, 0x04, 0x01, 0x06, 0x12, 0x00])
  }

  @Test func nestedStructsRestoreTheOuterFieldID() {
    let bytes = Self.bytes { writer in
      writer.beginStruct()
      writer.field(1, struct: KeyValue(key: "a"))
      writer.field(2, byte: -1)
      writer.endStruct()
    }
    #expect(bytes == [0x1c, 0x18, 1, 0x61, 0x00, 0x13, 0xff, 0x00])
  }

  @Test func listsUseTheLongHeaderFromFifteenElements() {
    let short = Self.bytes { $0.field(1, i32s: Array(repeating: 0, count: 14)) }
    #expect(Array(short.prefix(2)) == [0x19, 0xe5])
    let long = Self.bytes { $0.field(1, i32s: Array(repeating: 0, count: 300)) }
    #expect(Array(long.prefix(4)) == [0x19, 0xf5, 0xac, 0x02])
  }

  @Test func valuesUseZigzagVarintsAndLittleEndianDoubles() {
    let bytes = Self.bytes { writer in
      writer.i32(-1)
      writer.i64(64)
      writer.double(1)
      writer.string("hé")
      writer.bool(true)
      writer.bool(false)
      writer.mapHeader(key: .binary, value: .i32, count: 2)
      writer.mapHeader(key: .binary, value: .i32, count: 0)
    }
    #expect(
      bytes == [
        0x01, 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 3, 0x68, 0xc3, 0xa9, 1, 2, 2, 0x85, 0,
      ])
  }

  @Test(arguments: [Int64.min, -1, 0, 1, 63, 64, Int64.max])
  func i64RoundTrips(_ value: Int64) throws {
    let bytes = Self.bytes { $0.i64(value) }
    #expect(try readThrift(bytes) { try $0.i64() } == value)
  }
}
