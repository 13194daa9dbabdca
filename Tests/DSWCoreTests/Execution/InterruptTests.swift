import Dispatch
import Foundation
import Synchronization
import Testing

@testable import DSWCore

/// Ctrl-C as the kernels see it: a flag polled between blocks of rows.
///
/// Each family of long work is run twice on the same session: once to count
/// its polls, then again with Ctrl-C "pressed" at half of them. Counting is
/// deterministic where a clock is not: a pass that polls only between its
/// steps makes a handful of polls, one that polls per block of 64K rows makes
/// dozens on a million rows, and it stops at the poll that sees Ctrl-C.
@Suite(.serialized) struct InterruptTests {
  /// Counts polls and answers "interrupted" from poll number `stopAt` on.
  final class Switch: Sendable {
    let polls = Atomic<Int>(0)
    let stopAt = Atomic<Int>(Int.max)

    var check: @Sendable () -> Bool {
      { [self] in polls.add(1, ordering: .relaxed).newValue >= stopAt.load(ordering: .relaxed) }
    }

    func reset(stopAt: Int = .max) {
      polls.store(0, ordering: .relaxed)
      self.stopAt.store(stopAt, ordering: .relaxed)
    }

    var count: Int { polls.load(ordering: .relaxed) }
  }

  static let rows = 500_000

  /// A session over `groupby` (`synth groupby` of half a million rows), `h`
  /// (its 20 values of `id4`: a join with it keeps every row) and datasets
  /// of 50,000 rows to train on.
  static func session(_ interrupt: Switch, then setup: [String] = []) -> Session {
    let session = Session(
      context: SessionContext(files: MemoryFiles(), isCancelled: interrupt.check))
    for source in [
      "synth groupby (rows: \(rows), k: 20, seed: 1)",
      "let h = from groupby | distinct id4",
      "let labelled = from groupby | derive y = v1 > 2 | select y, v2, v3 | take 50000",
      "let numbers = from groupby | select v1, v2, v3 | take 50000",
      "let mixed = from groupby | select v1, v2, v3, id4 | take 50000",
    ] + setup {
      let run = session.run(source)
      #expect(run.error == nil, "\(source): \(String(describing: run.error))")
    }
    return session
  }

  /// Polls of an uninterrupted run of `source`, and what an interrupted run
  /// at half of them did: its error code and its polls.
  static func interruptMidway(_ session: Session, _ interrupt: Switch, _ source: String)
    -> (polls: Int, code: String?, pollsWhenStopped: Int)
  {
    interrupt.reset()
    let whole = session.run(source)
    #expect(whole.error == nil, "\(source): \(String(describing: whole.error))")
    let polls = interrupt.count
    interrupt.reset(stopAt: polls / 2)
    let stopped = session.run(source)
    let pollsWhenStopped = interrupt.count
    interrupt.reset()
    return (polls, stopped.error?.code, pollsWhenStopped)
  }

  /// The statements of each family: each must poll at least once per
  /// 64K-row block of one pass over the rows.
  static let families: [(String, String)] = [
    ("aggregate sum", "from groupby | aggregate s = sum(v3), n = count() by id4"),
    (
      "aggregate moments",
      "from groupby | aggregate m = mean(v3), sd = stddev(v3), r = corr(v1, v3)"
    ),
    ("aggregate quantile", "from groupby | aggregate q = median(v3), p = quantile(v3, 0.9)"),
    ("aggregate extrema", "from groupby | aggregate lo = min(v3), hi = max(id3), f = last(v2)"),
    (
      "filter and derive",
      "from groupby | derive w = v3 * 2 + v1 | filter w > 50 and v2 < 10 | aggregate s = sum(w)"
    ),
    ("sort", "from groupby | sort id3, -v3 | aggregate n = count()"),
    ("sort and take", "from groupby | sort -v3 | take 3"),
    (
      "window",
      "from groupby | window by id4 order v3 derive r = row_number(), s = running_sum(v1) | aggregate n = count()"
    ),
    ("join", "from groupby | join h on id4 | aggregate n = count()"),
    ("pivot", "from groupby | pivot v1 (s = sum(v3)) by id5"),
    ("distinct", "from groupby | distinct id6 | aggregate n = count()"),
    ("describe", "describe groupby"),
    ("export", "export groupby to \"g.csv\""),
    ("score", "from groupby | score gm | aggregate n = count()"),
  ]

