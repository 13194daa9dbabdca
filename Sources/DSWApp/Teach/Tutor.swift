import DSWCore
import DSWTerminal
import Foundation

/// `dsw teach`: walks a learner through a notebook one code cell at a time.
///
/// Each step shows the markdown that leads into a cell, the cell's code and
/// what it does, then waits: Enter runs the cell and reads its result; a
/// line of the learner's own dsw runs as a scratch statement in the same
/// session; `:back`, `:skip`, `:quit` and `:help` steer. The tutor does no
/// I/O of its own: lines come from a `LineReader` and text goes to `write`,
/// so tests drive it with a script and compare what it wrote.
///
/// `:back` re-shows the previous step and undoes nothing: what later cells
/// made stays in the session, and Enter there runs the cell again against
/// the session as it is now.
final class Tutor {
  /// How the walk ended.
  enum Outcome: Equatable {
    case finished
    case quit
    case endOfInput
  }

  /// The end of a walk: how it ended and what happened to the cells.
  struct Summary: Equatable {
    var outcome: Outcome
    var ran: Int
    var skipped: Int
    var failed: Int
  }

  enum StepState {
    case pending
    case ran
    case failed
    case skipped
  }

  /// What the learner chose at a step's prompt.
  enum Decision {
    case run
    case skip
    case back
    case quit
    case endOfInput
    /// The learner's answer to an exercise matched: the step is done.
    case solved
  }

  let plan: TeachPlan
  let notebookName: String
  let title: String?
  let session: Session
  let reader: any LineReader
  let styler: Styler
  let width: Int
  /// Writes each line read after its prompt: on for piped input, where the
  /// terminal shows neither, so a transcript reads like a session.
  let echoInput: Bool
  let write: (String) -> Void
  /// Called after each run, before its output: clears a progress bar.
  var afterRun: () -> Void = {}
  /// Rows of a table output shown; the footer tells the rest.
  var maxRows = 10

  var states: [StepState]
  /// What each step says about its cell, worked out once so `:back` shows
  /// the same words again.
  let explanations: [[String]]
  /// The learner's last successful line, which a line starting with `|` extends.
  var lastAttempt: String?
  /// The exercise of each step, from its cell's metadata; nil for most.
  let exercises: [Exercise?]
  /// What has been explained in full already (such as `evaluate`'s numbers),
  /// so later steps recall it in brief.
  var taught: Set<String> = []

  init(
    notebook: Notebook, notebookName: String, session: Session, reader: any LineReader,
    styler: Styler, width: Int, echoInput: Bool, write: @escaping (String) -> Void
  ) {
    plan = TeachPlan(notebook)
    self.notebookName = notebookName
    title = notebook.metadata.title
    self.session = session
    self.reader = reader
    self.styler = styler
    self.width = max(40, width)
    self.echoInput = echoInput
    self.write = write
    states = Array(repeating: .pending, count: plan.steps.count)
    explanations = CellExplainer.explain(plan)
    exercises = plan.steps.map { Exercise(cell: $0.cell) }
  }

  /// Walks the notebook until its end, `:quit` or the end of input.
  func run() -> Summary {
    showWelcome()
    var index = 0
    while index < plan.steps.count {
      showStep(index)
      switch ask(at: index) {
      case .run:
        runCell(at: index)
        index += 1
      case .solved:
        index += 1
      case .skip:
        skip(at: index)
        index += 1
      case .back:
        line()
        index -= 1
      case .quit:
        paragraph("You stopped at step \(index + 1) of \(plan.steps.count).", .muted)
        return summary(.quit)
      case .endOfInput:
        line()
        paragraph(
          "End of input: stopped at step \(index + 1) of \(plan.steps.count).", .muted)
        return summary(.endOfInput)
      }
    }
    showClosing()
    return summary(.finished)
  }

  // MARK: - The prompt

  private func prompt(at index: Int) -> String {
    "step \(index + 1)/\(plan.steps.count)> "
  }

  /// Reads until the learner decides what to do with the step; their own
  /// lines run in between.
  private func ask(at index: Int) -> Decision {
    while true {
      guard let entry = readEntry(prompt: prompt(at: index)) else { return .endOfInput }
      let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { return .run }
      if trimmed.hasPrefix(":") {
        if let decision = command(trimmed, at: index) { return decision }
        continue
      }
      if let exercise = exercises[index], states[index] == .pending {
        if check(trimmed, exercise: exercise, at: index) { return .solved }
        continue
      }
      attempt(trimmed)
      paragraph(
        "Enter runs step \(index + 1)'s cell; or try another line.", .muted)
    }
  }

