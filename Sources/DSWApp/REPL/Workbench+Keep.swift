import DSWCore
import DSWTerminal

/// `:keep`, and the journal every edit goes through.
extension Workbench {
  func keep(_ arguments: [String]) {
    if arguments == ["all"] {
      keepAll()
      return
    }
    guard arguments.isEmpty else {
      error(
        "`:keep` takes no arguments but `all`",
        help: "`:keep` keeps the last input; `:keep all` every input since the last keep")
      return
    }
    guard let last = lastScratch else {
      error("nothing to keep yet", help: "type a statement first; `:keep` makes it a cell")
      return
    }
    guard var candidate = lastCleanScratch else {
      error("the last input failed, and none ran cleanly before it", help: "fix it, then `:keep`")
      return
    }
    if candidate.kept {
      error("the last input that ran cleanly is already a cell", help: "`:cells` lists them")
      return
    }
    if last.failed {
      message("the last input failed; keeping the one before it, which ran cleanly", role: .muted)
    }
    appendCell(candidate)
    candidate.kept = true
    lastCleanScratch = candidate
    if !last.failed { lastScratch = candidate }
    unkeptHistory = []
  }

  /// `:keep all`: every input that ran cleanly since the last keep becomes a
  /// cell, in order, so the notebook replays what the session did. A
  /// pipeline built with `|` lines is kept once, in its last form.
  private func keepAll() {
    guard !unkeptHistory.isEmpty else {
      error(
        "nothing ran cleanly since the last keep",
        help: "type statements first; `:keep all` makes each one a cell")
      return
    }
    for scratch in unkeptHistory { appendCell(scratch) }
    unkeptHistory = []
    lastCleanScratch?.kept = true
    if lastScratch?.failed == false { lastScratch?.kept = true }
  }

  /// Adds a scratch input as a new cell, with its outputs, and says so.
  private func appendCell(_ scratch: ScratchRun) {
    let kind = CellKind.infer(fromSource: scratch.source)
    let id = CellID.generate(using: &random, avoiding: notebook.cellIDs)
    runCount += 1
    let execution = Execution(
      count: runCount, status: .ok, durationMs: scratch.durationMs,
      fingerprint: Fingerprint.of(scratch.outputs))
    var cell = Cell(
      id: id, kind: kind, source: scratch.source, outputs: scratch.outputs, execution: execution)
    cell.runs = scratch.runs
    notebook.cells.append(cell)
    recordEdit(.add(index: notebook.cells.count - 1, id: id, kind: kind, source: scratch.source))
    message("kept as " + cellHeading(notebook.cells.count - 1))
  }

  /// Journals an edit and counts it as unsaved.
  func recordEdit(_ edit: JournalEdit) {
    unsavedEdits += 1
    do {
      try journal.append(edit)
    } catch {
      message(
        "warning: \(SafeText.escape(error.message)); `:save` soon, as this edit is not journaled",
        role: .warning, toErrors: true)
    }
  }
}
