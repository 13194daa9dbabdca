import DSWCore
import DSWTerminal

/// The interactive workbench: a REPL that knows it is editing a notebook.
///
/// Typed statements run as a scratch cell against the notebook's session;
/// colon commands list, run, add, edit and save the notebook's cells (see
/// docs/repl.md). It reads through a `LineReader` and writes to a `WorkbenchScreen`, and
/// does no other I/O than the notebook file and its journal, so tests drive it
/// with a script and compare the transcript.
final class Workbench {
  let reader: any LineReader
  let screen: any WorkbenchScreen
  let session: Session
  var settings: WorkbenchSettings
  /// The notebook as edited, outputs included.
  var notebook: Notebook
  var journal: EditJournal
  /// Edits not yet saved (each also in the journal).
  var unsavedEdits = 0
  /// Bumped for every notebook cell run, as `execution.count`.
  var runCount = 0
  var random: SeededRandom
  /// Shared with the completer, which reads the entry typed so far.
  let completion: CompletionContext
  /// The scratch input most recently run, and what it gave.
  var lastScratch: ScratchRun?
  /// Entries and cells that failed this session; a piped script exits 1 when any did.
  private(set) var failures = 0
  /// The last scratch input that ran without error, which `:keep` keeps.
  var lastCleanScratch: ScratchRun?
  /// The inputs that ran without error since the last keep, which `:keep all`
  /// keeps; a `|` line replaces the input it extends.
  var unkeptHistory: [ScratchRun] = []
  /// The outputs of the last run that showed a table or metrics: what
  /// `:mode` prints again in its new form.
  var lastResult: [CellOutput] = []
  /// The last scratch input that ran and ends in a pipeline: a `|` line extends it.
  var lastPipeline: String? {
    didSet { completion.lastPipeline = lastPipeline }
  }
  var isFinished = false

  /// A scratch input and its run.
  struct ScratchRun {
    var source: String
    var outputs: [CellOutput]
    var failed: Bool
    var durationMs: Int
    var kept = false
    /// The runs its `train` and `tune` statements recorded.
    var runs: [RunRecord] = []
  }

  /// `notebookBytes` are the file's bytes as read (nil for a new notebook):
  /// the journal starts from them.
  init(
    reader: any LineReader, screen: any WorkbenchScreen, session: Session, notebook: Notebook,
    notebookBytes: [UInt8]?, settings: WorkbenchSettings,
    completion: CompletionContext = CompletionContext()
  ) {
    self.completion = completion
    self.reader = reader
    self.screen = screen
    self.session = session
    self.notebook = notebook
    self.settings = settings
    random = SeededRandom(seed: settings.seed)
    journal = EditJournal(
      notebookPath: settings.notebookPath, base: EditJournal.base(of: notebookBytes))
    runCount = notebook.cells.compactMap(\.execution?.count).max() ?? 0
    session.context.maxRows = settings.maxRows
  }

  var styler: Styler { settings.styler }
  var hasUnsavedChanges: Bool { unsavedEdits > 0 }

  /// The notebook's file name, as the prompt shows it.
  var notebookName: String { AtomicFile.split(settings.notebookPath).name }

  // MARK: The loop

  /// Greets (on a terminal), offers to recover a crashed session's edits, then reads and
  /// handles entries until `:quit` or Ctrl-D.
  func run() {
    // A script needs no banner, as in the DuckDB shell.
    if settings.isInteractive { greet() }
    recoverJournal()
    while !isFinished {
      step()
    }
  }

  /// Reads and handles one entry.
  func step() {
    completion.pendingText = ""
    switch reader.read(prompt: prompt()) {
    case .end:
      if settings.isInteractive { screen.line() }
      quit()
    case .interrupted:
      return
    case .line(let line):
      handle(firstLine: line)
    }
  }

  func prompt() -> String {
    styler.paint(SafeText.escape(notebookName), .promptNotebook)
      + styler.paint(" [\(notebook.cells.count + 1)]> ", .prompt)
  }

  /// The prompt of a continuation line, as wide as the main prompt.
  func continuationPrompt() -> String {
    let width = DisplayWidth.of(SafeText.escape(notebookName) + " [\(notebook.cells.count + 1)]> ")
    return styler.paint(String(repeating: " ", count: max(0, width - 5)) + "...> ", .prompt)
  }

  private func handle(firstLine: String) {
    let trimmed = firstLine.trimmingSpaces
    if trimmed.isEmpty { return }
    if trimmed.hasPrefix(":") {
      // `:add` records itself with the cell's lines, as one entry.
      let isAdd = trimmed.dropFirst().split(separator: " ").first == "add"
      if !isAdd || firstLine.contains("\n") { reader.addHistory(firstLine) }
      runCommand(trimmed)
      return
    }
    let continuing = trimmed.hasPrefix("|")
    if continuing { completion.pendingText = lastPipeline ?? "" }
    guard let entry = readRestOfEntry(firstLine) else { return }
    reader.addHistory(entry)
    if continuing {
      extendPipeline(entry)
    } else {
      runScratch(entry)
    }
  }

