import Testing

@testable import DSWParquet

@Suite struct PlainTests {
  @Test(arguments: [0, 1, 7, 8, 9, 1000])
  func fixedWidthTypesRoundTrip(_ count: Int) throws {
    var generator = SeededGenerator(seed: UInt64(count))
    let int32s = (0..<count).map { _ in Int32(truncatingIfNeeded: generator.next()) }
    let int64s = (0..<count).map { _ in Int64(bitPattern: generator.next()) }
    let floats = (0..<count).map { _ in
      Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
    }
    let doubles = (0..<count).map { _ in Double(Int64(bitPattern: generator.next())) / 7 }
    let booleans = (0..<count).map { _ in generator.next() & 1 == 1 }

    var decodedInt32s: [Int32] = []
    let int32Bytes = int32s.withUnsafeBufferPointer { PlainEncoder.encode($0) }
    #expect(int32Bytes.count == 4 * count)
    _ = try int32Bytes.withUnsafeBytes {
      try PlainDecoder.decodeInt32($0, count: count, appendingTo: &decodedInt32s)
    }
    #expect(decodedInt32s == int32s)

    var decodedInt64s: [Int64] = []
    _ = try int64s.withUnsafeBufferPointer { PlainEncoder.encode($0) }.withUnsafeBytes {
      try PlainDecoder.decodeInt64($0, count: count, appendingTo: &decodedInt64s)
    }
    #expect(decodedInt64s == int64s)

    var decodedFloats: [Float] = []
    _ = try floats.withUnsafeBufferPointer { PlainEncoder.encode($0) }.withUnsafeBytes {
      try PlainDecoder.decodeFloat($0, count: count, appendingTo: &decodedFloats)
    }
    #expect(decodedFloats.map(\.bitPattern) == floats.map(\.bitPattern))

    var decodedDoubles: [Double] = []
    _ = try doubles.withUnsafeBufferPointer { PlainEncoder.encode($0) }.withUnsafeBytes {
      try PlainDecoder.decodeDouble($0, count: count, appendingTo: &decodedDoubles)
    }
    #expect(decodedDoubles == doubles)

    var decodedBooleans: [Bool] = []
    let booleanBytes = booleans.withUnsafeBufferPointer { PlainEncoder.encode($0) }
    #expect(booleanBytes.count == (count + 7) / 8)
    _ = try booleanBytes.withUnsafeBytes {
      try PlainDecoder.decodeBooleans($0, count: count, appendingTo: &decodedBooleans)
    }
    #expect(decodedBooleans == booleans)
  }

  @Test func littleEndianBytesAndBitOrder() throws {
    let bytes = [Int32]([1, -2]).withUnsafeBufferPointer { PlainEncoder.encode($0) }
    #expect(bytes == [1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff])
    let bits = [true, false, true, true, false, false, false, false, true]
    #expect(bits.withUnsafeBufferPointer { PlainEncoder.encode($0) } == [0x0d, 0x01])
  }

  @Test func pagesAppendToOneArray() throws {
    var values: [Int64] = [42]
    for page in 0..<3 {
      let bytes = [Int64(page), Int64(page) * 10].withUnsafeBufferPointer {
        PlainEncoder.encode($0)
      }
      // Bytes at an odd address must decode as well as aligned ones.
      let shifted = [0xee] + bytes
      _ = try shifted.withUnsafeBytes {
        try PlainDecoder.decodeInt64(
          UnsafeRawBufferPointer(rebasing: $0[1...]), count: 2, appendingTo: &values)
      }
    }
    #expect(values == [42, 0, 0, 1, 10, 2, 20])
  }

  @Test func pyarrowInt96TimestampsDecode() throws {
    // pyarrow 26 with use_deprecated_int96_timestamps, microseconds in.
    let bytes = hexBytes(
      """
      0000000000000000 8c3d2500  00caf07ac2480000 678a2500
      18fc4e91944e0000 8a3d2500  0000000000000000 94682500
      """)
    let expected: [Int64] = [0, 1_700_000_000_123_456, -86_400_000_001, 951_782_400_000_000]
    var values: [Int64] = []
    _ = try bytes.withUnsafeBytes {
      try PlainDecoder.decodeInt96Timestamps($0, count: 4, appendingTo: &values)
    }
    #expect(values == expected)
    #expect(expected.withUnsafeBufferPointer { PlainEncoder.encodeInt96Timestamps($0) } == bytes)
  }

