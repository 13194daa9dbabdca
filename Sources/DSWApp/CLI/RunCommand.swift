import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw run`: replays a notebook headlessly, for scheduled jobs and CI.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run every cell of a notebook in order and print the outputs.",
    discussion: """
      Exit codes: 0 when every cell ran; 1 when a cell failed (or, with --check, \
      when an output drifted); 2 for a usage error or a notebook that cannot be read.
      The input notebook is never modified: use --output to save the executed copy.
      """)

  @Argument(help: "The notebook (.dswnb) to run.")
  var notebook: String

  @ArgumentParser.Option(
    name: .customShort("p"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Override a parameter: -p NAME=VALUE.", valueName: "NAME=VALUE"))
  var parameters: [String] = []

  @ArgumentParser.Option(help: "Write the executed notebook, outputs included, to this file.")
  var output: String?

  @Flag(help: "Run every cell even after one fails (the exit code is still 1).")
  var allowErrors = false

  @ArgumentParser.Option(help: "How to print outputs: text, json (one line per cell) or md.")
  var format: OutputFormat = .text

  @Flag(help: "Compare each cell's output fingerprint with the stored one; exit 1 on drift.")
  var check = false

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let probe = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: probe)
    let (theme, warning) = ThemeLoader.load(
      display.theme ?? loaded.notebook.metadata.theme, near: loaded.folder)
    let console = Console(colorMode: display.color.mode, theme: theme)
    if let warning { console.error(warning) }

    let declared = NotebookRunner.declaredParameters(loaded.notebook)
    // An executed copy replays with the values it was run with; `-p` wins.
    var overrides = (RunParameters(metadata: loaded.notebook.metadata)?.values ?? [:])
      .filter { declared.contains($0.key) }
    overrides.merge(try parseOverrides(declared: declared, console: console)) { $1 }
    let progress = ProgressDisplay(enabled: console.isErrorTTY)
    let interrupt = Interrupt()
    let session = NotebookFile.makeSession(
      folder: loaded.folder, allowPaths: display.allowPaths, console: console,
      interrupt: interrupt, progress: progress, memoryLimit: try display.memoryLimitBytes())
    session.parameterOverrides = overrides

    let runner = NotebookRunner(
      session: session, options: .init(allowErrors: allowErrors), clock: MonotonicClock.now)
    var parameterError = false
    var (executed, failed) = runner.run(loaded.notebook) { report in
      progress.finish()
      printCell(report, console: console)
      if let error = report.error {
        console.report(
          error, source: report.cell.source,
          location: "cell \(report.index + 1) (\(report.cell.id))")
        if error.code == "P001" { parameterError = true }
      }
    }
    executed.metadata = RunParameters(overrides).recorded(in: executed.metadata)
    if format == .md { console.write(NotebookMarkdown.render(executed)) }
    if parameterError { throw ExitCode(2) }

    if let output {
      do {
        try AtomicFile.write(
          NotebookCodec.encodeBytes(executed), to: NotebookFile.absolutePath(output))
      } catch {
        console.report(error, source: nil, location: output)
        throw ExitCode(2)
      }
    }
    var drifted = false
    if check {
      drifted = reportDrift(original: loaded.notebook, executed: executed, console: console)
    }
    if failed || drifted { throw ExitCode(1) }
  }

  /// `-p NAME=VALUE` pairs; every name must be declared by a `param`.
  private func parseOverrides(declared: [String], console: Console) throws -> [String: String] {
    var overrides: [String: String] = [:]
    for parameter in parameters {
      guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
        console.error("error: -p takes NAME=VALUE, got \"\(SafeText.escape(parameter))\"")
        throw ExitCode(2)
      }
      let name = String(parameter[..<equals])
      guard declared.contains(name) else {
        let hint =
          Suggestion.closest(to: name, among: declared).map { "; did you mean `\($0)`?" } ?? ""
        let list =
          declared.isEmpty
          ? "it declares none" : "it declares " + declared.map { "`\($0)`" }.joined(separator: ", ")
        console.error(
          "error: -p \(SafeText.escape(name)): the notebook has no `param \(SafeText.escape(name))` (\(list))\(hint)"
        )
        throw ExitCode(2)
      }
      overrides[name] = String(parameter[parameter.index(after: equals)...])
    }
    return overrides
  }

  private func printCell(_ report: NotebookRunner.CellReport, console: Console) {
    let outputs = (report.cell.outputs ?? []).filter {
      if case .error = $0 { return false }
      return true
    }
    switch format {
    case .text:
      let badge = CellBadge.render(kind: report.cell.kind.rawValue, styler: console.styler)
      console.line(
        console.styler.paint("[\(report.index + 1)]", .muted) + " " + badge + " "
          + console.styler.paint(report.cell.id, .muted))
      for output in outputs {
        console.line(
          OutputRenderer.render(output, width: console.width, maxRows: 20, styler: console.styler))
      }
      console.line()
    case .json:
      var object: [String: JSONValue] = [
        "cell": .int(Int64(report.index + 1)), "id": .string(report.cell.id),
        "kind": .string(report.cell.kind.rawValue),
        "outputs": .array((report.cell.outputs ?? []).map(OutputCoding.json)),
      ]
      if let execution = report.cell.execution {
        object["status"] = .string(execution.status.rawValue)
        object["duration_ms"] = .int(Int64(execution.durationMs))
        object["fingerprint"] = .string(execution.fingerprint)
      }
      console.line(JSONWriter.compact(.object(object)))
    case .md:
      break
    }
  }

  private func reportDrift(original: Notebook, executed: Notebook, console: Console) -> Bool {
    var drifted: [String] = []
    var cells = 0
    for (index, cell) in original.cells.enumerated() where cell.kind.isCode {
      let now = executed.cells[index].execution?.fingerprint
      if cell.execution?.fingerprint == nil || cell.execution?.fingerprint != now {
        let reason = cell.execution == nil ? "has no stored output" : "output drifted"
        drifted.append("cell \(index + 1) (\(cell.id)): \(reason)")
        cells += 1
        // Which model metrics moved, from the runs the file kept.
        if cell.execution != nil {
          drifted += RunHistory.changes(stored: cell.runs, replayed: executed.cells[index].runs)
            .map { "  " + SafeText.escape($0) }
        }
      }
    }
    if drifted.isEmpty {
      console.error("check: every cell's output matches the stored fingerprint")
      return false
    }
    console.error("check: \(cells) cell\(cells == 1 ? "" : "s") drifted")
    for line in drifted { console.error("  " + line) }
    return true
  }
}

extension ColorChoice {
  var mode: ColorMode {
    switch self {
    case .auto: .auto
    case .always: .always
    case .never: .never
    }
  }
}