  @Test(arguments: families)
  func longWorkStopsAtThePollAfterCtrlC(_ family: String, _ source: String) {
    let interrupt = Switch()
    let session = Self.session(
      interrupt,
      then: family == "score" ? ["train gm = gbt(mixed, target: v1, trees: 5, leaves: 7)"] : [])
    let outcome = Self.interruptMidway(session, interrupt, source)
    // One pass over half a million rows is 8 blocks of 64K; polling only
    // between steps would make about 5 polls.
    #expect(outcome.polls >= Self.rows / ExecutionLimits.blockRows, "\(family)")
    #expect(outcome.code == "X001", "\(family)")
    // Work stops at the poll that saw Ctrl-C; the session may look once more.
    #expect(outcome.pollsWhenStopped <= outcome.polls / 2 + 2, "\(family)")
    // The session is intact: its datasets answer as before.
    let after = session.run("from groupby | aggregate n = count()")
    #expect(after.error == nil)
    guard case .table(let table) = after.outputs.last else {
      Issue.record("no table after \(family)")
      return
    }
    #expect(table.rows == [[.int(Int64(Self.rows))]])
  }

  /// Loading polls as it parses and as it builds columns.
  @Test func loadingStopsAtThePollAfterCtrlC() {
    let interrupt = Switch()
    let session = Self.session(interrupt)
    #expect(session.run("export groupby to \"g.csv\"").error == nil)
    #expect(session.run("export groupby to \"g.jsonl\"").error == nil)
    for source in ["load \"g.csv\" as g2", "load \"g.jsonl\" as g3"] {
      let outcome = Self.interruptMidway(session, interrupt, source)
      #expect(outcome.polls >= Self.rows / ExecutionLimits.blockRows, "\(source)")
      #expect(outcome.code == "X001", "\(source)")
      #expect(outcome.pollsWhenStopped <= outcome.polls / 2 + 2, "\(source)")
    }
  }

  /// `synth` polls while it draws each column's values.
  @Test func synthStopsAtThePollAfterCtrlC() {
    let interrupt = Switch()
    let session = Session(
      context: SessionContext(files: MemoryFiles(), isCancelled: interrupt.check))
    let outcome = Self.interruptMidway(
      session, interrupt, "synth groupby (rows: \(Self.rows), k: 20, seed: 1)")
    // Nine columns, each drawn in 8 blocks.
    #expect(outcome.polls >= 9 * 8)
    #expect(outcome.code == "X001")
    #expect(outcome.pollsWhenStopped <= outcome.polls / 2 + 2)
  }

  /// A logistic regression and a gbt poll inside an iteration and a tree.
  @Test func trainingStopsInsideAnIterationOrATree() {
    let interrupt = Switch()
    let session = Self.session(interrupt)
    for source in [
      "train lm = logistic(labelled, target: y)",
      "train lr = linear(numbers, target: v1)",
      "train gb = gbt(mixed, target: v1, trees: 2, leaves: 31)",
      "train km = kmeans(numbers, k: 4, seed: 1)",
    ] {
      let outcome = Self.interruptMidway(session, interrupt, source)
      #expect(outcome.code == "X001", "\(source)")
      #expect(outcome.pollsWhenStopped <= outcome.polls / 2 + 2, "\(source)")
    }
    // Tuning runs its folds on two threads, each stopping at its next poll;
    // a search stopped early still fits its best finished trial.
    let tuning = Self.interruptMidway(
      session, interrupt,
      "tune tm = gbt(mixed, target: v1, trees: 3, search: {leaves: [3, 7]}, cv: 2)")
    #expect(tuning.polls >= 20)
    #expect(tuning.pollsWhenStopped <= tuning.polls / 2 + 4)
  }

  /// A self-join that would build 144 million rows, interrupted from another
  /// thread as Ctrl-C is: the statement ends soon after, and the session
  /// answers the next one.
  @Test func ctrlCFromAnotherThreadStopsAJoinQuickly() throws {
    let flag = Atomic<Bool>(false)
    var text = "k,v\n"
    for row in 0..<12_000 { text += "1,\(row)\n" }
    let session = Session(
      context: SessionContext(
        files: MemoryFiles(["/k.csv": Array(text.utf8)]),
        isCancelled: { flag.load(ordering: .relaxed) }))
    #expect(session.run("load \"k.csv\" as k").error == nil)
    let pressed = Mutex<UInt64>(0)
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) {
      pressed.withLock { $0 = DispatchTime.now().uptimeNanoseconds }
      flag.store(true, ordering: .relaxed)
    }
    let run = session.run("from k | join k on k | aggregate n = count(), s = sum(v)")
    let returned = DispatchTime.now().uptimeNanoseconds
    let pressedAt = pressed.withLock { $0 }
    #expect(run.error?.code == "X001")
    #expect(pressedAt > 0)
    // The bound is generous for a debug build on a shared machine; the
    // release binary returns within a few milliseconds.
    #expect(returned &- pressedAt < 1_000_000_000)
    flag.store(false, ordering: .relaxed)
    let after = session.run("from k | aggregate n = count()")
    guard case .table(let table) = after.outputs.last else {
      Issue.record("no table after the interrupted join")
      return
    }
    #expect(table.rows == [[.int(12_000)]])
  }
}

