import Testing

@testable import DSWCore

/// `Column.gather` writes 64 rows at a time with their validity word, on both
/// cores for long outputs. Each case compares it with the plain definition:
/// row `i` is the source's row `indices[i]`, or null for -1 or a null source row.
@Suite struct GatherTests {
  /// Lengths around a validity word's edge, and past the two-core threshold
  /// with a ragged tail.
  static let lengths = [0, 1, 63, 64, 65, 127, 200, ParallelWork.parallelElements + 77]

  @Test(arguments: lengths)
  func gatherMatchesItsDefinition(length: Int) {
    var random = SeededRandom(seed: UInt64(length) &+ 5)
    let sourceRows = 300
    let values = (0..<sourceRows).map { _ in Int64(random.next() % 1000) }
    let nullRows = Set((0..<sourceRows).filter { _ in random.next() % 7 == 0 })
    let plain = Column(ints: values)
    let withNulls = Column(
      storage: .int(values.enumerated().map { nullRows.contains($0.offset) ? 0 : $0.element }),
      validity: Bitmap((0..<sourceRows).map { !nullRows.contains($0) }))
    let strings = Column(strings: values.map { $0 % 5 == 0 ? nil : "s\($0 % 11)" })
    // Indices in order, at random, and with -1 (a left join's missing row)
    // in some words and not in others.
    let orderly = (0..<length).map { Int32($0 % sourceRows) }
    let scattered = (0..<length).map { index -> Int32 in
      (index / 64) % 3 == 1 && random.next() % 5 == 0 ? -1 : Int32(random.next() % 300)
    }
    for indices in [orderly, scattered] {
      for column in [plain, withNulls, strings] {
        let gathered = column.gather(indices)
        #expect(gathered.count == length)
        let expected = indices.map { $0 < 0 ? Value.null : column.value(at: Int($0)) }
        let wrong = (0..<length).first { gathered.value(at: $0) != expected[$0] }
        #expect(wrong == nil, "row \(wrong ?? 0) of \(length) should be \(expected[wrong ?? 0])")
        // A result with no null carries no validity bitmap.
        let anyNull = indices.contains { $0 < 0 || column.isNull(Int($0)) }
        #expect((gathered.validity != nil) == anyNull)
      }
    }
  }
}
