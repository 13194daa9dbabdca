import DSWCore
import DSWTerminal

/// What the tutor shows: the welcome, each step, outputs with their
/// reading, and the closing.
extension Tutor {
  func showWelcome() {
    let name = title.map(SafeText.escape) ?? SafeText.escape(notebookName)
    line(styler.paint("dsw teach · " + name, .heading))
    line()
    let count = plan.steps.count
    guard count > 0 else {
      line("This notebook has no code cells, so there is nothing to run; here is its text.")
      return
    }
    paragraph(
      "This walk-through has \(count.counting("step")): one for each code "
        + "cell. At each step, read the text and the code, then:")
    showKeys()
  }

  func showKeys() {
    let keys = [
      ("Enter", "run the cell and see what it gives"),
      ("a dsw line", "try something of your own first; it runs in the same session"),
      (":back", "show the previous step again (nothing is undone)"),
      (":skip", "move on without running the cell"),
      (":quit", "stop here"),
      (":help", "show these keys"),
    ]
    for (key, meaning) in keys {
      line("  " + styler.paint(DisplayWidth.pad(key, to: 12), .emphasis) + meaning)
    }
    line()
  }

  func showStep(_ index: Int) {
    let step = plan.steps[index]
    showHeader(index)
    for cell in step.introduction {
      line(MarkdownRenderer.render(cell.source, width: width, styler: styler))
      line()
    }
    if let exercise = exercises[index], states[index] == .pending {
      showExercise(exercise)
      return
    }
    showCode(step.cell.source)
    line()
    showExplanation(index)
    showBeforeRun(step)
    switch states[index] {
    case .pending:
      break
    case .ran, .failed:
      paragraph(
        "You ran this step before. Going back undoes nothing: Enter runs the cell again against "
          + "the session as it is now, and :skip moves on without running it again.", .muted)
    case .skipped:
      line(styler.paint("You skipped this step before.", .muted))
    }
    paragraph(
      "Enter runs it · type a dsw line to try it yourself · :back :skip :quit :help", .muted)
  }

  /// "What it does": the cell's statements in plain words.
  func showExplanation(_ index: Int) {
    let explanation = explanations[index]
    guard !explanation.isEmpty else { return }
    line(styler.paint("What it does:", .emphasis))
    for sentence in explanation { paragraph(sentence, indent: "• ") }
    line()
  }

  /// An exercise's answer, shown when the learner asks for it with Enter.
  func showAnswer(at index: Int) {
    line(styler.paint("The notebook's answer:", .emphasis))
    line()
    showCode(plan.steps[index].cell.source)
    line()
    showExplanation(index)
  }

  /// `── Step 3 of 17 · [query] cell 5 ───…`, as wide as the screen.
  private func showHeader(_ index: Int) {
    let step = plan.steps[index]
    let label = "Step \(index + 1) of \(plan.steps.count)"
    let kind = "[\(step.cell.kind.rawValue)]"
    let cell = "cell \(step.cellNumber)"
    let plainWidth = DisplayWidth.of("── \(label) · \(kind) \(cell) ")
    let rule = String(repeating: "─", count: max(3, width - plainWidth))
    line(
      styler.paint("── ", .muted) + styler.paint(label, .heading) + styler.paint(" · ", .muted)
        + CellBadge.render(kind: step.cell.kind.rawValue, styler: styler) + " "
        + styler.paint(cell, .muted) + " " + styler.paint(rule, .muted))
    line()
  }

  /// The cell's code with line numbers, which errors refer to.
  func showCode(_ source: String) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let gutterWidth = String(lines.count).count
    for (number, text) in zip(1..., lines) {
      let gutter = DisplayWidth.pad(String(number), to: gutterWidth, alignment: .right)
      line(
        "  " + styler.paint(gutter + " │", .gutter) + " "
          + styler.paint(SafeText.escape(String(text)), .code))
    }
  }

  /// Outputs, then the error with its caret or the one-line reading.
  func show(_ run: CellRun, source: String, location: String) {
    for output in run.outputs {
      if case .error = output { continue }
      line(OutputRenderer.render(output, width: width, maxRows: maxRows, styler: styler))
    }
    if let error = run.error {
      line(
        DiagnosticRenderer.render(
          error, source: source, location: location, style: TerminalDiagnosticStyle.make(styler)))
    } else if let reading = ResultReading.read(run.outputs, source: source) {
      let text = SafeText.escape(reading)
      if text.hasPrefix("→ ") {
        paragraph(String(text.dropFirst(2)), .emphasis, indent: "→ ")
      } else {
        paragraph(text, .emphasis)
      }
    }
  }

  func showClosing() {
    for cell in plan.closing {
      line(MarkdownRenderer.render(cell.source, width: width, styler: styler))
      line()
    }
    let total = plan.steps.count
    guard total > 0 else { return }
    let counts = summary(.finished)
    var parts = ["\(counts.ran) ran"]
    if counts.skipped > 0 { parts.append("\(counts.skipped) skipped") }
    if counts.failed > 0 { parts.append("\(counts.failed) failed") }
    paragraph(
      "That is the end of the walk-through: of \(total.counting("cell")), "
        + parts.joined(separator: ", ") + ".", .heading)
    paragraph(
      "The session is gone when teach ends. To change cells and try your own, open the "
        + "notebook: `dsw \(SafeText.escape(notebookName))`")
  }
}
