import Testing

@testable import DSWParquet

@Suite struct ByteStreamSplitTests {
  @Test func theSpecsExample() throws {
    let values: [UInt32] = [0xddcc_bbaa, 0x3322_1100, 0xd6c5_b4a3]
    let encoded = values.withUnsafeBufferPointer { ByteStreamSplit.encode($0) }
    #expect(encoded == hexBytes("aa 00 a3 bb 11 b4 cc 22 c5 dd 33 d6"))
    var decoded: [Int32] = []
    _ = try encoded.withUnsafeBytes {
      try ByteStreamSplit.decode($0, count: 3, appendingTo: &decoded)
    }
    #expect(decoded.map { UInt32(bitPattern: $0) } == values)
  }

  @Test func pyarrowFloatsAndDoublesDecode() throws {
    let expected = [1.5, -2.25, 3.0e10, 0.0]
    var floats: [Float] = []
    _ = try hexBytes("0000760000008400c010df003fc05000").withUnsafeBytes {
      try ByteStreamSplit.decode($0, count: 4, appendingTo: &floats)
    }
    #expect(floats == expected.map { Float($0) })
    var doubles: [Double] = []
    _ = try hexBytes("0000000000000000000000000000b00000008e000000f000f8021b003fc04200")
      .withUnsafeBytes {
        try ByteStreamSplit.decode($0, count: 4, appendingTo: &doubles)
      }
    #expect(doubles == expected)
  }

  @Test(arguments: [0, 1, 7, 8, 9, 1000])
  func everyWidthRoundTrips(_ count: Int) throws {
    var generator = SeededGenerator(seed: UInt64(count) + 3)
    let int64s = (0..<count).map { _ in Int64(bitPattern: generator.next()) }
    var decoded: [Int64] = []
    _ = try int64s.withUnsafeBufferPointer { ByteStreamSplit.encode($0) }.withUnsafeBytes {
      try ByteStreamSplit.decode($0, count: count, appendingTo: &decoded)
    }
    #expect(decoded == int64s)
    let int32s = (0..<count).map { _ in Int32(truncatingIfNeeded: generator.next()) }
    var decoded32: [Int32] = []
    _ = try int32s.withUnsafeBufferPointer { ByteStreamSplit.encode($0) }.withUnsafeBytes {
      try ByteStreamSplit.decode($0, count: count, appendingTo: &decoded32)
    }
    #expect(decoded32 == int32s)
    for typeLength in [1, 3, 16] {
      var values = ByteArrays()
      for _ in 0..<count {
        values.append((0..<typeLength).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
      }
      let encoded = try ByteStreamSplit.encodeFixedLength(values, typeLength: typeLength)
      var again = ByteArrays()
      _ = try encoded.withUnsafeBytes {
        try ByteStreamSplit.decodeFixedLength(
          $0, count: count, typeLength: typeLength, appendingTo: &again)
      }
      #expect(again == values)
    }
  }

  @Test func hostileInputsAreErrors() {
    var doubles: [Double] = []
    #expect(
      throws: ParquetError("BYTE_STREAM_SPLIT data of 12 bytes is not 2 values of 8 bytes")
    ) {
      _ = try [UInt8](repeating: 0, count: 12).withUnsafeBytes {
        try ByteStreamSplit.decode($0, count: 2, appendingTo: &doubles)
      }
    }
    #expect(
      throws: ParquetError("BYTE_STREAM_SPLIT data of 16 bytes is not 1000000 values of 8 bytes")
    ) {
      _ = try [UInt8](repeating: 0, count: 16).withUnsafeBytes {
        try ByteStreamSplit.decode($0, count: 1_000_000, appendingTo: &doubles)
      }
    }
    var arrays = ByteArrays()
    #expect(throws: ParquetError("a BYTE_STREAM_SPLIT value width of 0 is not positive")) {
      _ = try [UInt8]().withUnsafeBytes {
        try ByteStreamSplit.decodeFixedLength($0, count: 0, typeLength: 0, appendingTo: &arrays)
      }
    }
  }
}
