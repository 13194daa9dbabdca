import Testing

@testable import DSWCore

/// Few distinct keys over many rows are numbered on both cores
/// (`Grouping.densifyOnBothCores`); the groups must still be numbered in
/// order of first appearance, as a one-pass reference numbers them.
@Suite struct ParallelGroupingTests {
  @Test(arguments: [UInt64(1), 2, 3])
  func groupsAreNumberedInOrderOfFirstAppearance(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let rows = 300_000
    // Some keys appear only in the second half, some only once.
    let keys: [Int64?] = (0..<rows).map { row in
      if random.nextInt(below: 50) == 0 { return nil }
      let range = row < rows / 2 ? 1_000 : 1_500
      return Int64(random.nextInt(below: range)) * 7 - 300
    }
    let column = Column(ints: keys.map { $0 ?? 0 }, validity: Bitmap(keys.map { $0 != nil }))
    let grouping = try Grouping.group([column], rowCount: rows, limits: .none)
    var ids: [Int64?: Int32] = [:]
    var expectedIDs: [Int32] = []
    var expectedFirsts: [Int32] = []
    for (row, key) in keys.enumerated() {
      if ids[key] == nil {
        ids[key] = Int32(ids.count)
        expectedFirsts.append(Int32(row))
      }
      expectedIDs.append(ids[key] ?? -1)
    }
    #expect(grouping.groupCount == ids.count)
    #expect(grouping.firstRows == expectedFirsts)
    #expect(grouping.groupIDs == expectedIDs)
  }
}
