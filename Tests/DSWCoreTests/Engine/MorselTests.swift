import Testing

@testable import DSWCore

/// Runs of row-by-row steps over large relations work on morsels on both
/// cores (`PipelineExecutor.runInMorsels`). Each pipeline here runs over a
/// table long enough for morsels, and over pieces of it too short for them;
/// the pieces' results, one after another, must be the whole table's.
@Suite struct MorselTests {
  /// Three pieces of 90,000 rows: each under four morsels, so each runs whole.
  static let pieceRows = 90_000
  static let table = makeTable(rows: 3 * pieceRows, seed: 11)

  static let pipelines = [
    "from t | filter v > 3",
    "from t | derive w = v * 2 + g, x = d / 2 | filter w > 0 and x < 0.5 | select id, w, x, k",
    "from t | filter k == \"a\" or d is null | derive z = coalesce(v, g) | filter z % 2 == 0",
    "from t | derive c = case when v > 5 then d when g == 1 then -d end | filter c is not null",
    "from t | select id, v, e = v - g | filter e > 0 | derive f = e * 1.5",
    "from t | derive s = upper(k) | filter s != \"B\"",
    "from t | filter v > 100",
    // Strings picked from literals and columns are computed in morsels too.
    "from t | derive b = if(v > 5, \"hi\", \"lo\"), c = case when g == 1 then k when d > 0.5 "
      + "then \"big\" end | filter b == \"hi\" or c is null",
    "from t | derive m = coalesce(k, \"none\") | filter m != \"a\" | derive n = if(d > 0.2, m, k)",
  ]

  @Test(arguments: pipelines)
  func morselsGiveTheWholeTablesRows(pipeline: String) throws {
    let whole = try RandomTable.run(pipeline, on: Self.table)
    var pieces: [Table] = []
    for start in stride(from: 0, to: Self.table.rowCount, by: Self.pieceRows) {
      let piece = Self.table.gather((start..<start + Self.pieceRows).map { Int32($0) })
      pieces.append(try RandomTable.run(pipeline, on: piece))
    }
    var expected = pieces[0]
    for piece in pieces.dropFirst() { expected = try TableAppend.append(expected, piece) }
    #expect(whole.names == expected.names)
    #expect(whole.rowCount == expected.rowCount)
    for (name, (mine, theirs)) in zip(whole.names, zip(whole.columns, expected.columns)) {
      let differing = (0..<whole.rowCount).first { mine.value(at: $0) != theirs.value(at: $0) }
      #expect(differing == nil, "\(pipeline): column \(name) differs at row \(differing ?? -1)")
    }
  }

  /// `sort … | take N` after a run of row-by-row steps keeps each morsel's
  /// top N rows; the answer is the sort of the whole run's rows, ties (many
  /// here) in row order, nulls where a sort puts them.
  @Test(arguments: [
    "sort -w, k | take 40", "sort w | take 1", "sort k, -d | take 100", "sort d, id | take 4000",
  ])
  func eachMorselsTopRowsGiveTheWholesTop(sortAndTake: String) throws {
    let rowwise = "from t | derive w = v % 3, x = d * 2 | filter g != 1"
    let mid = try RandomTable.run(rowwise, on: Self.table)
    let expected = try RandomTable.run("from mid | " + sortAndTake, on: ["mid": mid])
    let whole = try RandomTable.run(rowwise + " | " + sortAndTake, on: Self.table)
    #expect(whole.names == expected.names)
    #expect(whole.rowCount == expected.rowCount)
    for (name, (mine, theirs)) in zip(whole.names, zip(whole.columns, expected.columns)) {
      let differing = (0..<whole.rowCount).first { mine.value(at: $0) != theirs.value(at: $0) }
      #expect(differing == nil, "\(sortAndTake): column \(name) differs at row \(differing ?? -1)")
    }
  }

  /// An error is the one the first failing row raises, step by step, as over
  /// the whole column: a later step failing in an earlier morsel does not win.
  @Test func theFirstStepsErrorWinsOverALaterStepsInAnEarlierMorsel() throws {
    var values = [Int64](repeating: 1, count: Self.table.rowCount)
    var others = [Int64](repeating: 1, count: Self.table.rowCount)
    values[250_000] = 1 << 62  // the first step overflows in a late morsel
    others[10] = 1 << 62  // the second step overflows in the first morsel
    let table = Table([("a", Column(ints: values)), ("b", Column(ints: others))])
    let program = "let out = from t | derive x = a * 4 | derive y = b * 4"
    let session = Session()
    session.store("t", Dataset(name: "t", table: table))
    let error = try #require(session.run(program).error)
    #expect(error.code == "E301")
    #expect(error.message == "integer overflow")
    let first = try #require(program.range(of: "a * 4"))
    #expect(
      error.span?.offset == program.utf8.distance(from: program.startIndex, to: first.lowerBound))
  }

  static func makeTable(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    return RandomTable.make(rows: rows, random: &random)
  }
}
