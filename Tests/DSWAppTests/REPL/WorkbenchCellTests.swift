import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// The commands that change cells, and staleness.
@Suite("Workbench cells")
struct WorkbenchCellTests {
  /// A saved notebook: groupby, a let over it, a query over the let, and an
  /// unrelated cell.
  static func chain(_ harness: WorkbenchHarness) throws {
    try harness.writeNotebook(
      Notebook(cells: [
        Cell(id: "aaaaaaaa", kind: .query, source: "synth groupby (rows: 100, k: 5)"),
        Cell(id: "bbbbbbbb", kind: .query, source: "let big = from groupby | filter v1 >= 3"),
        Cell(id: "cccccccc", kind: .markdown, source: "Big ones:"),
        Cell(id: "dddddddd", kind: .query, source: "from big | aggregate n = count()"),
        Cell(id: "eeeeeeee", kind: .query, source: "synth groupby (rows: 10, k: 2, as: \"other\")"),
      ]))
  }

  @Test func editingADefinitionMakesItsReadersStale() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    try harness.run([
      ":run all", ":cells",
      ":edit 1", "synth groupby (rows: 200, k: 5)", "",
      ":cells", ":run stale", ":cells", ":run stale",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "staleness")
    let saved = try #require(try harness.savedNotebook())
    #expect(saved.cells.compactMap(\.execution?.status) == [.ok, .ok, .ok, .ok])
  }

  @Test func rerunningACellMakesOnlyItsReadersStale() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    let workbench = try harness.run([":run all", ":run 2"])
    #expect(workbench.notebook.cells.map { $0.execution?.status } == [.ok, .ok, nil, .stale, .ok])
    #expect(harness.screen.text.contains("cell 4 is now stale; `:run stale` reruns them"))
    let saved = try #require(try harness.savedNotebook())
    #expect(saved.cells[3].execution?.status == .stale)
  }

  @Test func deletingADefinitionMakesItsReadersStale() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    let workbench = try harness.run([":run all", ":del 2", ":cells"])
    #expect(workbench.notebook.cells.map(\.id) == ["aaaaaaaa", "cccccccc", "dddddddd", "eeeeeeee"])
    #expect(workbench.notebook.cells[2].execution?.status == .stale)
    REPLSnapshot.assertMatches(harness.transcript, named: "delete")
  }

  @Test func runStopsAtTheFirstFailure() throws {
    let harness = try WorkbenchHarness()
    try harness.writeNotebook(
      Notebook(cells: [
        Cell(id: "aaaaaaaa", kind: .query, source: "from missing | take 1"),
        Cell(id: "bbbbbbbb", kind: .query, source: "synth groupby (rows: 10, k: 2)"),
      ]))
    try harness.run([":run all", ":run 2", ":run 1-2"])
    REPLSnapshot.assertMatches(harness.transcript, named: "run-failure")
  }

  @Test func commandArgumentsAreChecked() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    try harness.run([
      ":run", ":run 9", ":run x", ":run al", ":run 3-1", ":run 1-", ":run 3",
      ":show", ":show 0", ":show two", ":del 6", ":mv 1", ":mv 1 9", ":mv 2 2",
      ":edit 7", ":add querry", ":add after", ":add after 9", ":keep", ":keep now",
      ":save a b", ":timer",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "argument-errors")
  }

  @Test func addPutsCellsWhereAsked() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    let workbench = try harness.run([
      ":add after 0", "train m = gbt(groupby, target: v1)", "",
      ":add audience after 2", "audience a = from profile | take 1", "",
      ":add", ScriptedLineReader.interrupt,
      ":add", "",
      ":mv 1 6",
      ":cells",
    ])
    #expect(
      workbench.notebook.cells.map(\.kind)
        == [.query, .audience, .query, .markdown, .query, .train, .query])
    REPLSnapshot.assertMatches(harness.transcript, named: "add-and-move")
    let saved = try #require(try harness.savedNotebook())
    #expect(saved.cells.count == 7)
  }

  @Test func editThroughAnEditor() throws {
    let harness = try WorkbenchHarness()
    try Self.chain(harness)
    var offered: [String] = []
    harness.settings.editor = { text, fileExtension in
      offered.append(fileExtension + ":" + text)
      if text.hasPrefix("Big") { return .failed("the editor `vi` exited with status 1") }
      return .edited(text.replacingOccurrences(of: "3", with: "4") + "\n")
    }
    let workbench = try harness.run([":edit 2", ":edit 3", ":edit 4"])
    #expect(
      offered == [
        "dsw:let big = from groupby | filter v1 >= 3", "md:Big ones:",
        "dsw:from big | aggregate n = count()",
      ])
    #expect(workbench.notebook.cells[1].source == "let big = from groupby | filter v1 >= 4")
    REPLSnapshot.assertMatches(harness.transcript, named: "edit-editor")
  }

  @Test func editInlineLineByLine() throws {
    let harness = try WorkbenchHarness()
    try harness.writeNotebook(
      Notebook(cells: [
        Cell(id: "aaaaaaaa", kind: .markdown, source: "# Title\n\nold line\ndrop me")
      ]))
    let workbench = try harness.run(
      [
        ":edit 1", "# New title", "", "new line", "", "added", "", ":edit 1",
        ScriptedLineReader.interrupt,
      ],
      canPrefill: true)
    #expect(workbench.notebook.cells[0].source == "# New title\n\nnew line\nadded")
    let reader = try #require(workbench.reader as? EchoingReader)
    #expect(reader.script.prefills == ["# Title", "", "old line", "drop me", "# New title"])
    REPLSnapshot.assertMatches(harness.transcript, named: "edit-inline")
  }

  @Test func keepTakesTheLastCleanInputOnce() throws {
    let harness = try WorkbenchHarness()
    let workbench = try harness.run([
      ":keep",
      "from nowhere",
      ":keep",
      "synth groupby (rows: 10, k: 2)",
      "from groupby | derive w = v1 * 2 | take 1",
      "from groupby | filter v1 = 1",
      ":keep",
      ":keep",
    ])
    #expect(workbench.notebook.cells.map(\.source) == ["from groupby | derive w = v1 * 2 | take 1"])
    #expect(workbench.notebook.cells.first?.kind == .query)
    REPLSnapshot.assertMatches(harness.transcript, named: "keep")
  }
}
