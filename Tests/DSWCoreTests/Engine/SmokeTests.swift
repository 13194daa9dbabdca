import Testing

@testable import DSWCore

@Suite struct SmokeTests {
  @Test func groupbyAggregates() throws {
    let session = Session()
    let run = session.run(
      """
      synth groupby (rows: 1000, k: 10, seed: 1)
      from groupby | aggregate s = sum(v1), n = count(), spread = max(v1) - min(v2) by id1 | sort id1 | take 3
      """)
    if let error = run.error { Issue.record("\(error)") }
    guard case .table(let table)? = run.outputs.last else {
      Issue.record("no table")
      return
    }
    print(table.columns, table.rows)
    #expect(table.columns == ["id1", "s", "n", "spread"])
  }
}
