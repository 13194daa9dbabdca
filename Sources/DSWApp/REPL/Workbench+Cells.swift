import DSWCore
import DSWTerminal

/// Listing, showing and editing the notebook's cells.
extension Workbench {
  // MARK: :cells and :show

  func listCells() {
    guard !notebook.cells.isEmpty else {
      message(
        "the notebook has no cells yet; type a statement and `:keep` it, or `:add`", role: .muted)
      return
    }
    let numberWidth = String(notebook.cells.count).count
    for (index, cell) in notebook.cells.enumerated() {
      let number =
        String(repeating: " ", count: numberWidth - String(index + 1).count)
        + String(index + 1)
      let status = statusText(cell)
      let head =
        number + "  " + CellBadge.renderPadded(kind: cell.kind.rawValue, styler: styler)
        + " "
        + styler.paint(status.padding(toLength: 5, withPad: " ", startingAt: 0), statusRole(cell))
        + "  "
      let lines = cell.sourceLines
      let first = SafeText.escape(lines.first { !$0.trimmingSpaces.isEmpty } ?? "")
      let more = lines.count > 1 ? " …" : ""
      let room = max(10, settings.width() - DisplayWidth.ofPainted(head) - more.count)
      message(head + DisplayWidth.truncate(first, to: room) + styler.paint(more, .muted))
    }
  }

  func statusText(_ cell: Cell) -> String {
    cell.execution?.status.rawValue ?? ""
  }

  func statusRole(_ cell: Cell) -> ThemeRole {
    switch cell.execution?.status {
    case .error: .error
    case .stale: .warning
    default: .muted
    }
  }

  func showCell(_ arguments: [String]) {
    guard let index = cellIndex(arguments.first, command: "show") else { return }
    let cell = notebook.cells[index]
    message(cellHeading(index))
    if cell.kind == .markdown {
      screen.line(MarkdownRenderer.render(cell.source, width: settings.width(), styler: styler))
      return
    }
    let lines = cell.sourceLines
    let width = String(lines.count).count
    for (number, line) in lines.enumerated() {
      let gutter =
        String(repeating: " ", count: width - String(number + 1).count)
        + "\(number + 1) │"
      message(styler.paint(gutter, .gutter) + " " + SafeText.escape(line))
    }
    display(cell.outputs ?? [], remember: false)
  }

  /// `[N] [kind] id` and, for a cell that ran, its status and duration.
  func cellHeading(_ index: Int) -> String {
    let cell = notebook.cells[index]
    var text =
      styler.paint("[\(index + 1)]", .muted) + " "
      + CellBadge.render(kind: cell.kind.rawValue, styler: styler) + " "
      + styler.paint(cell.id, .muted)
    if let execution = cell.execution {
      text +=
        "  " + styler.paint(execution.status.rawValue, statusRole(cell))
        + styler.paint(" · " + Self.duration(execution.durationMs), .muted)
    }
    return text
  }

  // MARK: :add

  func addCell(_ arguments: [String], body: [String]?) {
    var kind: CellKind?
    var position = notebook.cells.count
    var words = arguments[...]
    while let word = words.popFirst() {
      if let given = CellKind(rawValue: word), kind == nil {
        kind = given
      } else if word == "after" {
        guard let number = words.popFirst() else {
          error("`after` needs a cell number", help: usageHelp("add"))
          return
        }
        guard let value = Int(number), (0...notebook.cells.count).contains(value) else {
          error(
            Int(number).map(noSuchCell) ?? "`\(SafeText.escape(number))` is not a cell number",
            help: usageHelp("add"))
          return
        }
        position = value
      } else {
        let choices = CellKind.allCases.map(\.rawValue) + ["after"]
        let hint =
          Suggestion.closest(to: word, among: choices).map { "did you mean `\($0)`? " } ?? ""
        error(
          "`:add` does not take `\(SafeText.escape(word))`",
          help: hint + "the kinds are " + CellKind.allCases.map(\.rawValue).joined(separator: ", "))
        return
      }
    }
    let lines: [String]
    if let body {
      lines = body.last == "" ? Array(body.dropLast()) : body
    } else {
      message("type the cell; an empty line ends it, Ctrl-C cancels", role: .muted)
      guard let typed = readBlock() else {
        message("cancelled; nothing added", role: .muted)
        return
      }
      lines = typed
      let header = ":add" + (arguments.isEmpty ? "" : " " + arguments.joined(separator: " "))
      if !typed.isEmpty { reader.addHistory(([header] + typed).joined(separator: "\n")) }
    }
    guard !lines.isEmpty else {
      message("nothing added", role: .muted)
      return
    }
    let source = lines.joined(separator: "\n")
    let cellKind = kind ?? CellKind.infer(fromSource: source)
    let id = CellID.generate(using: &random, avoiding: notebook.cellIDs)
    notebook.cells.insert(Cell(id: id, kind: cellKind, source: source), at: position)
    recordEdit(.add(index: position, id: id, kind: cellKind, source: source))
    message("added " + cellHeading(position))
    if cellKind == .markdown {
      screen.line(MarkdownRenderer.render(source, width: settings.width(), styler: styler))
    } else {
      message("`:run \(position + 1)` runs it", role: .muted)
    }
  }

