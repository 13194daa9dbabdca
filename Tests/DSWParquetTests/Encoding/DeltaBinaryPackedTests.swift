import Testing

@testable import DSWParquet

@Suite struct DeltaBinaryPackedTests {
  static func decode(_ bytes: [UInt8], count: Int) throws -> [Int64] {
    var values: [Int64] = []
    _ = try bytes.withUnsafeBytes {
      try DeltaBinaryPacked.decode($0, count: count, appendingTo: &values)
    }
    return values
  }

  static func encode(_ values: [Int64]) -> [UInt8] {
    values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
  }

  @Test func theSpecsFirstExample() throws {
    // 1, 2, 3, 4, 5 with the spec's block of 8 widened to 128 in 4 miniblocks.
    let bytes = hexBytes("80 01 04 05 02  02 00 00 00 00")
    #expect(try Self.decode(bytes, count: 5) == [1, 2, 3, 4, 5])
    #expect(Self.encode([1, 2, 3, 4, 5]) == bytes)
  }

  @Test func theSpecsSecondExample() throws {
    // 7, 5, 3, 1, 2, 3, 4, 5: a minimum delta of -2, the rest at 2 bits.
    let bytes = hexBytes("80 01 04 08 0e  03 02 00 00 00  c0 3f 00 00 00 00 00 00")
    #expect(try Self.decode(bytes, count: 8) == [7, 5, 3, 1, 2, 3, 4, 5])
    #expect(Self.encode([7, 5, 3, 1, 2, 3, 4, 5]) == bytes)
  }

