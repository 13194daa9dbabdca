import Testing

@testable import DSWCore

/// `window … | filter rn <= k` numbers only the rows that can pass
/// (`WindowTopK`); it must keep the same rows, with the same values, as
/// numbering every row. `rn + 0 <= k` is not read as a ranking filter, so it
/// takes the full path.
@Suite struct WindowTopKTests {
  static let windows = [
    "window by g order -d, v derive rn = row_number(), rs = running_sum(v), r = rank()",
    "window by k order v derive rn = rank(), l = lag(d), c = running_count()",
    "window order d derive rn = row_number()",
    "window by g, k order -v derive rn = row_number(), dr = dense_rank(), m = running_mean(d)",
  ]
  static let filters = ["rn <= 2", "rn < 3 and d > 0", "1 >= rn", "rn == 1", "rn <= 0"]

  @Test(arguments: PropertyTests.seeds)
  func aRankingFilterKeepsTheSameRowsAsNumberingEveryRow(seed: UInt64) throws {
    var table = RandomTable.make(seed: seed)
    for _ in 0..<2 { table = try TableAppend.append(table, table) }
    for window in Self.windows {
      for filter in Self.filters {
        let fast = try RandomTable.run("from t | \(window) | filter \(filter)", on: table)
        let full = try RandomTable.run(
          "from t | \(window) | filter \(filter.replacingOccurrences(of: "rn", with: "(rn + 0)"))",
          on: table)
        #expect(fast.names == full.names)
        #expect(fast.rowCount == full.rowCount, "\(window) | filter \(filter)")
        for (mine, theirs) in zip(fast.columns, full.columns) {
          let same = (0..<min(fast.rowCount, full.rowCount)).allSatisfy {
            mine.value(at: $0) == theirs.value(at: $0)
          }
          #expect(same, "\(window) | filter \(filter)")
        }
      }
    }
  }

  /// The shape of db-benchmark's q8: the two largest values per group (each
  /// value is there 8 times; ties keep row order).
  @Test func theTwoLargestPerGroup() throws {
    let table = Table([
      ("g", Column(strings: ["a", "b", "a", "a", "b", "c", "a", "b", "b", "c"])),
      ("v", Column(ints: [5, 1, 9, 7, 3, 4, 9, 8, 2, 6])),
    ])
    var repeated = table
    for _ in 0..<3 { repeated = try TableAppend.append(repeated, repeated) }
    let result = try RandomTable.run(
      "from t | window by g order -v derive rank = row_number() | filter rank <= 2 "
        + "| select g, v", on: repeated)
    #expect(PropertyTests.strings(result, "g") == ["a", "a", "b", "c", "b", "c"])
    #expect(PropertyTests.ints(result, "v") == [9, 9, 8, 6, 8, 6])
  }
}
