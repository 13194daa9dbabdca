import Foundation
import Synchronization
import Testing

@testable import DSWCore

/// The memory limit and Ctrl-C, as kernels keep them.
@Suite struct ExecutionLimitsTests {
  /// A session over `k.csv`: `rows` rows whose key is always 1, so a self-join
  /// makes rows² rows.
  static func session(
    rows: Int, limit: Int?,
    isCancelled: @escaping @Sendable () -> Bool = {
      false
    }
  ) -> Session {
    var text = "k,v\n"
    for row in 0..<rows { text += "1,\(row)\n" }
    let files = MemoryFiles(["/k.csv": Array(text.utf8)])
    let session = Session(
      context: SessionContext(
        files: files, isCancelled: isCancelled, memoryLimit: limit,
        memoryInUse: { 1_500_000 }))
    _ = session.run("load \"k.csv\" as k")
    return session
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 2")
  }

  @Test func anExplodingJoinIsRefusedWithItsEstimate() {
    let session = Self.session(rows: 3_000, limit: 100_000_000)
    #expect(
      Self.rendered(session, "from k | join k on k | aggregate n = count()") == """
        error[E501]: this join would produce 9,000,000 rows, about 288 MB; the memory limit is 100 MB and 1.5 MB is in use
         --> cell 2, line 1, column 10
          |
        1 | from k | join k on k | aggregate n = count()
          |          ^^^^^^^^^^^
          = help: check the join keys: a key value that repeats on both sides multiplies its rows
        """)
  }

  /// Rows are numbered with 32 bits: a join past that is refused whatever
  /// the memory limit, before anything is built.
  @Test func aJoinPastTheMostRowsATableHoldsIsRefused() {
    let session = Self.session(rows: 50_000, limit: nil)
    #expect(
      Self.rendered(session, "from k | join k on k | aggregate n = count()") == """
        error[E502]: this join would produce 2,500,000,000 rows; a table holds at most 2,147,483,647 rows
         --> cell 2, line 1, column 10
          |
        1 | from k | join k on k | aggregate n = count()
          |          ^^^^^^^^^^^
          = help: check the join keys: a key value that repeats on both sides multiplies its rows
        """)
  }

  /// An append past the most rows a table holds is refused before it
  /// concatenates anything. Tables without columns hold the rows here, so
  /// the test needs no memory.
  @Test func anAppendPastTheMostRowsATableHoldsIsRefused() {
    let session = Self.session(rows: 1, limit: nil)
    session.store(
      "wide",
      Dataset(name: "wide", table: Table(names: [], columns: [], rowCount: 1_500_000_000)))
    #expect(
      Self.rendered(session, "from wide | append wide") == """
        error[E502]: this append would produce 3,000,000,000 rows; a table holds at most 2,147,483,647 rows
         --> cell 2, line 1, column 13
          |
        1 | from wide | append wide
          |             ^^^^^^^^^^^
          = help: filter or aggregate one side first
        """)
  }

  @Test func anAppendPastTheMemoryLimitIsRefusedWithItsEstimate() {
    let session = Self.session(rows: 100, limit: 100_000_000)
    session.store(
      "many",
      Dataset(name: "many", table: Table(names: [], columns: [], rowCount: 1_000_000_000)))
    #expect(
      Self.rendered(session, "from many | append k") == """
        error[E501]: this append would produce 1,000,000,100 rows, about 18 GB; the memory limit is 100 MB and 1.5 MB is in use
         --> cell 2, line 1, column 13
          |
        1 | from many | append k
          |             ^^^^^^^^
          = help: filter or aggregate one side first
        """)
  }

  @Test func aJoinWithinTheLimitRuns() {
    let session = Self.session(rows: 300, limit: 100_000_000)
    let run = session.run("from k | join k on k | aggregate n = count()")
    #expect(run.error == nil)
    guard case .table(let table) = run.outputs.last else {
      Issue.record("no table")
      return
    }
    #expect(table.rows == [[.int(90_000)]])
  }

  @Test func aPivotIsRefusedBeforeItBuildsItsCells() {
    let session = Self.session(rows: 3_000, limit: 10_000_000)
    #expect(
      Self.rendered(session, "from k | pivot v (n = count()) by v") == """
        error[E501]: this pivot would produce 3,000 rows of 3,000 columns, about 108 MB; the memory limit is 10 MB and 1.5 MB is in use
         --> cell 2, line 1, column 10
          |
        1 | from k | pivot v (n = count()) by v
          |          ^^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: pivot a column with fewer distinct values, or filter it first
        """)
  }

  @Test func synthIsRefusedBeforeItGenerates() {
    let session = Session(context: SessionContext(memoryLimit: 50_000_000))
    let source = "synth cmle (users: 100000, seed: 1)"
    let run = session.run(source)
    #expect(
      run.error.map { DiagnosticRenderer.render($0, source: source, location: "cell 1") } == """
        error[E501]: this synth would produce 1,080,000 events, about 162 MB; the memory limit is 50 MB
         --> cell 1, line 1, column 1
          |
        1 | synth cmle (users: 100000, seed: 1)
          | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          = help: generate fewer `users` or `weeks`, or raise the memory limit (`:set memory_limit`, `--memory-limit`)
        """)
  }

  /// A join that would build 64 million rows stops at the first poll after
  /// Ctrl-C, keeps the session, and the next statement runs.
  @Test func ctrlCStopsAJoinWhileItBuildsItsRows() {
    let polls = Atomic<Int>(0)
    let armed = Atomic<Bool>(false)
    let session = Self.session(rows: 8_000, limit: nil) {
      guard armed.load(ordering: .relaxed) else { return false }
      // Interrupt a few polls into the join's probe.
      return polls.add(1, ordering: .relaxed).newValue > 3
    }
    armed.store(true, ordering: .relaxed)
    let run = session.run("from k | join k on k | aggregate n = count()")
    #expect(run.error?.code == "X001")
    #expect(polls.load(ordering: .relaxed) < 100)
    armed.store(false, ordering: .relaxed)
    #expect(session.run("from k | aggregate n = count()").error == nil)
  }

  @Test(arguments: [
    ("4GB", 4_000_000_000), ("4 GB", 4_000_000_000), ("512MiB", 536_870_912),
    ("2gib", 2_147_483_648), ("1000", 1000), ("1.5GB", 1_500_000_000), ("50%", 500),
  ])
  func sizesParse(_ text: String, _ bytes: Int) {
    #expect(ByteCount.parse(text, total: 1000) == bytes)
  }

  @Test(arguments: ["", "GB", "-1GB", "4XB", "0", "120%", "1e30"])
  func nonSizesAreRefused(_ text: String) {
    #expect(ByteCount.parse(text, total: 1000) == nil)
  }

  @Test func sizesPrintWithTwoOrThreeDigits() {
    #expect(ByteCount.text(640_000_000_000) == "640 GB")
    #expect(ByteCount.text(6_420_000_000) == "6.4 GB")
    #expect(ByteCount.text(18_000_000_000) == "18 GB")
    #expect(ByteCount.text(999) == "999 bytes")
  }
}

