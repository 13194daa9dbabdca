import Testing

@testable import DSWParquet

@Suite struct RLEBitPackedHybridTests {
  static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [Int32] {
    var values: [Int32] = []
    _ = try bytes.withUnsafeBytes {
      try RLEBitPackedHybrid.decode($0, bitWidth: bitWidth, count: count, appendingTo: &values)
    }
    return values
  }

  static func roundTrip(_ values: [Int32], bitWidth: Int) throws -> [Int32] {
    let encoded = values.withUnsafeBufferPointer {
      RLEBitPackedHybrid.encode($0, bitWidth: bitWidth)
    }
    return try decode(encoded, bitWidth: bitWidth, count: values.count)
  }

  @Test func theSpecsBitPackingExampleDecodes() throws {
    // The numbers 0 through 7 at 3 bits: one group of eight.
    #expect(
      try Self.decode([0x03, 0x88, 0xc6, 0xfa], bitWidth: 3, count: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
    let encoded = [Int32](0...7).withUnsafeBufferPointer {
      RLEBitPackedHybrid.encode($0, bitWidth: 3)
    }
    #expect(encoded == [0x03, 0x88, 0xc6, 0xfa])
  }

  @Test func pyarrowDictionaryIndicesDecode() throws {
    // pyarrow 26, a required INT32 column of [i % 5 for i in 0..<30] + [3] * 20 + [1, 2].
    let page = hexBytes("03 09 88 46 44 23 a2 11 d1 88 68 44 34 6e 24 03 03 11 00 00")
    let expected = (0..<30).map { Int32($0 % 5) } + [Int32](repeating: 3, count: 20) + [1, 2]
    var indices = [Int32](repeating: -1, count: expected.count)
    let consumed = try page.withUnsafeBytes { bytes in
      try indices.withUnsafeMutableBufferPointer {
        try RLEBitPackedHybrid.decodeDictionaryIndices(bytes, count: expected.count, into: $0)
      }
    }
    #expect(indices == expected)
    #expect(consumed == page.count)
  }

  @Test func pyarrowRLEBooleansDecodeBehindTheirLength() throws {
    // pyarrow 26, a v2 page of 19 booleans: a 4-byte length, then runs.
    let page = hexBytes("06 00 00 00 03 0d 10 00 03 05")
    let expected: [Int32] = [1, 0, 1, 1] + [Int32](repeating: 0, count: 12) + [1, 0, 1]
    var values = [Int32](repeating: -1, count: 19)
    let consumed = try page.withUnsafeBytes { bytes in
      try values.withUnsafeMutableBufferPointer {
        try RLEBitPackedHybrid.decodeLengthPrefixed(bytes, bitWidth: 1, count: 19, into: $0)
      }
    }
    #expect(values == expected)
    #expect(consumed == 10)
    let encoded = expected.withUnsafeBufferPointer {
      RLEBitPackedHybrid.encodeLengthPrefixed($0, bitWidth: 1)
    }
    #expect(try Self.decodeLengthPrefixed(encoded, bitWidth: 1, count: 19) == expected)
  }

  static func decodeLengthPrefixed(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [Int32] {
    var values = [Int32](repeating: 0, count: count)
    try bytes.withUnsafeBytes { raw in
      try values.withUnsafeMutableBufferPointer {
        _ = try RLEBitPackedHybrid.decodeLengthPrefixed(
          raw, bitWidth: bitWidth, count: count, into: $0)
      }
    }
    return values
  }

  @Test(arguments: 0...32)
  func everyBitWidthRoundTrips(_ bitWidth: Int) throws {
    var generator = SeededGenerator(seed: UInt64(bitWidth))
    let mask: UInt64 = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
    for count in [0, 1, 7, 8, 9, 1000] {
      var values: [Int32] = []
      while values.count < count {
        let value = Int32(truncatingIfNeeded: generator.next() & mask)
        // Mixed runs: some long repeats, some short, some single values.
        let repeats = Int(generator.next() % 4 == 0 ? generator.next() % 40 : 1)
        values += [Int32](repeating: value, count: min(repeats, count - values.count))
      }
      #expect(try Self.roundTrip(values, bitWidth: bitWidth) == values, "count \(count)")
    }
  }

  @Test func longRunsBecomeRLEAndShortOnesBitPacked() {
    let values = [Int32](repeating: 5, count: 1000)
    let encoded = values.withUnsafeBufferPointer { RLEBitPackedHybrid.encode($0, bitWidth: 3) }
    // One run: the varint of 1000 << 1, then the value in one byte.
    #expect(encoded == [0xd0, 0x0f, 0x05])
    let mixed: [Int32] = [1, 2, 3] + [Int32](repeating: 7, count: 20)
    let packed = mixed.withUnsafeBufferPointer { RLEBitPackedHybrid.encode($0, bitWidth: 3) }
    // Five of the sevens complete the first group of eight; fifteen stay a run.
    #expect(packed == [0x03, 0xd1, 0xfe, 0xff, 0x1e, 0x07])
  }

  @Test func aRunLongerThanNeededIsCut() throws {
    #expect(
      try Self.decode([0xd0, 0x0f, 0x05], bitWidth: 3, count: 10)
        == [Int32](repeating: 5, count: 10))
  }

  @Test func appendingKeepsEarlierPages() throws {
    var values: [Int32] = [9, 9]
    _ = try [UInt8]([0x06, 0x01]).withUnsafeBytes {
      try RLEBitPackedHybrid.decode($0, bitWidth: 1, count: 3, appendingTo: &values)
    }
    #expect(values == [9, 9, 1, 1, 1])
    // A failure leaves the array as it was.
    #expect(throws: ParquetError.self) {
      _ = try [UInt8]([0x02, 0x01]).withUnsafeBytes {
        try RLEBitPackedHybrid.decode($0, bitWidth: 1, count: 3, appendingTo: &values)
      }
    }
    #expect(values == [9, 9, 1, 1, 1])
  }

