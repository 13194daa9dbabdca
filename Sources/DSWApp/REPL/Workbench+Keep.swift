import DSWCore
import DSWTerminal

/// `:keep`, and the journal every edit goes through.
extension Workbench {
  func keep(_ arguments: [String]) {
    guard arguments.isEmpty else {
      error("`:keep` takes no arguments", help: "it keeps the last scratch input as a new cell")
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
    let kind = CellKind.infer(fromSource: candidate.source)
    let id = CellID.generate(using: &random, avoiding: notebook.cellIDs)
    runCount += 1
    let execution = Execution(
      count: runCount, status: .ok, durationMs: candidate.durationMs,
      fingerprint: Fingerprint.of(candidate.outputs))
    notebook.cells.append(
      Cell(
        id: id, kind: kind, source: candidate.source, outputs: candidate.outputs,
        execution: execution))
    recordEdit(.add(index: notebook.cells.count - 1, id: id, kind: kind, source: candidate.source))
    candidate.kept = true
    lastCleanScratch = candidate
    if !last.failed { lastScratch = candidate }
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
