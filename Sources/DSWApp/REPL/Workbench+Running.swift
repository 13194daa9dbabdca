import DSWCore
import DSWTerminal

/// `:run`: running the notebook's cells, marking what they make stale.
extension Workbench {
  func runCells(_ arguments: [String]) {
    guard arguments.count == 1, let target = arguments.first else {
      error("`:run` takes a cell number, a range N-M, `all` or `stale`", help: usageHelp("run"))
      return
    }
    switch target {
    case "all":
      runInOrder(Array(notebook.cells.indices))
    case "stale":
      runStale()
    default:
      guard let range = cellRange(target) else { return }
      runInOrder(Array(range))
    }
  }

  /// `N` or `N-M`, as 0-based indices, or an error.
  private func cellRange(_ text: String) -> ClosedRange<Int>? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard parts.count <= 2, parts.allSatisfy({ Int($0) != nil }) else {
      let hint = Suggestion.closest(to: text, among: ["all", "stale"]).map {
        "did you mean `\($0)`? "
      }
      error(
        "`:run` takes a cell number, a range N-M, `all` or `stale`, not `\(SafeText.escape(text))`",
        help: (hint ?? "") + usageHelp("run"))
      return nil
    }
    guard let first = cellIndex(parts[0], command: "run"),
      let last = cellIndex(parts.count == 2 ? parts[1] : parts[0], command: "run")
    else { return nil }
    guard first <= last else {
      error(
        "the range \(SafeText.escape(text)) runs backwards",
        help: "write it as \(last + 1)-\(first + 1)")
      return nil
    }
    return first...last
  }

  /// Runs code cells in order (markdown cells in a single-cell run are
  /// rendered), stopping at the first failure.
  private func runInOrder(_ indices: [Int]) {
    if indices.count == 1, let only = indices.first, notebook.cells[only].kind == .markdown {
      message(cellHeading(only))
      screen.line(
        MarkdownRenderer.render(
          notebook.cells[only].source, width: settings.width(), styler: styler))
      return
    }
    let code = indices.filter { notebook.cells[$0].kind.isCode }
    guard !code.isEmpty else {
      message("no code cells to run", role: .muted)
      return
    }
    for (position, index) in code.enumerated() {
      if !runNotebookCell(index) {
        reportStop(at: index, skipped: code.count - position - 1)
        return
      }
    }
  }

  /// Reruns stale cells in order, including those that become stale as
  /// earlier ones rerun.
  private func runStale() {
    var next = 0
    var ran = 0
    while let index = notebook.cells.indices.first(where: {
      $0 >= next && notebook.cells[$0].execution?.status == .stale
    }) {
      ran += 1
      if !runNotebookCell(index) {
        let left = notebook.cells.indices.filter {
          $0 > index && notebook.cells[$0].execution?.status == .stale
        }
        reportStop(at: index, skipped: left.count)
        return
      }
      next = index + 1
    }
    if ran == 0 { message("no cell is stale", role: .muted) }
  }

  private func reportStop(at index: Int, skipped: Int) {
    guard skipped > 0 else { return }
    let noun = skipped == 1 ? "1 cell did" : "\(skipped) cells did"
    message("stopped at cell \(index + 1); \(noun) not run", role: .warning)
  }

  /// Runs one code cell of the notebook, records its outputs and execution,
  /// marks the cells that read what it defines as stale, and autosaves.
  /// Returns whether it succeeded.
  @discardableResult
  func runNotebookCell(_ index: Int) -> Bool {
    let cell = notebook.cells[index]
    message(
      styler.paint("[\(index + 1)]", .muted) + " "
        + CellBadge.render(kind: cell.kind.rawValue, styler: styler) + " "
        + styler.paint(cell.id, .muted))
    let (run, durationMs) = timedRun(cell.source)
    runCount += 1
    notebook.cells[index].outputs = run.outputs
    notebook.cells[index].runs = run.runs
    notebook.cells[index].execution = Execution(
      count: runCount, status: run.error == nil ? .ok : .error, durationMs: durationMs,
      fingerprint: Fingerprint.of(run.outputs))
    show(
      run, source: cell.source, location: "cell \(index + 1) (\(cell.id))", durationMs: durationMs)
    Staleness.mark(
      after: index, defining: CellDependencies(source: cell.source).defines, in: &notebook.cells)
    autosave()
    return run.error == nil
  }
}
