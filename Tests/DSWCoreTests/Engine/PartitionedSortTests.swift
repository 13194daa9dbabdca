import Testing

@testable import DSWCore

/// A window's rows are grouped by partition and sorted within each by its
/// order keys (`Sorting.partitioned`), the partitions split between the
/// cores. The order must be a reference sort's: partition, then each key
/// with nulls last, then the row.
@Suite struct PartitionedSortTests {
  @Test(arguments: [
    (keys: 1, nulls: false), (keys: 1, nulls: true), (keys: 3, nulls: false),
    (keys: 3, nulls: true),
  ])
  func rowsFollowEachPartitionsKeysThenTheirRow(keys keyCount: Int, nulls withNulls: Bool) throws {
    var random = SeededRandom(seed: UInt64(keyCount * 2 + (withNulls ? 1 : 0)))
    let rows = 150_000
    let groups = 40
    let partitions = (0..<rows).map { _ in Int32(random.nextInt(below: groups)) }
    // Few values per key, so ties fall through to the next key and to the row.
    let keys = (0..<keyCount).map { _ in (0..<rows).map { _ in UInt64(random.nextInt(below: 30)) } }
    let nulls: [Bitmap?] = (0..<keyCount).map { _ in
      withNulls ? Bitmap((0..<rows).map { _ in random.nextInt(below: 6) != 0 }) : nil
    }
    let order = try Sorting.partitioned(partitions, groupCount: groups, keys: keys, nulls: nulls)
    func less(_ a: Int, _ b: Int) -> Bool {
      if partitions[a] != partitions[b] { return partitions[a] < partitions[b] }
      for (key, validity) in zip(keys, nulls) {
        let aNull = validity.map { !$0[a] } ?? false
        let bNull = validity.map { !$0[b] } ?? false
        if aNull != bNull { return bNull }
        if !aNull, key[a] != key[b] { return key[a] < key[b] }
      }
      return a < b
    }
    let expected = (0..<rows).sorted(by: less).map { Int32($0) }
    #expect(order == expected)
  }
}