  @Test func theBitWidthForAMaximum() {
    #expect(RLEBitPackedHybrid.bitWidth(forMaximum: 0) == 0)
    #expect(RLEBitPackedHybrid.bitWidth(forMaximum: 1) == 1)
    #expect(RLEBitPackedHybrid.bitWidth(forMaximum: 4) == 3)
    #expect(RLEBitPackedHybrid.bitWidth(forMaximum: Int(Int32.max)) == 31)
  }

  @Test func hostileInputsAreErrors() {
    func expectError(_ message: String, _ bytes: [UInt8], bitWidth: Int, count: Int) {
      #expect(throws: ParquetError(message)) {
        try Self.decode(bytes, bitWidth: bitWidth, count: count)
      }
    }
    expectError("an RLE bit width of 33 is outside 0...32", [0x02, 0x00], bitWidth: 33, count: 1)
    expectError("an RLE bit width of -1 is outside 0...32", [0x02, 0x00], bitWidth: -1, count: 1)
    expectError("RLE data ends after 0 of 1 values", [], bitWidth: 1, count: 1)
    expectError("RLE data ends after 4 of 9 values", [0x08, 0x01], bitWidth: 1, count: 9)
    expectError(
      "a bit-packed run of 8 values at 3 bits passes the end of the data", [0x03, 0x88, 0xc6],
      bitWidth: 3, count: 8)
    // A huge group count is cut to the values wanted, then found missing.
    expectError(
      "a bit-packed run of 16 values at 8 bits passes the end of the data",
      [0xff, 0xff, 0xff, 0xff, 0x0f, 0x01], bitWidth: 8, count: 16)
    expectError("an RLE run repeats 9, more than 3 bits hold", [0x04, 0x09], bitWidth: 3, count: 2)
    expectError("a length of 1 bytes passes the end of the data", [0x04], bitWidth: 3, count: 2)
    expectError(
      "a varint is longer than 64 bits", [UInt8](repeating: 0xff, count: 11), bitWidth: 3, count: 2)
    #expect(throws: ParquetError("a count of -1 values is negative")) {
      try Self.decode([0x02, 0x01], bitWidth: 1, count: -1)
    }
    #expect(throws: ParquetError("RLE data declares 100 bytes but only 2 follow")) {
      try Self.decodeLengthPrefixed([100, 0, 0, 0, 0x02, 0x01], bitWidth: 1, count: 1)
    }
    var indices = [Int32](repeating: 0, count: 4)
    #expect(throws: ParquetError("a dictionary index bit width of 33 is more than 32")) {
      try [UInt8]([33, 0x02, 0x01]).withUnsafeBytes { bytes in
        try indices.withUnsafeMutableBufferPointer {
          try RLEBitPackedHybrid.decodeDictionaryIndices(bytes, count: 1, into: $0)
        }
      }
    }
    #expect(throws: ParquetError("dictionary indices are missing their bit width")) {
      try [UInt8]().withUnsafeBytes { bytes in
        try indices.withUnsafeMutableBufferPointer {
          try RLEBitPackedHybrid.decodeDictionaryIndices(bytes, count: 1, into: $0)
        }
      }
    }
    #expect(throws: ParquetError("5 RLE values do not fit a buffer of 4")) {
      try [UInt8]([0x0a, 0x01]).withUnsafeBytes { bytes in
        try indices.withUnsafeMutableBufferPointer {
          try RLEBitPackedHybrid.decode(bytes, bitWidth: 1, count: 5, into: $0)
        }
      }
    }
  }
}
