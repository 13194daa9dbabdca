import Testing

@testable import DSWParquet

@Suite struct DeltaByteArrayTests {
  static let sample = [
    "Hello", "World", "Foobar", "ABCDEF", "", "axis", "axle", "babble", "babyhood",
  ]

  static func decodeLengths(_ bytes: [UInt8], count: Int) throws -> [String] {
    var arrays = ByteArrays()
    _ = try bytes.withUnsafeBytes {
      try DeltaLengthByteArray.decode($0, count: count, appendingTo: &arrays)
    }
    return strings(arrays)
  }

  static func decodeFronts(_ bytes: [UInt8], count: Int) throws -> [String] {
    var arrays = ByteArrays()
    _ = try bytes.withUnsafeBytes {
      try DeltaByteArray.decode($0, count: count, appendingTo: &arrays)
    }
    return strings(arrays)
  }

  @Test func pyarrowDeltaLengthByteArrayDecodes() throws {
    // pyarrow 26, a required binary column of the sample.
    let bytes = hexBytes(
      """
      800104090a0b0400000076066a8800000000000000000000000048656c6c6f576f726c64466f6f6261
      724142434445466178697361786c65626162626c6562616279686f6f64
      """)
    #expect(try Self.decodeLengths(bytes, count: 9) == Self.sample)
    #expect(
      try Self.decodeLengths(DeltaLengthByteArray.encode(byteArrays(Self.sample)), count: 9)
        == Self.sample)
  }

  @Test func pyarrowDeltaByteArrayDecodes() throws {
    // pyarrow 26: prefixes 0,0,0,0,0,0,2,0,3, then the suffixes.
    let bytes = hexBytes(
      """
      800104090003030000009224a2000000000000000000800104090a0b0400000076064a5a0000000000
      0000000000000048656c6c6f576f726c64466f6f626172414243444546617869736c65626162626c65
      79686f6f64
      """)
    #expect(try Self.decodeFronts(bytes, count: 9) == Self.sample)
    #expect(
      try Self.decodeFronts(DeltaByteArray.encode(byteArrays(Self.sample)), count: 9) == Self.sample
    )
  }

  @Test func theSpecsFrontCodingExample() throws {
    let encoded = DeltaByteArray.encode(byteArrays(["axis", "axle", "babble", "babyhood"]))
    var expected = [Int64]([0, 2, 0, 3]).withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    expected += [Int64]([4, 2, 6, 5]).withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    expected += Array("axislebabbleyhood".utf8)
    #expect(encoded == expected)
  }

  @Test(arguments: [0, 1, 7, 8, 9, 1000])
  func randomValuesRoundTrip(_ count: Int) throws {
    var generator = SeededGenerator(seed: UInt64(count) + 7)
    // Sorted keys share long prefixes, as front coding expects.
    let values = (0..<count).map { _ in
      String(repeating: "k", count: Int(generator.next() % 4))
        + String(generator.next() % 100_000)
    }.sorted()
    #expect(
      try Self.decodeLengths(DeltaLengthByteArray.encode(byteArrays(values)), count: count)
        == values)
    #expect(
      try Self.decodeFronts(DeltaByteArray.encode(byteArrays(values)), count: count) == values)
  }

  @Test func pagesAppendToOneArray() throws {
    var arrays = byteArrays(["zero"])
    for page in [["one", "onerous"], ["two", "twofold"]] {
      _ = try DeltaByteArray.encode(byteArrays(page)).withUnsafeBytes {
        try DeltaByteArray.decode($0, count: 2, appendingTo: &arrays)
      }
    }
    #expect(strings(arrays) == ["zero", "one", "onerous", "two", "twofold"])
  }

  static func lengths(_ values: [Int64]) -> [UInt8] {
    values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
  }

  @Test func hostileInputsAreErrors() {
    func expectLengthError(_ message: String, _ bytes: [UInt8], count: Int) {
      #expect(throws: ParquetError(message)) { try Self.decodeLengths(bytes, count: count) }
    }
    func expectFrontError(_ message: String, _ bytes: [UInt8], count: Int) {
      #expect(throws: ParquetError(message)) { try Self.decodeFronts(bytes, count: count) }
    }
    expectLengthError(
      "value 1 has a negative length of -3", Self.lengths([1, -3]) + [0x61], count: 2)
    expectLengthError(
      "the lengths of the values pass the 3 bytes that follow them",
      Self.lengths([2, 2]) + [1, 2, 3],
      count: 2)
    expectLengthError(
      "DELTA_LENGTH_BYTE_ARRAY data holds 2 lengths but 3 values are expected",
      Self.lengths([1, 1]) + [1, 2], count: 3)
    expectLengthError(
      "the lengths of the values pass the 2 bytes that follow them",
      Self.lengths([.max, .max]) + [1, 2], count: 2)
    expectLengthError("unexpected end of data", [0x80], count: 1)
    expectFrontError(
      "value 0 shares a prefix of 1 bytes with a value of 0",
      Self.lengths([1]) + Self.lengths([1]) + [0x61], count: 1)
    expectFrontError(
      "value 1 shares a prefix of 3 bytes with a value of 2",
      Self.lengths([0, 3]) + Self.lengths([2, 1]) + [0x61, 0x62, 0x63], count: 2)
    expectFrontError(
      "value 1 shares a prefix of -1 bytes with a value of 2",
      Self.lengths([0, -1]) + Self.lengths([2, 1]) + [0x61, 0x62, 0x63], count: 2)
    expectFrontError(
      "DELTA_BYTE_ARRAY suffix data holds 1 lengths but 2 values are expected",
      Self.lengths([0, 0]) + Self.lengths([1]) + [0x61], count: 2)
    // Each value repeats the whole one before: 300 values of 4 MiB from 4 MiB of input.
    let big = 1 << 22
    expectFrontError(
      "DELTA_BYTE_ARRAY values expand past 1073741824 bytes",
      Self.lengths([0] + [Int64](repeating: Int64(big), count: 299))
        + Self.lengths([Int64(big)] + [Int64](repeating: 0, count: 299))
        + [UInt8](repeating: 0x61, count: big), count: 300)
  }
}
