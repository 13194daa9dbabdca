import DSWCore
import DSWTerminal

/// Saving, exporting, quitting and recovering: nothing typed is lost.
extension Workbench {
  // MARK: Saving

  /// Writes the notebook atomically to `path` (the current file when nil).
  /// A save clears the journal. Returns whether it worked.
  @discardableResult
  func save(to path: String? = nil) -> Bool {
    let target = path ?? settings.notebookPath
    let bytes = NotebookCodec.encodeBytes(notebook)
    do {
      try AtomicFile.write(bytes, to: target)
    } catch {
      reportDiagnostic(error, source: nil, location: nil)
      message(
        "the notebook is not saved; `:save PATH` saves it elsewhere", role: .warning, toErrors: true
      )
      return false
    }
    if target != settings.notebookPath {
      journal = journal.relocated(to: target)
      settings.notebookPath = target
    }
    journal.remove(newBase: EditJournal.base(of: bytes))
    unsavedEdits = 0
    return true
  }

  /// After a cell run: the outputs, and any edits, reach the disk.
  func autosave() {
    save()
  }

  func saveCommand(_ arguments: [String]) {
    guard arguments.count <= 1 else {
      error("`:save` takes at most one path", help: usageHelp("save"))
      return
    }
    let target = arguments.first.map(NotebookFile.absolutePath)
    guard save(to: target) else { return }
    let count = notebook.cells.count
    message(
      "saved \(SafeText.escape(settings.notebookPath)) (\(count) \(count == 1 ? "cell" : "cells"))")
  }

  func export(_ arguments: [String]) {
    guard arguments.count == 2 else {
      error("`:export` takes a format and a path", help: usageHelp("export"))
      return
    }
    guard let target = ExportCommand.Target(rawValue: arguments[0]) else {
      let formats = ExportCommand.Target.allCases.map(\.rawValue)
      let hint =
        Suggestion.closest(to: arguments[0], among: formats).map { "did you mean `\($0)`? " } ?? ""
      error(
        "cannot export to `\(SafeText.escape(arguments[0]))`",
        help: hint + "the formats are " + formats.dropLast().joined(separator: ", ") + " and "
          + (formats.last ?? ""))
      return
    }
    let path = NotebookFile.absolutePath(arguments[1])
    do {
      let theme = NotebookExport.theme(
        notebook, folder: AtomicFile.split(settings.notebookPath).folder)
      try NotebookExport.write(
        NotebookExport.files(notebook, to: target, path: path, theme: theme))
    } catch {
      reportDiagnostic(error, source: nil, location: nil)
      return
    }
    message("exported \(SafeText.escape(path))")
  }

  // MARK: Quitting

  /// Ends the session. Unsaved edits are offered for saving on a terminal,
  /// and saved without asking when input is a script.
  func quit() {
    guard hasUnsavedChanges else {
      isFinished = true
      return
    }
    let name = SafeText.escape(notebookName)
    let edits = unsavedEdits == 1 ? "1 unsaved edit" : "\(unsavedEdits) unsaved edits"
    guard settings.isInteractive else {
      if save() { message("saved \(edits) to \(name)", role: .muted) }
      isFinished = true
      return
    }
    switch ask("save \(edits) to \(name)? [y/n] ") {
    case .yes:
      if save() {
        message("saved \(name)", role: .muted)
        isFinished = true
      }
    case .no:
      journal.remove(newBase: journal.base)
      message("discarded \(edits)", role: .muted)
      isFinished = true
    case .interrupted:
      message("not quitting", role: .muted)
    case .end:
      message(
        "left \(edits) in the journal; reopening \(name) offers to recover them", role: .muted)
      isFinished = true
    }
  }

  enum Answer { case yes, no, interrupted, end }

  /// A yes/no question, asked until answered.
  func ask(_ question: String) -> Answer {
    while true {
      switch reader.read(prompt: styler.paint(question, .prompt)) {
      case .line(let line):
        switch line.trimmingSpaces.lowercased() {
        case "y", "yes": return .yes
        case "n", "no": return .no
        default: message("please answer y or n", role: .muted)
        }
      case .interrupted: return .interrupted
      case .end: return .end
      }
    }
  }

  // MARK: Recovering

  /// Replays the edits a crashed session left in the journal: after asking,
  /// on a terminal; with a notice, when input is a script.
  func recoverJournal() {
    guard let contents = EditJournal.read(journal.path) else { return }
    guard contents.base == journal.base else {
      journal.remove(newBase: journal.base)
      message(
        "removed a journal older than the notebook's last save (nothing to recover)", role: .muted)
      return
    }
    guard !contents.edits.isEmpty else {
      journal.remove(newBase: journal.base)
      return
    }
    let count = contents.edits.count
    let edits = count == 1 ? "1 unsaved edit" : "\(count) unsaved edits"
    if settings.isInteractive {
      message("the last session ended with \(edits), kept in the journal", role: .warning)
      switch ask("recover \(edits)? [y/n] ") {
      case .yes: break
      case .no:
        journal.remove(newBase: journal.base)
        message("discarded \(edits)", role: .muted)
        return
      case .interrupted, .end:
        message("left the journal as it is; reopening offers it again", role: .muted)
        return
      }
    } else {
      message(
        "recovering \(edits) from the journal of a session that did not end cleanly",
        role: .warning)
    }
    if contents.unreadable > 0 {
      let lines = contents.unreadable == 1 ? "1 line" : "\(contents.unreadable) lines"
      message("note: skipped \(lines) of the journal cut short by the crash", role: .muted)
    }
    for note in EditJournal.replay(contents.edits, on: &notebook) {
      message("note: " + SafeText.escape(note), role: .muted)
    }
    unsavedEdits = count
    let cells = notebook.cells.count
    message(
      "recovered \(edits): the notebook has \(cells) \(cells == 1 ? "cell" : "cells"); "
        + "`:cells` lists them, `:save` keeps them", role: .muted)
  }
}
