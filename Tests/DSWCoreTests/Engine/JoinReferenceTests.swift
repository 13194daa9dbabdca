import Testing

@testable import DSWCore

/// Joins against a reference: for each left row in order, the right rows
/// with equal, non-null keys, in right row order (a left join keeps an
/// unmatched row once, with nulls). Keys of every kind: strings, small and
/// wide-ranging integers, doubles, and several at once. The long left side
/// is probed on both cores.
@Suite struct JoinReferenceTests {
  static let keys = ["k", "g", "v", "d", "w", "k, g", "g, w, d", "g == v"]

  @Test(arguments: [UInt64(3), 29])
  func joinsMatchTheReference(seed: UInt64) throws {
    var left = Self.widened(RandomTable.make(seed: seed))
    let right = Self.widened(RandomTable.make(seed: seed &+ 1000))
    // Long enough for the probe to split across cores.
    while left.rowCount > 0, left.rowCount < 70_000 { left = try TableAppend.append(left, left) }
    left.set("lid", Column(ints: (0..<left.rowCount).map { Int64($0) }))
    let tables = ["t": left, "u": right.renamed(right.names.map { $0 == "id" ? "rid" : $0 })]
    for key in Self.keys {
      let pairs: [(left: String, right: String)] =
        key.contains("==") ? [("g", "v")] : key.components(separatedBy: ", ").map { ($0, $0) }
      var index: [[Value]: [Int64]] = [:]
      for row in 0..<right.rowCount {
        let values = pairs.map { right.column(named: $0.right)?.value(at: row) ?? .null }
        if values.contains(.null) { continue }
        index[values, default: []].append(Int64(row))
      }
      var expected: [(left: Int64, right: Int64?)] = []
      for row in 0..<left.rowCount {
        let values = pairs.map { left.column(named: $0.left)?.value(at: row) ?? .null }
        let matches = values.contains(.null) ? [] : index[values] ?? []
        expected += matches.map { (Int64(row), $0) }
        if matches.isEmpty { expected.append((Int64(row), nil)) }
      }
      let leftJoin = try RandomTable.run("from t | join left u on \(key)", on: tables)
      #expect(PropertyTests.ints(leftJoin, "lid") == expected.map(\.left), "join left on \(key)")
      #expect(PropertyTests.ints(leftJoin, "rid") == expected.map(\.right), "join left on \(key)")
      let matched = expected.filter { $0.right != nil }
      let inner = try RandomTable.run("from t | join u on \(key)", on: tables)
      #expect(PropertyTests.ints(inner, "lid") == matched.map(\.left), "join on \(key)")
      #expect(PropertyTests.ints(inner, "rid") == matched.map(\.right), "join on \(key)")
      let semi = try RandomTable.run("from t | join semi u on \(key)", on: tables)
      var seen = Set<Int64>()
      let semiRows = matched.map(\.left).filter { seen.insert($0).inserted }
      #expect(PropertyTests.ints(semi, "lid") == semiRows, "join semi on \(key)")
    }
  }

  /// The random table with `w`, an integer key spread too wide for offsets.
  static func widened(_ table: Table) -> Table {
    let values = PropertyTests.ints(table, "v").map { $0.map { $0 * 1_000_000_007_000 } }
    var result = table
    result.set(
      "w",
      Column(
        ints: values.map { $0 ?? 0 },
        validity: Bitmap(values.map { $0 != nil })))
    return result
  }
}
