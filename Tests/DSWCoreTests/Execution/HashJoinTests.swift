import Testing

@testable import DSWCore

/// The row pairs of the hash join's kernel, against pairs found one row at a time.
@Suite struct HashJoinTests {
  /// Left keys cycling over 0..<130,000 (the keys past 99,999 match nothing)
  /// against 100,000 unique right keys in a shuffled order, or each twice.
  static func sides(repeatRight: Bool) -> (left: [Int64], right: [Int64]) {
    let left = (0..<300_000).map { Int64(($0 * 7_919) % 130_000) }
    var random = SeededRandom(seed: 3)
    var right = (0..<Int64(100_000)).map { $0 }
    for index in stride(from: right.count - 1, to: 0, by: -1) {
      right.swapAt(index, Int(random.next() % UInt64(index + 1)))
    }
    return (left, repeatRight ? right + right : right)
  }

  /// The pairs in left row order, each left row's matches in right row order.
  static func expected(_ left: [Int64], _ right: [Int64], keepUnmatched: Bool) -> [(Int32, Int32)] {
    var rows: [Int64: [Int32]] = [:]
    for (row, key) in right.enumerated() { rows[key, default: []].append(Int32(row)) }
    var pairs: [(Int32, Int32)] = []
    for (row, key) in left.enumerated() {
      let matches = rows[key] ?? []
      if matches.isEmpty, keepUnmatched { pairs.append((Int32(row), -1)) }
      for match in matches { pairs.append((Int32(row), match)) }
    }
    return pairs
  }

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func pairsMatchARowByRowJoin(repeatRight: Bool, keepUnmatched: Bool) throws {
    let (left, right) = Self.sides(repeatRight: repeatRight)
    let matches = try HashJoin.match(
      left: [Column(ints: left)], right: [Column(ints: right)], leftCount: left.count,
      rightCount: right.count, keepUnmatchedLeft: keepUnmatched)
    let expected = Self.expected(left, right, keepUnmatched: keepUnmatched)
    #expect(matches.left.count == expected.count)
    #expect(matches.left == expected.map(\.0))
    #expect(matches.right == expected.map(\.1))
  }

  @Test func anInnerJoinThatMatchesNothingIsEmpty() throws {
    let left = (0..<Int64(200_000)).map { $0 + 1_000_000 }
    let matches = try HashJoin.match(
      left: [Column(ints: left)], right: [Column(ints: [1, 2, 3])], leftCount: left.count,
      rightCount: 3, keepUnmatchedLeft: false)
    #expect(matches.left.isEmpty && matches.right.isEmpty)
  }

  @Test func aJoinTheLimitAllowsIsNotRefusedForItsBound() throws {
    // 400,000 left rows, 1% of them matching: the limit refuses the bound of
    // 400,000 output rows, but not the 4,000 rows the join makes.
    let left = (0..<Int64(400_000)).map { $0 % 100 == 0 ? $0 : -$0 - 1 }
    let right = (0..<Int64(400_000)).filter { $0 % 100 == 0 }
    let limits = ExecutionLimits(memoryLimit: 1_000_000)
    let matches = try HashJoin.match(
      left: [Column(ints: left)], right: [Column(ints: right)], leftCount: left.count,
      rightCount: right.count, keepUnmatchedLeft: false, bytesPerRow: 16, limits: limits)
    #expect(matches.left.count == 4_000)
    #expect(matches.right.first == 0 && matches.right.last == 3_999)
  }
}
