import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// Whole sessions, compared with goldens of what the terminal shows.
@Suite("Workbench sessions")
struct WorkbenchSessionTests {
  static let tour = [
    "synth groupby (rows: 1000, k: 10)",
    "from groupby | aggregate n = count() by id1",
    "| sort id1",
    "| take 3",
    "from groupby | filter v1 = 2",
    ":keep",
    ":add markdown",
    "# Groups",
    "Counts *per* `id1`.",
    "",
    ":cells",
    ":show 1",
    ":show 2",
    ":run all",
    ":save",
    ":quit",
  ]

  @Test func aTourWithoutColour() throws {
    let harness = try WorkbenchHarness()
    harness.settings.isInteractive = true
    try harness.run(Self.tour)
    REPLSnapshot.assertMatches(harness.transcript, named: "tour-plain")
    #expect(!harness.screen.text.contains("\u{1B}"))
  }

  @Test func aTourInColour() throws {
    let harness = try WorkbenchHarness(color: true)
    harness.settings.isInteractive = true
    try harness.run(Self.tour)
    REPLSnapshot.assertMatches(harness.transcript, named: "tour-colour")
    #expect(harness.screen.text.contains("\u{1B}["))
  }

  @Test func theTourSavesWhatItKept() throws {
    let harness = try WorkbenchHarness()
    try harness.run(Self.tour)
    let saved = try #require(try harness.savedNotebook())
    #expect(saved.cells.map(\.kind) == [.query, .markdown])
    #expect(
      saved.cells[0].source == "from groupby | aggregate n = count() by id1\n| sort id1\n| take 3")
    #expect(saved.cells[1].source == "# Groups\nCounts *per* `id1`.")
    #expect(saved.cells.allSatisfy { CellID.isValid($0.id) })
    #expect(saved.cells[0].execution?.status == .ok)
    #expect(saved.cells[1].execution == nil)
    #expect(!FileManager.default.fileExists(atPath: harness.path + ".journal"))
  }

  @Test func helpListsEveryCommandAndExplainsOne() throws {
    let harness = try WorkbenchHarness()
    try harness.run([":help", ":help run", ":help :keep", ":help keys", ":help lang", ":help nope"])
    REPLSnapshot.assertMatches(harness.transcript, named: "help")
    for command in WorkbenchCommand.all {
      #expect(harness.screen.text.contains(":" + command.name))
    }
  }

  @Test func setShowsAndChangesTheMemoryLimit() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      ":set memory_limit 2MB", ":set", "synth groupby (rows: 100000, k: 5)",
      ":set memory_limit lots", ":set memroy_limit 1GB", ":set memory_limit 1GB",
      "synth groupby (rows: 100000, k: 5)",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "set-memory-limit")
  }

  @Test func unknownCommandsSuggestTheClosest() throws {
    let harness = try WorkbenchHarness()
    try harness.run([":svae", ":cels", ":s", ":ce", ":frobnicate", ":", ":x\u{1B}[2J"])
    REPLSnapshot.assertMatches(harness.transcript, named: "unknown-commands")
    #expect(!harness.screen.text.contains("\u{1B}[2J"))
  }

  @Test func errorsShowACaretUnderTheirPlace() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      "synth groupby (rows: 100, k: 5)",
      "from groupby | filter v1 = 2",
      "from groupby | filter nope > 1",
      "from groupby",
      "| fliter v1 > 1",
      "from groupbyy",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "errors")
  }

  @Test func aPipeLineExtendsThePreviousPipeline() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      "| take 1",
      "synth groupby (rows: 100, k: 5)",
      "from groupby | select id1, v1",
      "| filter v1 >= 4",
      "| sort id1 | take 2",
      ":keep",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "pipe-continuation")
    let saved = try #require(try harness.savedNotebook())
    #expect(
      saved.cells.map(\.source)
        == ["from groupby | select id1, v1\n| filter v1 >= 4\n| sort id1 | take 2"])
  }

  @Test func openParenthesesContinueAndCtrlCDropsTheEntry() throws {
    let harness = try WorkbenchHarness()
    let workbench = try harness.run([
      "synth groupby (rows: 100,",
      ScriptedLineReader.interrupt,
      "synth groupby (rows: 100,",
      "  k: 5)",
      "datasets",
      ScriptedLineReader.interrupt,
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "continuation-and-ctrl-c")
    #expect(workbench.session.datasetOrder == ["groupby"])
    let reader = try #require(workbench.reader as? EchoingReader)
    #expect(reader.script.history == ["synth groupby (rows: 100,\n  k: 5)", "datasets"])
  }

  @Test func listingsRunTheirStatements() throws {
    for name in ["datasets", "models", "audiences"] {
      let typed = try WorkbenchHarness()
      try typed.run(["synth groupby (rows: 10, k: 2)", name])
      let command = try WorkbenchHarness()
      try command.run(["synth groupby (rows: 10, k: 2)", ":" + name])
      let strip = { (text: String) in
        text.split(separator: "\n").filter { !$0.hasPrefix("nb.dswnb") }.joined(separator: "\n")
      }
      #expect(strip(typed.transcript) == strip(command.transcript))
    }
  }

  @Test func timerMaxRowsAndTheme() throws {
    let harness = try WorkbenchHarness()
    let workbench = try harness.run([
      "synth groupby (rows: 100, k: 5)",
      ":timer", ":timer on", "from groupby | select id1 | take 1", ":timer off", ":timer maybe",
      ":maxrows", ":maxrows 2", "from groupby | select id1, v1", ":maxrows 0",
      ":theme", ":theme light", ":theme lihgt",
      ":quit",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "settings")
    #expect(workbench.settings.maxRows == 2)
    #expect(workbench.notebook.metadata.theme == "light")
    #expect(try harness.savedNotebook()?.metadata.theme == "light")
  }

  @Test func exportWritesMarkdownAndJupyter() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      ":add markdown", "# Title", "",
      ":add", "synth groupby (rows: 10, k: 2)", "",
      ":export md " + harness.folder.path + "/out/nb.md",
      ":export ipynb " + harness.folder.path + "/nb.ipynb",
      ":export pdf x.pdf", ":export mdd x", ":export md",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "export")
    let markdown = try AtomicFile.read(harness.folder.path + "/out/nb.md")
    #expect(String(decoding: markdown, as: UTF8.self).contains("# Title"))
    let ipynb = try AtomicFile.read(harness.folder.path + "/nb.ipynb")
    #expect(String(decoding: ipynb, as: UTF8.self).contains("\"nbformat\": 4"))
  }
}