/// The block loop behind every poll inside a pass.
@Suite struct BlocksTests {
  @Test func blocksCoverEveryRowOnceInOrder() throws {
    var seen: [Range<Int>] = []
    try ExecutionLimits.none.blocks(2 * ExecutionLimits.blockRows + 5) { seen.append($0) }
    #expect(
      seen == [
        0..<ExecutionLimits.blockRows, ExecutionLimits.blockRows..<2 * ExecutionLimits.blockRows,
        2 * ExecutionLimits.blockRows..<2 * ExecutionLimits.blockRows + 5,
      ])
    var none = 0
    try ExecutionLimits.none.blocks(0) { _ in none += 1 }
    #expect(none == 0)
  }

  @Test func blocksPollBeforeEachBlock() {
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 2 })
    var done = 0
    #expect(throws: Diagnostic.interrupted) {
      try limits.blocks(10 * ExecutionLimits.blockRows) { _ in done += 1 }
    }
    #expect(done == 2)
    #expect(polls.load(ordering: .relaxed) == 3)
  }

  /// A gather interrupted between blocks throws instead of returning a
  /// partial column.
  @Test func gatherStopsBetweenBlocks() {
    let column = Column(ints: (0..<Int64(4 * ExecutionLimits.blockRows)).map { $0 })
    let indices = (0..<Int32(4 * ExecutionLimits.blockRows)).reversed().map { $0 }
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 2 })
    #expect(throws: Diagnostic.interrupted) { try column.gather(indices, limits: limits) }
    let whole = column.gather(indices)
    #expect(whole.int64Values.first == Int64(4 * ExecutionLimits.blockRows - 1))
    #expect(whole.count == 4 * ExecutionLimits.blockRows)
  }
}

/// Phases of kernels that once ran whole passes without polling, found by
/// timing Ctrl-C in the REPL on 40M rows: each now polls once per block.
@Suite struct KernelPhasePollTests {
  static let rows = 8 * ExecutionLimits.blockRows

  /// Building a join's index codes both sides and buckets the right rows,
  /// three passes over the right side and one over the left.
  @Test func buildingAJoinIndexPolls() throws {
    let keys = Column(ints: (0..<Int64(Self.rows)).map { $0 * 1_000_003 })
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: {
      polls.add(1, ordering: .relaxed)
      return false
    })
    _ = try JoinIndex(
      left: [keys], right: [keys], leftCount: Self.rows, rightCount: Self.rows, limits: limits)
    // Wide keys are hashed: one pass for the right codes, two halves of the
    // left lookups, the nulls, then two bucketing passes over the right.
    #expect(polls.load(ordering: .relaxed) >= 4 * Self.rows / ExecutionLimits.blockRows)
  }

  @Test func aJoinIndexStopsAtThePollAfterCtrlC() {
    let keys = Column(strings: (0..<Self.rows).map { "k\($0 % 5_000)" })
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 3 })
    #expect(throws: Diagnostic.interrupted) {
      _ = try JoinIndex(
        left: [keys], right: [keys], leftCount: Self.rows, rightCount: Self.rows, limits: limits)
    }
  }

  /// Ranking a large string dictionary (a sort key's first step) stops soon
  /// after Ctrl-C instead of sorting every string.
  @Test func rankingStringsStopsAfterCtrlC() {
    let strings = (0..<200_000).map { "id\(($0 &* 7_919) % 200_000)" }
    let dictionary = StringDictionary(uniqueStrings: Array(Set(strings)))
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 2 })
    #expect(throws: Diagnostic.interrupted) {
      _ = try StringOrder.ranks(dictionary, limits: limits)
    }
    #expect(StringOrder.ranks(dictionary).count == dictionary.count)
  }

  /// Sorting by a key with nulls polls while it sets the null rows aside
  /// and gathers the keys, not only in its radix passes.
  @Test func sortingPollsBeforeItsRadixPasses() throws {
    var validity = Bitmap(count: Self.rows, value: true)
    for row in stride(from: 0, to: Self.rows, by: 3) { validity.clear(row) }
    let column = Column(ints: (0..<Int64(Self.rows)).map { $0 % 7 }, validity: validity)
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: {
      polls.add(1, ordering: .relaxed)
      return false
    })
    let keys = try Sorting.normalized(column, descending: false, limits: limits)
    let before = polls.load(ordering: .relaxed)
    let order = try Sorting.stableSort(
      (0..<Int32(Self.rows)).map { $0 }, by: keys, nulls: validity, limits: limits)
    #expect(order.count == Self.rows)
    // Keys 0...6 differ in one byte: one radix pass (two polling loops);
    // setting nulls aside, gathering keys and finding varying bytes poll too.
    let blocks = Self.rows / ExecutionLimits.blockRows
    #expect(polls.load(ordering: .relaxed) - before >= blocks + 3 * (2 * blocks / 3))
  }
}