  @Test func byteArraysRoundTrip() throws {
    for values in [[], [""], ["a"], ["Hello", "", "World", String(repeating: "x", count: 300)]] {
      let encoded = PlainEncoder.encode(byteArrays(values))
      var decoded = byteArrays(["before"])
      let consumed = try encoded.withUnsafeBytes {
        try PlainDecoder.decodeByteArrays($0, count: values.count, appendingTo: &decoded)
      }
      #expect(consumed == encoded.count)
      #expect(strings(decoded) == ["before"] + values)
    }
    #expect(PlainEncoder.encode(byteArrays(["ab"])) == [2, 0, 0, 0, 0x61, 0x62])
  }

  @Test func fixedLengthByteArraysRoundTrip() throws {
    let values = byteArrays(["abc", "def", "ghi"])
    let encoded = try PlainEncoder.encodeFixedLength(values, typeLength: 3)
    #expect(encoded == Array("abcdefghi".utf8))
    var decoded = ByteArrays()
    _ = try encoded.withUnsafeBytes {
      try PlainDecoder.decodeFixedLengthByteArrays(
        $0, count: 3, typeLength: 3, appendingTo: &decoded)
    }
    #expect(decoded == values)
    #expect(throws: ParquetError("FIXED_LEN_BYTE_ARRAY value 1 is not 3 bytes long")) {
      try PlainEncoder.encodeFixedLength(byteArrays(["abc", "de"]), typeLength: 3)
    }
  }

  @Test func hostileInputsAreErrors() {
    var int64s: [Int64] = []
    #expect(throws: ParquetError("16 bytes cannot hold 3 INT64 values")) {
      _ = try [UInt8](repeating: 0, count: 16).withUnsafeBytes {
        try PlainDecoder.decodeInt64($0, count: 3, appendingTo: &int64s)
      }
    }
    #expect(throws: ParquetError("16 bytes cannot hold \(Int.max) INT64 values")) {
      _ = try [UInt8](repeating: 0, count: 16).withUnsafeBytes {
        try PlainDecoder.decodeInt64($0, count: .max, appendingTo: &int64s)
      }
    }
    #expect(throws: ParquetError("16 bytes cannot hold -1 INT64 values")) {
      _ = try [UInt8](repeating: 0, count: 16).withUnsafeBytes {
        try PlainDecoder.decodeInt64($0, count: -1, appendingTo: &int64s)
      }
    }
    #expect(int64s.isEmpty)
    var booleans: [Bool] = []
    #expect(throws: ParquetError("1 bytes cannot hold 9 BOOLEAN values")) {
      _ = try [UInt8]([0xff]).withUnsafeBytes {
        try PlainDecoder.decodeBooleans($0, count: 9, appendingTo: &booleans)
      }
    }
    var timestamps: [Int64] = []
    #expect(throws: ParquetError("11 bytes cannot hold 1 INT96 values")) {
      _ = try [UInt8](repeating: 0, count: 11).withUnsafeBytes {
        try PlainDecoder.decodeInt96Timestamps($0, count: 1, appendingTo: &timestamps)
      }
    }
    var arrays = ByteArrays()
    #expect(throws: ParquetError("BYTE_ARRAY value 1 declares 4294967295 bytes but only 1 follow"))
    {
      _ = try [UInt8]([1, 0, 0, 0, 0x61, 0xff, 0xff, 0xff, 0xff, 0x62]).withUnsafeBytes {
        try PlainDecoder.decodeByteArrays($0, count: 2, appendingTo: &arrays)
      }
    }
    #expect(throws: ParquetError("7 bytes cannot hold 2 BYTE_ARRAY values")) {
      _ = try [UInt8](repeating: 0, count: 7).withUnsafeBytes {
        try PlainDecoder.decodeByteArrays($0, count: 2, appendingTo: &arrays)
      }
    }
    #expect(throws: ParquetError("a length of 4 bytes passes the end of the data")) {
      _ = try [UInt8]([1, 0, 0, 0, 0x61, 0, 0, 0]).withUnsafeBytes {
        try PlainDecoder.decodeByteArrays($0, count: 2, appendingTo: &arrays)
      }
    }
    #expect(throws: ParquetError("a FIXED_LEN_BYTE_ARRAY length of 0 is not positive")) {
      _ = try [UInt8]().withUnsafeBytes {
        try PlainDecoder.decodeFixedLengthByteArrays(
          $0, count: 1, typeLength: 0, appendingTo: &arrays)
      }
    }
    #expect(throws: ParquetError("5 bytes cannot hold 2 FIXED_LEN_BYTE_ARRAY values")) {
      _ = try [UInt8](repeating: 0, count: 5).withUnsafeBytes {
        try PlainDecoder.decodeFixedLengthByteArrays(
          $0, count: 2, typeLength: 3, appendingTo: &arrays)
      }
    }
  }
}