@Suite("Workbench edges")
struct WorkbenchEdgeTests {
  @Test func aFailedStepIsNotExtended() throws {
    let harness = try WorkbenchHarness()
    let workbench = try harness.run([
      "synth groupby (rows: 10, k: 2)",
      "from groupby | select id1, v1",
      "| filter nope > 1",
      "| take 1",
    ])
    #expect(workbench.lastPipeline == "from groupby | select id1, v1\n| take 1")
  }

  @Test func anInterruptedRunSaysSoAndKeepsTheSession() throws {
    let harness = try WorkbenchHarness()
    let cancelled = CancelSwitch()
    harness.session.context.isCancelled = { cancelled.isOn }
    let (workbench, _) = try harness.workbench([
      "synth groupby (rows: 10, k: 2)", "from groupby | take 1", "datasets",
    ])
    workbench.step()
    cancelled.isOn = true
    workbench.step()
    cancelled.isOn = false
    workbench.step()
    #expect(
      harness.screen.text.contains("interrupted (Ctrl-C); the session keeps what ran before\n"))
    #expect(workbench.session.datasetOrder == ["groupby"])
  }

  @Test func aBrokenNotebookIsRefusedAndLeftAlone() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/bad.dswnb"
    try AtomicFile.write(Array("{\"cells\": [}".utf8), to: path)
    let console = Console(colorMode: .never, theme: Theme.builtinDark)
    #expect(throws: (any Error).self) {
      _ = try OpenCommand.open(path, shownAs: "bad.dswnb", console: console)
    }
    #expect(try AtomicFile.read(path) == Array("{\"cells\": [}".utf8))
  }

  @Test func aMissingNotebookStartsEmptyWithItsNameAsTitle() throws {
    let console = Console(colorMode: .never, theme: Theme.builtinDark)
    let (notebook, bytes) = try OpenCommand.open(
      "/nonexistent/dir/sales.dswnb", shownAs: "x", console: console)
    #expect(notebook.cells.isEmpty && bytes == nil)
    #expect(notebook.metadata.title == "sales")
  }
}

/// A flag a test flips while the workbench runs.
final class CancelSwitch: @unchecked Sendable {
  var isOn = false
}