  /// Reads continuation lines while the entry is incomplete (an open
  /// parenthesis, bracket, string or trailing `|`). Nil when Ctrl-C drops it.
  private func readRestOfEntry(_ firstLine: String) -> String? {
    var entry = firstLine
    while InputCompleteness.needsMoreInput(entry) {
      completion.pendingText =
        (completion.pendingText.isEmpty ? "" : completion.pendingText + "\n") + entry
      switch reader.read(prompt: continuationPrompt()) {
      case .line(let line): entry += "\n" + line
      case .interrupted: return nil
      case .end: return entry
      }
    }
    return entry
  }

  // MARK: Scratch runs

  /// Runs `source` as a scratch cell: shown, remembered for `:keep`, not
  /// part of the notebook.
  func runScratch(_ source: String, extending base: String? = nil) {
    let (run, durationMs) = timedRun(source)
    show(run, source: source, location: "input", durationMs: durationMs)
    let scratch = ScratchRun(
      source: source, outputs: run.outputs, failed: run.error != nil, durationMs: durationMs,
      runs: run.runs)
    lastScratch = scratch
    guard run.error == nil else { return }
    lastCleanScratch = scratch
    if let base, let extended = unkeptHistory.lastIndex(where: { $0.source == base }) {
      unkeptHistory[extended] = scratch
    } else {
      unkeptHistory.append(scratch)
    }
    // Only a pipeline that worked is worth extending: after a failed `|`
    // step, the next one extends the last good pipeline again.
    if let program = try? Parser.parseProgram(source), let last = program.statements.last {
      switch last.kind {
      case .pipeline, .letBinding: lastPipeline = source
      default: break
      }
    }
  }

  /// A line that begins with `|` adds steps to the previous scratch pipeline
  /// and runs it again (the language's Display rules).
  private func extendPipeline(_ steps: String) {
    do throws(Diagnostic) {
      _ = try Parser.parseContinuation(steps)
    } catch {
      reportDiagnostic(error, source: steps, location: "input")
      return
    }
    guard let base = lastPipeline else {
      message(
        "error: a line that begins with `|` extends the previous pipeline, and there is none yet",
        role: .error, toErrors: true)
      message("  type a pipeline first, such as `from NAME | take 5`", role: .help, toErrors: true)
      return
    }
    runScratch(base + "\n" + steps, extending: base)
  }

  /// Runs `source` in the session, timed, with the Ctrl-C flag reset first.
  func timedRun(_ source: String) -> (CellRun, Int) {
    settings.beforeRun()
    let started = settings.clock()
    let run = session.run(source)
    let elapsed = Int((settings.clock() &- started) / 1_000_000)
    settings.afterRun()
    return (run, elapsed)
  }

  /// Prints a run's outputs, then its error with a caret.
  func show(_ run: CellRun, source: String, location: String, durationMs: Int) {
    display(run.outputs.filter { if case .error = $0 { false } else { true } })
    if let error = run.error {
      failures += 1
      if error.code == Diagnostic.interrupted.code {
        message(
          "interrupted (Ctrl-C); the session keeps what ran before", role: .warning, toErrors: true)
      } else {
        reportDiagnostic(error, source: source, location: location)
      }
    }
    if settings.showTimer {
      message("took " + Self.duration(durationMs), role: .muted)
    }
  }

  func reportDiagnostic(_ diagnostic: Diagnostic, source: String?, location: String?) {
    let text = DiagnosticRenderer.render(
      diagnostic, source: source, location: location, style: TerminalDiagnosticStyle.make(styler))
    screen.errorLine(text)
  }

  /// A line of the workbench's own, painted in `role`. Text that echoes the
  /// user's input must already be escaped.
  func message(_ text: String, role: ThemeRole? = nil, toErrors: Bool = false) {
    let painted = role.map { styler.paint(text, $0) } ?? text
    if toErrors { screen.errorLine(painted) } else { screen.line(painted) }
  }

  func error(_ text: String, help: String? = nil) {
    message("error: " + text, role: .error, toErrors: true)
    if let help { message("  " + help, role: .help, toErrors: true) }
  }

  static func duration(_ milliseconds: Int) -> String {
    if milliseconds < 1000 { return "\(milliseconds) ms" }
    let tenths = (milliseconds + 50) / 100
    return "\(tenths / 10).\(tenths % 10) s"
  }

  // MARK: Greeting

  private func greet() {
    let codeCells = notebook.cells.filter(\.kind.isCode).count
    let name = SafeText.escape(notebookName)
    if notebook.cells.isEmpty {
      message("\(name): a new notebook. Type a statement; `:keep` makes it a cell.", role: .muted)
    } else {
      let plural = notebook.cells.count == 1 ? "cell" : "cells"
      let replay = codeCells == 0 ? "" : " The session starts empty: `:run all` replays them."
      message(
        "\(name): \(notebook.cells.count) \(plural), \(codeCells) of code.\(replay)", role: .muted)
    }
    message("`:help` lists the commands; Ctrl-D quits.", role: .muted)
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    let characters = Array(self)
    var start = 0
    var end = characters.count
    while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
    while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
    return String(characters[start..<end])
  }
}
