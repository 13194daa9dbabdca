import Testing

@testable import DSWCore

/// The run history: what `train` and `tune` record, how the notebook keeps
/// it, and what a replay says changed.
@Suite struct RunHistoryTests {
  static let first = RunRecord(
    model: "conv", version: 1, kind: .train, algorithm: "gbt", dataset: "features",
    data: "sha256:0011223344556677", rows: 16_000, validation: "5-fold cv",
    parameters: [
      ModelParameter(name: "trees", value: .int(100)),
      ModelParameter(name: "leaves", value: .int(31)),
      ModelParameter(name: "learning_rate", value: .double(0.1)),
      ModelParameter(name: "cv", value: .int(5)), ModelParameter(name: "seed", value: .int(42)),
    ],
    metrics: [
      .init(name: "AUC", value: 0.812_345_678_912, sd: 0.004_1),
      .init(name: "log loss", value: 0.41, sd: 0.01),
    ], durationMs: 2_345)

  static var second: RunRecord {
    var run = first
    run.version = 2
    run.kind = .tune
    run.validation = "3-fold cv, 4 trials"
    run.parameters[1].value = .int(15)
    run.parameters[2].value = .double(0.05)
    run.parameters[3].value = .int(3)
    run.metrics = [
      .init(name: "AUC", value: 0.83, sd: 0.002), .init(name: "log loss", value: 0.4, sd: 0.01),
    ]
    run.durationMs = 61_000
    return run
  }

  @Test func sessionRecordsEveryTrainAndTune() throws {
    let session = Session()
    session.store("t", Dataset(name: "t", table: LearnTestData.xor(rows: 300, seed: 4)))
    let train = session.run("train m = gbt(t, target: label, trees: 5)")
    #expect(train.error == nil)
    let tune = session.run(
      "tune m = gbt(t, target: label, trees: 5, search: {leaves: [3, 7]}, cv: 2)")
    #expect(tune.error == nil)
    #expect(train.runs.map(\.reference) == ["m@1"])
    #expect(tune.runs.map(\.reference) == ["m@2"])
    #expect(session.runs.map(\.kind) == [.train, .tune])
    let run = try #require(session.runs.last)
    #expect(run.validation == "2-fold cv, 2 trials")
    #expect(run.dataset == "t")
    #expect(run.data == TableFingerprint.of(LearnTestData.xor(rows: 300, seed: 4)))
    #expect(run.data.hasPrefix("sha256:") && run.data.count == 23)
    #expect(run.metrics.first?.name == "AUC" && run.metrics.first?.sd != nil)
    #expect(session.runs[0].validation == "holdout")
    #expect(session.runs[0].metrics.first?.sd == nil)

    let listed = session.run("runs")
    guard case .table(let table) = listed.outputs.first else {
      Issue.record("runs shows no table")
      return
    }
    #expect(table.rows.count == 2)
    #expect(table.volatile == ["time"])
    let compared = session.run("compare m@1 m@2")
    #expect(compared.error == nil)
    let all = session.run("compare m")
    guard case .table(let both) = all.outputs.first else {
      Issue.record("compare shows no table")
      return
    }
    #expect(both.columns == ["≠", "", "name", "m@1", "m@2"])
  }

  @Test func dataFingerprintFollowsTheValues() {
    let table = LearnTestData.xor(rows: 50, seed: 1)
    var changed = table
    changed.set("noise", Column(doubles: [Double](repeating: 0, count: 50)))
    #expect(TableFingerprint.of(table) == TableFingerprint.of(LearnTestData.xor(rows: 50, seed: 1)))
    #expect(TableFingerprint.of(table) != TableFingerprint.of(changed))
  }

  @Test func changedParametersAreThoseAwayFromTheDefaults() {
    #expect(RunHistory.changedParameters(Self.first) == "defaults")
    #expect(RunHistory.changedParameters(Self.second) == "leaves 15, learning_rate 0.05")
  }

