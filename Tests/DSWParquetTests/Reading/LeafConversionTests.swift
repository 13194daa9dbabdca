import Testing

@testable import DSWParquet

@Suite struct LeafConversionTests {
  /// Nanoseconds floor to microseconds over the whole Int64 range. The
  /// fuzzer found the smallest values trapping (`value - 999` overflowed).
  @Test func nanosecondsFloorOverTheWholeRange() throws {
    let nanos: [Int64] = [.min, .min + 999, -1_001, -1_000, -1, 0, 999, 1_000, .max]
    let micros = try LeafConversion.microseconds(nanos, .nanos)
    #expect(
      micros == [
        -9_223_372_036_854_776, -9_223_372_036_854_775, -2, -1, -1, 0, 0, 1, 9_223_372_036_854_775,
      ])
  }

  @Test func millisecondsPastTheRangeAreAnError() {
    #expect(throws: ParquetError("a time of 92233720368547758 ms is out of range")) {
      _ = try LeafConversion.microseconds([Int64.max / 100], .millis)
    }
  }
}