/// Grouping polls Ctrl-C between blocks of rows, so a large aggregate stops
/// within a block's time rather than after its whole pass.
@Suite struct GroupingInterruptTests {
  @Test(arguments: [false, true])
  func groupingStopsAtAPollAfterCtrlC(_ wideKeys: Bool) {
    let rows = 3 * Grouping.pollBlock
    // Wide keys take the hashed path; narrow ones the direct map.
    let keys = Column(
      ints: (0..<rows).map {
        wideKeys ? Int64($0) &* 1_000_003 % 50_000_000_000 : Int64($0 % 5_000)
      })
    let polls = Atomic<Int>(0)
    // Both kinds first find the keys' range on both cores, two blocks each
    // and a poll at the end: five polls. Wide keys are let through them to
    // the hash table, which polls between blocks on one core and stops at
    // its second poll. Narrow keys are stopped in the range pass: each core
    // at its next block, then the pass's end polls once more.
    let stopAfter = wideKeys ? 6 : 2
    let limits = ExecutionLimits(isCancelled: {
      polls.add(1, ordering: .relaxed).newValue > stopAfter
    })
    #expect(throws: Diagnostic.interrupted) {
      try Grouping.group([keys], rowCount: rows, limits: limits)
    }
    #expect(wideKeys ? polls.load(ordering: .relaxed) == 7 : polls.load(ordering: .relaxed) <= 6)
  }
}
