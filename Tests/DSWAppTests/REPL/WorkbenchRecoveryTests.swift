import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// The journal, recovery after a crash, and quitting with unsaved edits.
@Suite("Workbench recovery")
struct WorkbenchRecoveryTests {
  /// Edits made, then the process "dies": no quit, no save.
  static func crashAfterEdits(_ harness: WorkbenchHarness) throws {
    try harness.writeNotebook(
      Notebook(cells: [Cell(id: "aaaaaaaa", kind: .query, source: "synth groupby (rows: 10, k: 2)")]
      ))
    let (workbench, _) = try harness.workbench([
      ":add markdown", "# Notes", "",
      ":add", "from groupby | take 1", "",
      ":mv 3 1",
      ":edit 2", "synth groupby (rows: 20, k: 2)", "",
      ":theme light",
    ])
    for _ in 0..<5 { workbench.step() }
    #expect(workbench.unsavedEdits == 5)
  }

  @Test func theJournalHoldsEachEditAsALine() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    let contents = try #require(EditJournal.read(harness.path + ".journal"))
    #expect(contents.base == EditJournal.base(of: harness.fileBytes()))
    #expect(contents.unreadable == 0)
    #expect(contents.edits.count == 5)
    #expect(contents.edits.last == .theme("light"))
  }

  @Test func pipedInputRecoversWithANotice() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    let before = harness.fileBytes()
    let again = try WorkbenchHarness.reopen(harness, [":cells"])
    REPLSnapshot.assertMatches(harness.transcript, named: "recover-piped")
    #expect(
      again.notebook.cells.map(\.source)
        == ["from groupby | take 1", "synth groupby (rows: 20, k: 2)", "# Notes"])
    #expect(again.notebook.metadata.theme == "light")
    // Piped input saves at the end, which ends the journal.
    #expect(harness.fileBytes() != before)
    #expect(!FileManager.default.fileExists(atPath: harness.path + ".journal"))
  }

  @Test func aTerminalAsksBeforeRecovering() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    harness.settings.isInteractive = true
    let again = try WorkbenchHarness.reopen(harness, ["maybe", "y", ":cells", ":quit", "n"])
    #expect(again.notebook.cells.count == 3)
    #expect(!FileManager.default.fileExists(atPath: harness.path + ".journal"))
    #expect(try harness.savedNotebook()?.cells.count == 1)
    REPLSnapshot.assertMatches(harness.transcript, named: "recover-ask")
  }

  @Test func decliningRecoveryDiscardsTheJournal() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    harness.settings.isInteractive = true
    let again = try WorkbenchHarness.reopen(harness, ["n", ":cells"])
    #expect(again.notebook.cells.count == 1)
    #expect(!FileManager.default.fileExists(atPath: harness.path + ".journal"))
  }

  @Test func aJournalOlderThanTheFileIsNotReplayed() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    // The save finished but the journal was not removed: the file moved on.
    try harness.writeNotebook(
      Notebook(cells: [Cell(id: "zzzzzzzz", kind: .query, source: "datasets")]))
    let again = try WorkbenchHarness.reopen(harness, [])
    #expect(again.notebook.cells.map(\.id) == ["zzzzzzzz"])
    #expect(harness.screen.text.contains("removed a journal older than the notebook's last save"))
    #expect(!FileManager.default.fileExists(atPath: harness.path + ".journal"))
  }

  @Test func aTornLastLineIsSkipped() throws {
    let harness = try WorkbenchHarness()
    try Self.crashAfterEdits(harness)
    let handle = try #require(FileHandle(forWritingAtPath: harness.path + ".journal"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("{\"op\":\"del\",\"id\":\"aaa".utf8))
    try handle.close()
    let contents = try #require(EditJournal.read(harness.path + ".journal"))
    #expect(contents.edits.count == 5)
    #expect(contents.unreadable == 1)
    let again = try WorkbenchHarness.reopen(harness, [])
    #expect(again.notebook.cells.count == 3)
    #expect(
      harness.screen.text.contains("note: skipped 1 line of the journal cut short by the crash"))
  }

  @Test func replaySkipsEditsOfMissingCells() {
    var notebook = Notebook(cells: [Cell(id: "aaaaaaaa", kind: .query, source: "datasets")])
    let notes = EditJournal.replay(
      [
        .edit(id: "nnnnnnnn", source: "x"),
        .add(index: 9, id: "bbbbbbbb", kind: .markdown, source: "hi"),
        .add(index: 0, id: "aaaaaaaa", kind: .query, source: "dup"),
        .move(id: "bbbbbbbb", index: 0),
        .delete(id: "aaaaaaaa"),
      ], on: &notebook)
    #expect(notebook.cells.map(\.id) == ["bbbbbbbb"])
    #expect(
      notes == [
        "skipped an edit of cell nnnnnnnn, which is not in the notebook",
        "skipped adding cell aaaaaaaa again: the notebook has it already",
      ])
  }

  @Test func journalLinesRoundTrip() {
    let edits: [JournalEdit] = [
      .add(index: 2, id: "abcdefgh", kind: .train, source: "train m = gbt(x, target: y)\n# \"q\""),
      .edit(id: "abcdefgh", source: "datasets"), .delete(id: "abcdefgh"),
      .move(id: "abcdefgh", index: 0), .theme("light"), .theme(nil),
    ]
    for edit in edits {
      guard case .object(let object) = EditJournal.json(edit) else {
        Issue.record("not an object")
        continue
      }
      #expect(EditJournal.edit(from: object) == edit)
    }
  }

  @Test func quittingOnATerminalAsksToSave() throws {
    let harness = try WorkbenchHarness()
    harness.settings.isInteractive = true
    try harness.run([":add", "datasets", "", ":quit", ScriptedLineReader.interrupt, ":quit", "y"])
    REPLSnapshot.assertMatches(harness.transcript, named: "quit-save")
    #expect(try harness.savedNotebook()?.cells.map(\.source) == ["datasets"])
  }

  @Test func ctrlDAtTheSaveQuestionLeavesTheJournal() throws {
    let harness = try WorkbenchHarness()
    harness.settings.isInteractive = true
    try harness.run([":add", "datasets", ""])
    #expect(try harness.savedNotebook() == nil)
    #expect(harness.screen.text.contains("left 1 unsaved edit in the journal"))
    #expect(EditJournal.read(harness.path + ".journal")?.edits.count == 1)
  }

  @Test func aNewNotebookIsCreatedOnTheFirstSave() throws {
    let harness = try WorkbenchHarness(name: "sub/new.dswnb")
    try harness.run(["synth groupby (rows: 10, k: 2)"])
    #expect(try harness.savedNotebook() == nil)
    try harness.run([":save"])
    #expect(try harness.savedNotebook()?.cells.isEmpty == true)
  }

  @Test func saveAsMovesTheWorkbenchToTheNewFile() throws {
    let harness = try WorkbenchHarness()
    let other = harness.folder.path + "/copy.dswnb"
    let workbench = try harness.run([
      ":add", "datasets", "", ":save " + other, ":add", "models", "",
    ])
    #expect(workbench.settings.notebookPath == other)
    #expect(FileManager.default.fileExists(atPath: other))
    #expect(try harness.savedNotebook() == nil)
    let copy = try NotebookCodec.decode(bytes: AtomicFile.read(other))
    #expect(copy.cells.map(\.source) == ["datasets", "models"])
  }
}

extension WorkbenchHarness {
  /// Opens the harness's notebook again in a new workbench, as after a crash.
  static func reopen(_ harness: WorkbenchHarness, _ lines: [String]) throws -> Workbench {
    let (workbench, _) = try harness.workbench(lines)
    workbench.run()
    return workbench
  }
}
