import Testing

@testable import DSWCore

/// The db-benchmark table through a grouped aggregate with an expression
/// over aggregates: the shape every benchmark question takes.
@Suite struct SmokeTests {
  @Test func groupbyAggregates() throws {
    let session = Session()
    let run = session.run(
      """
      synth groupby (rows: 1000, k: 10, seed: 1)
      from groupby | aggregate s = sum(v1), n = count(), spread = max(v1) - min(v2) by id1 | sort id1 | take 3
      """)
    #expect(run.error == nil)
    let output = try #require(run.outputs.last)
    guard case .table(let table) = output else {
      Issue.record("expected a table, got \(output)")
      return
    }
    #expect(table.columns == ["id1", "s", "n", "spread"])
    #expect(table.rows.map { $0[0] } == [.string("id001"), .string("id002"), .string("id003")])
    #expect(table.rows.map { $0[3] } == [.int(4), .int(4), .int(4)])
    // Group sizes add up across all groups.
    let total = session.run("from groupby | aggregate n = count() by id1 | aggregate t = sum(n)")
    #expect(
      total.outputs.last
        == .table(TableOutput(columns: ["t"], types: [.int], rows: [[.int(1000)]], totalRows: 1)))
  }
}