  @Test func theSpecsLiteralBlockOfEightIsRefused() {
    #expect(
      throws: ParquetError(
        "a DELTA_BINARY_PACKED block size of 8 is not a multiple of 128 up to 16777216")
    ) {
      try Self.decode(hexBytes("08 01 05 02  02 00"), count: 5)
    }
  }

  @Test func pyarrowExtremesDecode() throws {
    // pyarrow 26: blocks of 256 in 4 miniblocks, one miniblock at 64 bits.
    let bytes = hexBytes(
      """
      80 02 04 0c 0e fd ff ff ff ff ff ff ff ff 01 40 00 00 00
      fd ff ff ff ff ff ff 7f fd ff ff ff ff ff ff 7f fd ff ff ff ff ff ff 7f
      00 00 00 00 00 00 00 80 00 00 00 00 00 00 00 80 00 00 00 00 00 00 00 80
      00 00 00 00 00 00 00 80 fa ff ff ff ff ff ff ff fe ff ff ff ff ff ff 7f
      00 00 00 00 00 00 00 00 fe ff ff ff ff ff ff 7f
      """, zeros: 424)
    let expected: [Int64] = [7, 5, 3, 1, 2, 3, 4, 5, .min, .max, 0, -1]
    #expect(try Self.decode(bytes, count: 12) == expected)
    #expect(try Self.decode(Self.encode(expected), count: 12) == expected)
  }

  @Test func pyarrowBlocksDecode() throws {
    // pyarrow 26: [(i * 37) % 101 + i * 5 for i in range(300)], two blocks of 256.
    let bytes = hexBytes(
      """
      800204ac02007507070707e532a05c0694cb8032a05c0694cb807219500694cb807219502e03ca8072
      19502e03ca807219502e03ca654019502e03ca6540b90c2803ca6540b90c2803ca6540b90c28970165
      40b90c289701e532a00c289701e532a00c289701e532a05c069401e532a05c0694cb8032a05c0694cb
      807219500694cb807219500694cb807219502e03ca807219502e03ca654019502e03ca654019502e03
      ca6540b90c2803ca6540b90c2897016540b90c2897016540b90c289701e532a00c289701e532a05c06
      9401e532a05c0694cb8032a05c0694cb8032a05c0694cb807219500694cb7507000000807219502e03
      ca807219502e03ca807219502e03ca654019502e03ca6540b90c2803ca654019
      """, zeros: 18)
    let expected = (0..<300).map { Int64(($0 * 37) % 101 + $0 * 5) }
    var values: [Int64] = []
    let consumed = try bytes.withUnsafeBytes {
      try DeltaBinaryPacked.decode($0, count: 300, appendingTo: &values)
    }
    #expect(values == expected)
    #expect(consumed == bytes.count)
  }

  @Test func pyarrowInt32Decodes() throws {
    // pyarrow 26, INT32 [7, 5, Int32.min, Int32.max, 0, -1, 123456] + squares of 0..<40.
    let bytes = hexBytes(
      """
      8001042f0efdffffff0f20200000fdffff7ffafffffffeffff7f00000000feffff7f40e20180bf1dfe
      7f00000080020000800400008006000080080000800a0000800c0000800e0000801000008012000080
      1400008016000080180000801a0000801c0000801e000080200000802200008024000080260000802800
      00802a0000802c0000802e00008030000080320000803400008036000080380000803a0000803c000080
      3e00008040000080420000804400008046000080480000804a0000804c000080
      """, zeros: 72)
    let expected: [Int32] =
      [7, 5, .min, .max, 0, -1, 123_456] + (0..<40).map { Int32($0 * $0) }
    var values: [Int32] = []
    _ = try bytes.withUnsafeBytes {
      try DeltaBinaryPacked.decode($0, count: expected.count, appendingTo: &values)
    }
    #expect(values == expected)
    let encoded = expected.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    var again: [Int32] = []
    _ = try encoded.withUnsafeBytes {
      try DeltaBinaryPacked.decode($0, count: expected.count, appendingTo: &again)
    }
    #expect(again == expected)
  }

  @Test(arguments: 0...64)
  func everyBitWidthRoundTrips(_ bitWidth: Int) throws {
    var generator = SeededGenerator(seed: UInt64(bitWidth) &+ 100)
    let mask: UInt64 = bitWidth == 64 ? .max : (UInt64(1) << UInt64(bitWidth)) - 1
    for count in [0, 1, 7, 8, 9, 129, 1000] {
      // Deltas of exactly `bitWidth` bits from a random start.
      var values: [Int64] = []
      var current = Int64(bitPattern: generator.next())
      for _ in 0..<count {
        values.append(current)
        current = current &+ Int64(bitPattern: generator.next() & mask)
      }
      #expect(try Self.decode(Self.encode(values), count: count) == values, "count \(count)")
    }
  }

  @Test func extremeValuesAndWrappingDeltasRoundTrip() throws {
    let values: [Int64] = [.max, .min, .max, .min, 0, .min, -1, .max, 1, .min + 1, .max - 1]
    #expect(try Self.decode(Self.encode(values), count: values.count) == values)
    let int32s: [Int32] = [.max, .min, .max, .min, 0, .min, -1, .max]
    let encoded = int32s.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    // The deltas wrap in 32 bits, so the one miniblock takes at most 32 x 4 bytes
    // after a header and minimum delta of at most 18 bytes.
    #expect(encoded.count <= 18 + 4 + 128)
    var decoded: [Int32] = []
    _ = try encoded.withUnsafeBytes {
      try DeltaBinaryPacked.decode($0, count: int32s.count, appendingTo: &decoded)
    }
    #expect(decoded == int32s)
  }

  @Test func noValuesNeedNoBytes() throws {
    #expect(try Self.decode([], count: 0) == [])
    #expect(try Self.decode(Self.encode([]), count: 0) == [])
  }

  @Test func fewerValuesThanTheHeaderHoldsMayBeRead() throws {
    let bytes = Self.encode((0..<300).map { Int64($0 * 3) })
    #expect(try Self.decode(bytes, count: 10) == (0..<10).map { Int64($0 * 3) })
  }

  @Test func hostileInputsAreErrors() {
    func expectError(_ message: String, _ bytes: [UInt8], count: Int) {
      #expect(throws: ParquetError(message)) { try Self.decode(bytes, count: count) }
    }
    let valid = Self.encode((0..<200).map { Int64($0 * $0) })
    expectError("unexpected end of data", Array(valid.prefix(3)), count: 200)
    expectError(
      "a miniblock of 32 values at 7 bits passes the end of the data", Array(valid.prefix(40)),
      count: 200)
    expectError(
      "DELTA_BINARY_PACKED data holds 200 values but 201 are expected", valid, count: 201)
    // A bit width of 65 in the first miniblock.
    expectError(
      "a miniblock bit width of 65 is more than 64", hexBytes("80 01 04 05 02  02 41 00 00 00"),
      count: 5)
    expectError(
      "a DELTA_BINARY_PACKED block size of 0 is not a multiple of 128 up to 16777216",
      hexBytes("00 04 05 02"), count: 5)
    expectError(
      "a DELTA_BINARY_PACKED block size of 18446744073709551488 is not a multiple of 128 up to "
        + "16777216", hexBytes("80 ff ff ff ff ff ff ff ff 01 04 05 02"), count: 5)
    expectError(
      "3 miniblocks do not split a block of 128 into multiples of 32", hexBytes("80 01 03 05 02"),
      count: 5)
    expectError(
      "18446744073709551615 miniblocks do not split a block of 128 into multiples of 32",
      hexBytes("80 01 ff ff ff ff ff ff ff ff ff 01 05 02"), count: 5)
    // Four miniblocks declared, the block ends after two bit widths.
    expectError(
      "a block's 4 miniblock bit widths pass the end of the data",
      hexBytes("80 01 04 05 02  02 00 00"),
      count: 5)
    expectError("a count of -1 values is negative", hexBytes("80 01 04 05 02"), count: -1)
  }
}
