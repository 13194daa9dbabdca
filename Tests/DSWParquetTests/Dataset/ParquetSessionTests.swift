import DSWCore
import Synchronization
import Testing

@testable import DSWParquet

/// `load` and `export` of Parquet through a session: projection, pruning,
/// partitions, options and their errors, as a user meets them.
@Suite struct ParquetSessionTests {
  static func session(_ files: [String: [UInt8]] = [:]) -> (Session, MemoryFiles) {
    let memory = MemoryFiles(files)
    var context = SessionContext(files: memory, sandbox: PathSandbox(base: "/nb"), maxRows: 100)
    context.formats = [ParquetFormat()]
    return (Session(context: context), memory)
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  /// 10 row groups of 1,000 rows; `k` rises with the row, so each row group
  /// holds a tenth of its range.
  static func sortedTable() -> (Session, MemoryFiles) {
    let (session, files) = session()
    let run = session.run(
      """
      synth groupby (rows: 10000, k: 10, seed: 3, as: "g")
      let t = from g | window order id6, id4, v3 derive k = row_number() | sort k | select k, id1, v1, v3
      export t to "t.parquet" (row_group_rows: 1000, compression: "snappy")
      """)
    #expect(run.error == nil, "\(String(describing: run.error))")
    return (session, files)
  }

  static func rows(_ session: Session, _ source: String) -> [[Value]]? {
    guard case .table(let output)? = session.run(source).outputs.last else { return nil }
    return output.rows
  }

  @Test func aPipelineReadsOnlyItsColumnsAndTheRowGroupsItsFilterCanMatch() throws {
    let (session, _) = Self.sortedTable()
    #expect(session.run(#"load "t.parquet" as p"#).error == nil)
    let external = try #require(session.datasets["p"]?.external)
    #expect(external.bytesRead == 0)
    let pruned = session.run("let few = from p | filter k <= 1000 | select k, v1")
    #expect(pruned.error == nil)
    let narrow = external.bytesRead
    #expect(session.datasets["few"]?.table.rowCount == 1000)
    let all = session.run("let every = from p")
    #expect(all.error == nil)
    let whole = external.bytesRead - narrow
    #expect(narrow > 0)
    // 2 of 4 columns, 1 row group of 10: well under a tenth of a full read.
    #expect(narrow * 10 < whole, "read \(narrow) of \(whole)")
    // The same answers as over the table in memory.
    let fromFile = Self.rows(
      session, "from p | filter k > 9500 | aggregate n = count(), s = sum(v1)")
    let inMemory = Self.rows(
      session, "from t | filter k > 9500 | aggregate n = count(), s = sum(v1)")
    #expect(fromFile != nil)
    #expect(fromFile == inMemory)
  }

  @Test func columnsReadWholeAreKeptForTheNextStatement() throws {
    let (session, _) = Self.sortedTable()
    _ = session.run(#"load "t.parquet" as p"#)
    let external = try #require(session.datasets["p"]?.external)
    _ = session.run("from p | aggregate s = sum(v3)")
    let first = external.bytesRead
    _ = session.run("from p | aggregate s = sum(v3), n = count()")
    #expect(external.bytesRead == first)
    #expect(external.cachedBytes > 0)
  }

  @Test func loadProjectsColumnsAndDescribesTheFile() {
    let (session, _) = Self.sortedTable()
    let run = session.run(#"load "t.parquet" as p (columns: [v1, k])"#)
    guard case .text(let text)? = run.outputs.first else {
      Issue.record("no output")
      return
    }
    #expect(
      text == """
        p: 10,000 rows × 2 columns (v1 int, k int)
        t.parquet: 10 row groups, 132 KB of column data; columns are read when a statement uses them
        """)
  }

  @Test func exportWritesWhatLoadReadsBack() throws {
    let (session, _) = Self.session()
    let run = session.run(
      """
      synth cmle (users: 300, seed: 9)
      export events to "out/events.parquet"
      load "out/events.parquet" as back
      """)
    #expect(run.error == nil, "\(String(describing: run.error))")
    let original = try #require(session.datasets["events"]?.table)
    _ = session.run("let copy = from back")
    let back = try #require(session.datasets["copy"]?.table)
    #expect(back.names == original.names)
    #expect(back.rowCount == original.rowCount)
    for (index, column) in original.columns.enumerated() {
      for row in 0..<original.rowCount
      where column.value(at: row) != back.columns[index].value(at: row) {
        Issue.record("`\(original.names[index])` row \(row): \(back.columns[index].value(at: row))")
        return
      }
    }
  }

  @Test func hivePartitionsBecomeColumnsAndPruneFolders() throws {
    let (session, files) = Self.session()
    _ = session.run(
      """
      synth groupby (rows: 300, k: 3, seed: 1, as: "g")
      let a = from g | filter id4 == 1 | select id1, v1
      let b = from g | filter id4 == 2 | select id1, v1
      export a to "lake/day=2024-01-01/part-0.parquet"
      export b to "lake/day=2024-01-02/part-0.parquet"
      """)
    #expect(files.files.keys.contains("/nb/lake/day=2024-01-02/part-0.parquet"))
    let load = session.run(#"load "lake/" as lake"#)
    #expect(load.error == nil, "\(String(describing: load.error))")
    let external = try #require(session.datasets["lake"]?.external)
    #expect(external.schema.fields.map(\.name) == ["id1", "v1", "day"])
    #expect(external.schema.fields.last?.type == .date)
    let counts = Self.rows(
      session, "from lake | filter day == date(\"2024-01-02\") | aggregate n = count()")
    #expect(counts != nil)
    #expect(counts == Self.rows(session, "from b | aggregate n = count()"))
  }

  @Test func aBadCompressionIsAnErrorWithTheChoices() {
    let (session, _) = Self.sortedTable()
    #expect(
      Self.rendered(session, #"export t to "x.parquet" (compression: "lzma")"#) == """
        error[E232]: `compression` must be one of "gzip", "none", "snappy", "zstd"
         --> cell 1 (test0001), line 1, column 39
          |
        1 | export t to "x.parquet" (compression: "lzma")
          |                                       ^^^^^^
        """)
  }

  @Test func csvOptionsOnAParquetLoadAreAnError() {
    let (session, _) = Self.sortedTable()
    #expect(
      Self.rendered(session, #"load "t.parquet" as p (delimiter: ";")"#) == """
        error[E232]: `delimiter` is for CSV, TSV and JSON files, not parquet
         --> cell 1 (test0001), line 1, column 35
          |
        1 | load "t.parquet" as p (delimiter: ";")
          |                                   ^^^
          = help: parquet files carry their own types and nulls; parquet loads take `columns` and `format`
        """)
  }

  @Test func anUnknownProjectedColumnIsAnError() {
    let (session, _) = Self.sortedTable()
    #expect(
      Self.rendered(session, #"load "t.parquet" as p (columns: [k, v9])"#) == """
        error[L009]: `columns` names the column `v9`, which the file does not have
         --> cell 1 (test0001), line 1, column 6
          |
        1 | load "t.parquet" as p (columns: [k, v9])
          |      ^^^^^^^^^^^
          = note: the columns are `k`, `id1`, `v1`, `v3`
          = help: did you mean `v1`?
        """)
  }

  @Test func aGlobThatMatchesNothingIsAnError() {
    let (session, _) = Self.sortedTable()
    #expect(
      Self.rendered(session, #"load "lake/*.parquet" as p"#) == """
        error[F105]: no .parquet files match "lake/*.parquet"
         --> cell 1 (test0001), line 1, column 6
          |
        1 | load "lake/*.parquet" as p
          |      ^^^^^^^^^^^^^^^^
          = help: check the pattern; `*` matches within one folder
        """)
  }

  @Test func filesWhoseColumnsDisagreeAreAnError() {
    let (session, _) = Self.session()
    _ = session.run(
      """
      synth groupby (rows: 10, k: 3, seed: 1, as: "g")
      let a = from g | select x = v1
      let b = from g | select x = id1
      export a to "parts/a.parquet"
      export b to "parts/b.parquet"
      """)
    #expect(
      Self.rendered(session, #"load "parts/*.parquet" as p"#) == """
        error[L021]: the column `x` is int in parts/a.parquet but string in parts/b.parquet
         --> cell 1 (test0001), line 1, column 6
          |
        1 | load "parts/*.parquet" as p
          |      ^^^^^^^^^^^^^^^^^
          = help: load the files separately and convert one with `derive`
        """)
  }

  @Test func aCorruptFileNamesItselfAndTheColumn() throws {
    let (session, files) = Self.sortedTable()
    var bytes = try #require(files.files["/nb/t.parquet"])
    // Break the first data page of the first column: its Snappy stream.
    for index in 40..<60 { bytes[index] ^= 0xA5 }
    files.files["/nb/broken.parquet"] = bytes
    _ = session.run(#"load "broken.parquet" as b"#)
    let error = session.run("from b | aggregate s = sum(k)").error
    #expect(error?.code == "L020")
    #expect(
      error?.message.hasPrefix("cannot read broken.parquet, column `k`: ") == true,
      "\(String(describing: error?.message))")
  }
}

/// Ctrl-C stops a read between row groups.
@Suite struct ParquetInterruptTests {
  @Test func ctrlCStopsAReadBetweenRowGroups() throws {
    let (session, _) = ParquetSessionTests.sortedTable()
    _ = session.run(#"load "t.parquet" as p"#)
    let external = try #require(session.datasets["p"]?.external)
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 3 })
    #expect(throws: Diagnostic.interrupted) {
      try external.read(columns: ["k"], where: [], limits: limits)
    }
    // The admission, the file, then a row group or two: never all ten.
    #expect(polls.load(ordering: .relaxed) <= 5)
    #expect(external.bytesRead == 0)
  }
}

/// `dsw check` knows a Parquet dataset's columns from the footer, without reading data.
@Suite struct ParquetCheckingTests {
  @Test func checkingTypesAPipelineOverAParquetFile() throws {
    let (session, files) = ParquetSessionTests.sortedTable()
    _ = session
    var checker = NotebookChecker(
      files: files, sandbox: PathSandbox(base: "/nb"), formats: [ParquetFormat()])
    let load = #"load "t.parquet" as p"#
    #expect(checker.check(try Parser.parseProgram(load), source: load).diagnostics.isEmpty)
    let good = "from p | filter k > 5 | aggregate s = sum(v3) by id1"
    #expect(checker.check(try Parser.parseProgram(good), source: good).diagnostics.isEmpty)
    let bad = "from p | aggregate s = sum(id1)"
    let found = checker.check(try Parser.parseProgram(bad), source: bad).diagnostics
    #expect(found.first?.severity == .error, "\(found)")
  }
}