  @Test func comparisonMarksTheDifferences() {
    let table = RunHistory.comparison([Self.first, Self.second])
    let marked = table.rows.filter { $0[0] == .string("≠") }.map { $0[2] }
    #expect(
      marked == [
        .string("kind"), .string("validation"), .string("leaves"), .string("learning_rate"),
        .string("cv"), .string("AUC"), .string("log loss"),
      ])
    let auc = table.rows.first { $0[2] == .string("AUC") }
    #expect(auc?[3] == .string("0.8123 ± 0.0041"))
  }

  @Test func replayReportsWhichMetricsChanged() {
    var replayed = Self.second
    replayed.metrics[0].value = 0.8301
    replayed.data = "sha256:ffffffffffffffff"
    let lines = RunHistory.changes(stored: [Self.first, Self.second], replayed: [replayed])
    #expect(
      lines == [
        "conv@2: the data changed (sha256:0011223344556677 → sha256:ffffffffffffffff), "
          + "AUC 0.8300 → 0.8301",
        "conv@1: no longer made by this cell",
      ])
    // Values the file rounded to 9 significant digits are not a change.
    let stored = try? NotebookCodec.decode(
      bytes: NotebookCodec.encodeBytes(Self.notebook([Self.first])))
    #expect(RunHistory.changes(stored: stored?.cells[0].runs ?? [], replayed: [Self.first]) == [])
  }

  static func notebook(_ runs: [RunRecord]) -> Notebook {
    var cell = Cell(id: "train001", kind: .train, source: "train conv = gbt(features, target: y)")
    cell.runs = runs
    return Notebook(cells: [cell])
  }

  @Test func notebookKeepsRunsInAStableForm() throws {
    let bytes = NotebookCodec.encodeBytes(Self.notebook([Self.first, Self.second]))
    Golden.assertMatches(bytes, at: "Notebook/runs.dswnb")
    let decoded = try NotebookCodec.decode(bytes: bytes)
    #expect(decoded.cells[0].runs.count == 2)
    // Metrics come back headline first and parameters in the constructor's order.
    #expect(decoded.cells[0].runs[0].metrics.map(\.name) == ["AUC", "log loss"])
    #expect(
      decoded.cells[0].runs[0].parameters.map(\.name)
        == ["trees", "leaves", "learning_rate", "cv", "seed"])
    #expect(decoded.cells[0].runs[0].metrics[0].value == 0.812_345_679)
    #expect(NotebookCodec.encodeBytes(decoded) == bytes)
  }

  @Test func aNotebookWithoutRunsIsUnchanged() throws {
    let golden = try Golden.load("Notebook/every-kind.dswnb")
    let notebook = try NotebookCodec.decode(bytes: golden)
    #expect(notebook.cells.allSatisfy { $0.runs.isEmpty })
    #expect(NotebookCodec.encodeBytes(notebook) == golden)
  }

  private func decodeError(_ run: String, markdown: Bool = false) -> Diagnostic? {
    let kind = markdown ? "markdown" : "train"
    let text = """
      {"cells": [{"id": "train001", "kind": "\(kind)", "runs": [\(run)], "source": []}], "dswnb": 1}
      """
    do {
      _ = try NotebookCodec.decode(bytes: Array(text.utf8))
      return nil
    } catch {
      return error
    }
  }

  @Test func badRunsAreRefused() {
    let run = JSONWriter.write(RunCoding.json(Self.first))

    let kind = decodeError(run.replacingOccurrences(of: "\"train\"", with: "\"fit\""))
    #expect(kind?.code == "N050")
    #expect(kind?.message == "unknown run kind \"fit\"; expected train or tune")
    let key = decodeError(run.replacingOccurrences(of: "\"rows\"", with: "\"rowz\""))
    #expect(key?.code == "N032")
    #expect(key?.message == "unknown key \"rowz\" in a run")
    let missing = decodeError("{}")
    #expect(missing?.code == "N031")
    let markdown = decodeError(run, markdown: true)
    #expect(markdown?.code == "N036")
    #expect(markdown?.message == "a markdown cell cannot have \"runs\"")
    let metric = decodeError(
      run.replacingOccurrences(of: "\"AUC\": 0.812345679", with: "\"AUC\": \"high\""))
    #expect(metric?.code == "N030")
  }

  @Test func fingerprintsLeaveOutVolatileColumns() {
    var early = RunHistory.listing([Self.first])
    var late = RunHistory.listing([
      {
        var run = Self.first
        run.durationMs = 99_999
        return run
      }()
    ])
    #expect(early.rows != late.rows)
    #expect(Fingerprint.of([.table(early)]) == Fingerprint.of([.table(late)]))
    early.volatile = []
    late.volatile = []
    #expect(Fingerprint.of([.table(early)]) != Fingerprint.of([.table(late)]))
  }
}

/// How `tune`, `runs` and `compare` fit the notebook around them.
@Suite struct RunStatementTests {
  @Test func tuneCellsAreTrainCells() {
    #expect(
      CellKind.infer(fromSource: "tune m = gbt(t, target: y, search: {leaves: [3, 7]})") == .train)
    #expect(CellKind.infer(fromSource: "runs\ncompare m@1 m@2") == .query)
  }

  @Test func checkKnowsTheModelATuneDefines() throws {
    var checker = NotebookChecker(files: MemoryFiles([:]), sandbox: PathSandbox(base: "/"))
    let source = """
      synth groupby (rows: 10, k: 2, seed: 1)
      tune m = gbt(groupby, target: v1, search: {leaves: [3, 7]}, cv: 2)
      compare m@1 m
      from groupby | score m
      """
    let report = checker.check(try Parser.parseProgram(source), source: source)
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    let unknown = "compare nope@1"
    let failed = checker.check(try Parser.parseProgram(unknown), source: unknown)
    #expect(failed.diagnostics.first?.code == "M040")
  }
}