  /// A colon command: a decision, or nil when the prompt should ask again.
  private func command(_ text: String, at index: Int) -> Decision? {
    let word = String(text.split(separator: " ").first ?? "")
    switch word {
    case ":back", ":b":
      if index == 0 {
        line("This is the first step; there is nothing before it.")
        return nil
      }
      return .back
    case ":skip", ":s": return .skip
    case ":hint" where exercises[index] != nil:
      paragraph(exercises[index]?.hint ?? "No hint for this one: the task says it all.", .muted)
      return nil
    case ":quit", ":q", ":exit": return .quit
    case ":help", ":h", ":?":
      showKeys()
      return nil
    default:
      let known = [":back", ":skip", ":quit", ":help"]
      let hint = Suggestion.closest(to: word, among: known).map { "did you mean `\($0)`? " } ?? ""
      paragraph(
        "`\(SafeText.escape(word))` is not a teach command; \(hint)"
          + "the commands are :back, :skip, :quit and :help.", .warning)
      return nil
    }
  }

  /// One entry: a line, plus continuation lines while a bracket is open or
  /// the line ends with `|`. An empty continuation line ends the entry.
  private func readEntry(prompt: String) -> String? {
    guard let first = read(prompt: styler.paint(prompt, .prompt)) else { return nil }
    var entry = first
    let trimmed = first.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, !trimmed.hasPrefix(":") else { return entry }
    while InputCompleteness.needsMoreInput(continuedSource(entry)) {
      let padding = String(repeating: " ", count: max(0, DisplayWidth.of(prompt) - 4))
      guard let next = read(prompt: styler.paint(padding + "... ", .prompt)), !next.isEmpty
      else { break }
      entry += "\n" + next
    }
    return entry
  }

  private func read(prompt: String) -> String? {
    guard let text = reader.readLine(prompt: prompt) else { return nil }
    if echoInput { line(prompt + SafeText.escape(text)) }
    return text
  }

  /// The source an entry runs as: a leading `|` continues the last attempt.
  func continuedSource(_ entry: String) -> String {
    guard entry.trimmingCharacters(in: .whitespaces).hasPrefix("|"), let lastAttempt else {
      return entry
    }
    return lastAttempt + "\n" + entry
  }

  // MARK: - Running

  /// Runs the learner's own line in the session, as a scratch statement.
  private func attempt(_ entry: String) {
    if entry.hasPrefix("|"), lastAttempt == nil {
      paragraph(
        "A line that starts with `|` adds a step to your previous line; start with a "
          + "whole pipeline, like `from NAME | take 5`.", .warning)
      return
    }
    let source = continuedSource(entry)
    let run = session.run(source)
    afterRun()
    show(run, source: source, location: "your line")
    if run.error == nil {
      lastAttempt = source
      reader.addHistory(entry)
    }
  }

  private func runCell(at index: Int) {
    let step = plan.steps[index]
    if exercises[index] != nil, states[index] == .pending {
      showAnswer(at: index)
    }
    let run = session.run(step.cell.source)
    afterRun()
    show(run, source: step.cell.source, location: "cell \(step.cellNumber) (\(step.cell.id))")
    if run.error == nil {
      states[index] = .ran
      showAfterRun(step, run: run)
    } else {
      states[index] = .failed
      paragraph(
        "This cell failed: the error above shows where. The walk goes on, but later cells "
          + "that need what this one makes may fail too.", .warning)
    }
    line()
  }

  private func skip(at index: Int) {
    let step = plan.steps[index]
    if states[index] == .ran {
      paragraph(
        "Moving on. This cell ran before, so what it made is still in the session.", .muted)
    } else {
      states[index] = .skipped
      let products = CellProducts(source: step.cell.source)
      var warning = "Skipped cell \(step.cellNumber) without running it."
      if !products.names.isEmpty {
        let list = products.names.map { "`\(SafeText.escape($0))`" }.joined(separator: ", ")
        let them = products.names.count == 1 ? "it" : "them"
        warning += " It would have made \(list); later cells that use \(them) will fail."
      } else if products.changesSession {
        warning += " Later cells may depend on it."
      } else {
        warning += " It only looks at data, so later cells do not need it."
      }
      paragraph(warning, .warning)
    }
    line()
  }

  func summary(_ outcome: Outcome) -> Summary {
    Summary(
      outcome: outcome, ran: states.filter { $0 == .ran }.count,
      skipped: states.filter { $0 == .skipped }.count,
      failed: states.filter { $0 == .failed }.count)
  }

  func line(_ text: String = "") { write(text + "\n") }

  /// Prose wrapped at the screen's width, plain words painted in `role`
  /// and `code` marked (see `InlineText`). Names in it come from the
  /// notebook, so it is made safe first.
  func paragraph(_ text: String, _ role: ThemeRole? = nil, indent: String = "") {
    for wrapped in InlineText.render(
      SafeText.escape(text), width: width, firstIndent: indent, role: role, styler: styler)
    {
      line(wrapped)
    }
  }
}
