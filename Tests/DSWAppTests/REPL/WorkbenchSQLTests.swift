import Testing

@testable import DSWApp

/// `:sql` and `:plan` at the prompt.
@Suite struct WorkbenchSQLTests {
  @Test func sqlAndPlanShowTheLastPipelineOrAGivenOne() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      ":sql",
      "synth groupby (rows: 20, k: 3, seed: 1)",
      "from groupby | filter v1 > 2 | aggregate n = count(), total = sum(v3) by id1 | sort -n | take 2",
      ":sql",
      ":plan",
      ":sql from groupby | derive half = v1 // 2 | sample 5 | take 1",
      ":plan from groupby | derive half = v1 // 2 | sample 5 | take 1",
      ":sql from groupby | filter nothing > 1",
      ":sql datasets",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "sql")
  }
}