  /// Lines until an empty one; nil when Ctrl-C cancels.
  func readBlock() -> [String]? {
    var lines: [String] = []
    while true {
      completion.pendingText = lines.joined(separator: "\n")
      switch reader.read(prompt: continuationPrompt()) {
      case .line(let line):
        if line.isEmpty { return lines }
        lines.append(line)
      case .interrupted: return nil
      case .end: return lines
      }
    }
  }

  // MARK: :edit

  func editCell(_ arguments: [String]) {
    guard let index = cellIndex(arguments.first, command: "edit") else { return }
    let cell = notebook.cells[index]
    let edited: String
    if let editor = settings.editor {
      switch editor(cell.source, cell.kind == .markdown ? "md" : "dsw") {
      case .failed(let reason):
        error(SafeText.escape(reason), help: "cell \(index + 1) is unchanged")
        return
      case .edited(let text):
        edited = Self.trimTrailingNewlines(text)
      }
    } else {
      guard let text = editInline(cell) else {
        message("cancelled; cell \(index + 1) is unchanged", role: .muted)
        return
      }
      edited = text
    }
    guard edited != cell.source else {
      message("cell \(index + 1) is unchanged", role: .muted)
      return
    }
    replaceSource(of: index, with: edited)
  }

  /// Each line offered for editing in turn, then new lines until an empty
  /// one. Without prefill, the typed lines replace the cell.
  private func editInline(_ cell: Cell) -> String? {
    var lines: [String] = []
    if reader.canPrefill {
      message(
        "edit each line; clear one to remove it; an empty line after the last ends", role: .muted)
      for original in cell.sourceLines {
        completion.pendingText = lines.joined(separator: "\n")
        switch reader.read(prompt: continuationPrompt(), initial: original) {
        case .line(let line):
          if !line.isEmpty || original.isEmpty { lines.append(line) }
        case .interrupted, .end: return nil
        }
      }
    } else {
      for (number, line) in cell.sourceLines.enumerated() {
        message(styler.paint("\(number + 1) │", .gutter) + " " + SafeText.escape(line))
      }
      message("type the new text; an empty line ends it, Ctrl-C cancels", role: .muted)
    }
    guard let more = readBlock() else { return nil }
    if !reader.canPrefill && more.isEmpty { return cell.source }
    return (lines + more).joined(separator: "\n")
  }

  static func trimTrailingNewlines(_ text: String) -> String {
    var result = Substring(text)
    while result.hasSuffix("\n") || result.hasSuffix("\r\n") { result = result.dropLast() }
    return String(result)
  }

  /// A cell's new source: it and what reads its definitions become stale.
  func replaceSource(of index: Int, with source: String) {
    let old = notebook.cells[index]
    let defined = CellDependencies(source: old.source).defines
      .union(CellDependencies(source: source).defines)
    notebook.cells[index].source = source
    if notebook.cells[index].execution != nil {
      notebook.cells[index].execution?.status = .stale
    }
    if old.kind.isCode { Staleness.mark(after: index, defining: defined, in: &notebook.cells) }
    recordEdit(.edit(id: old.id, source: source))
    message("edited " + cellHeading(index))
    if old.kind == .markdown {
      screen.line(MarkdownRenderer.render(source, width: settings.width(), styler: styler))
    }
  }

  // MARK: :del, :mv

  func deleteCell(_ arguments: [String]) {
    guard let index = cellIndex(arguments.first, command: "del") else { return }
    let cell = notebook.cells[index]
    if cell.kind.isCode {
      let defined = CellDependencies(source: cell.source).defines
      Staleness.mark(after: index, defining: defined, in: &notebook.cells)
    }
    let heading = cellHeading(index)
    notebook.cells.remove(at: index)
    recordEdit(.delete(id: cell.id))
    message("deleted " + heading)
  }

  func moveCell(_ arguments: [String]) {
    guard arguments.count == 2 else {
      error("`:mv` takes two cell numbers", help: usageHelp("mv"))
      return
    }
    guard let from = cellIndex(arguments[0], command: "mv"),
      let to = cellIndex(arguments[1], command: "mv")
    else { return }
    guard from != to else {
      message("cell \(from + 1) is already there", role: .muted)
      return
    }
    let cell = notebook.cells.remove(at: from)
    notebook.cells.insert(cell, at: to)
    recordEdit(.move(id: cell.id, index: to))
    message("moved cell \(from + 1) to \(to + 1): " + cellHeading(to))
  }
}
