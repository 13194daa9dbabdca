import DSWCore
import DSWTerminal

/// What the tutor adds around a cell's run, from the session and the cell's
/// own outputs: notes before it runs (which model scores, what the profile
/// holds), and after it the rows of each table it made, every number of an
/// evaluation, a comparison of the models it trained, the ingest report read
/// aloud and what an activation wrote where. Exercises live here too.
extension Tutor {
  /// Rows shown of each table a step makes.
  static let previewRows = 3

  /// Notes shown with a step before it runs.
  func showBeforeRun(_ step: TeachPlan.Step) {
    let insight = StepInsight(session: session)
    let notes =
      insight.scoringChoice(in: step.cell.source)
      + insight.beforeIngest(in: step.cell.source)
    guard !notes.isEmpty else { return }
    line(styler.paint("Before it runs:", .emphasis))
    for note in notes { paragraph(note, indent: "• ") }
    line()
  }

  /// Everything read from a successful run, after its outputs.
  func showAfterRun(_ step: TeachPlan.Step, run: CellRun) {
    let insight = StepInsight(session: session)
    var notes: [String] = []
    notes += insight.comparison(afterTraining: step.cell.source)
    var charts: [ChartOutput] = []
    var pending: MetricsOutput?
    func flush() {
      guard let metrics = pending else { return }
      let full = taught.insert("evaluate").inserted
      notes += EvaluationReading.explain(metrics, charts: charts, full: full)
      pending = nil
      charts = []
    }
    for output in run.outputs where isEvaluation(step.cell.source) {
      switch output {
      case .metrics(let metrics):
        flush()
        pending = metrics
      case .chart(let chart): charts.append(chart)
      default: break
      }
    }
    flush()
    notes += StepInsight.ingestReport(run.outputs)
    notes += insight.activations(in: step.cell.source)
    if !notes.isEmpty {
      line()
      for note in notes { paragraph(note, indent: "• ") }
    }
    showPreviews(insight.datasetsMade(by: step.cell.source))
  }

  private func isEvaluation(_ source: String) -> Bool {
    StepInsight.statements(source).contains {
      if case .evaluate = $0.kind { return true }
      return false
    }
  }

  /// "The first 3 of 200 rows of `x` (9 columns):", or all of them when
  /// there are no more: "The one row of `x` …", "All 2 rows of `x` …".
  static func previewTitle(shown: Int, of total: Int, name: String, columns: Int) -> String {
    let which =
      shown < total
      ? "The first \(shown) of \(total.formatted) rows"
      : total == 1 ? "The one row" : "All \(total.formatted) rows"
    return "\(which) of `\(name)` (\(columns.counting("column"))):"
  }

  /// The first rows of each dataset a step made, so a `let` is never only
  /// "N rows × M columns".
  func showPreviews(_ names: [String], blankFirst: Bool = true) {
    for (position, name) in names.enumerated() {
      guard let table = session.datasets[name]?.table, table.rowCount > 0 else { continue }
      if blankFirst || position > 0 { line() }
      let shown = min(Self.previewRows, table.rowCount)
      paragraph(
        Self.previewTitle(
          shown: shown, of: table.rowCount, name: name, columns: table.columnCount), .muted)
      var preview = TableOutput(table, limit: shown)
      preview.totalRows = shown
      let rendered = OutputRenderer.render(
        .table(preview), width: width, maxRows: shown, styler: styler)
      line(rendered)
      if rendered.contains("columns shown") {
        paragraph(
          "All its columns: " + table.names.map { "`\($0)`" }.joined(separator: ", ") + ".",
          .muted)
      }
    }
  }

  // MARK: - Exercises

  func showExercise(_ exercise: Exercise) {
    paragraph("Your turn: " + exercise.task, .emphasis)
    line()
    paragraph(
      "Write it yourself; teach runs your answer and compares its result with the notebook's."
        + (exercise.hint == nil ? "" : " `:hint` gives a hint.")
        + " Enter shows the notebook's answer and runs it.", .muted)
  }

  /// Runs the learner's answer, then the cell, and compares their results.
  /// Returns true when they match, so the step is done.
  func check(_ entry: String, exercise: Exercise, at index: Int) -> Bool {
    let step = plan.steps[index]
    let saved = session.context.maxRows
    session.context.maxRows = Int.max
    defer { session.context.maxRows = saved }
    let source = continuedSource(entry)
    let mine = session.run(source)
    afterRun()
    show(mine, source: source, location: "your answer")
    guard mine.error == nil else {
      paragraph("Fix the error and try again, or press Enter to see the notebook's answer.", .muted)
      return false
    }
    lastAttempt = source
    reader.addHistory(entry)
    let actual = Exercise.result(of: source, run: mine, session: session)
    let reference = session.run(step.cell.source)
    afterRun()
    guard reference.error == nil,
      let expected = Exercise.result(of: step.cell.source, run: reference, session: session)
    else {
      paragraph("The notebook's own answer did not give a table to compare with.", .warning)
      return false
    }
    guard let actual else {
      paragraph(
        "Your answer ran but gave no table; end it with a pipeline or a `let`.", .warning)
      return false
    }
    let verdict = ExerciseCheck.compare(
      expected: expected, actual: actual, ordered: exercise.ordered)
    if verdict.matches {
      states[index] = .ran
      paragraph(
        "✓ Right: your result matches the notebook's — the same \(expected.columns.count) "
          + "columns and \(expected.totalRows.formatted) rows, value for value. Here is the "
          + "notebook's version:", .emphasis)
      line()
      showCode(step.cell.source)
      line()
      showExplanation(index)
      showPreviews(
        StepInsight(session: session).datasetsMade(by: step.cell.source), blankFirst: false)
      line()
      return true
    }
    line(styler.paint("Not quite:", .warning))
    for difference in verdict.differences { paragraph(difference, indent: "• ") }
    paragraph(
      "Try again" + (exercise.hint == nil ? "" : ", `:hint` for a hint")
        + ", or press Enter to see and run the notebook's answer.", .muted)
    return false
  }
}
