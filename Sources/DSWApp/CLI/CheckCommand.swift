import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw check`: parses every cell and plans it against the schemas known
/// without running anything, reporting what a run would report.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check every cell's names and types without running any.",
    discussion: """
      Schemas come from the generators, the header and first 64 KB of each loaded file, \
      and the pipelines before. Cells that need a schema that cannot be known are skipped \
      with a note. Diagnostics go to stderr; the summary goes to stdout.
      Exit codes: 0 when every cell checks, 1 when one has an error (or a warning, with \
      --strict), 2 when the file cannot be read.
      """)

  @Argument(help: "The notebook (.dswnb) to check.")
  var notebook: String

  @Flag(help: "Treat warnings as errors: exit 1 when there is any.")
  var strict = false

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let console = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: console)
    let sandbox = NotebookFile.makeSandbox(folder: loaded.folder, allowPaths: display.allowPaths)
    var checker = NotebookChecker(
      files: DiskFiles(sandbox: sandbox), sandbox: sandbox, formats: FileFormats.external)
    var errors = 0
    var warnings = 0
    var parameters: [String] = []
    var programs: [(cell: Int, program: Program)] = []
    for (index, cell) in loaded.notebook.cells.enumerated() where cell.kind.isCode {
      let location = "cell \(index + 1) (\(cell.id))"
      func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
        console.report(diagnostic, source: cell.source, location: location)
      }
      let result = Parser.parse(cell.source)
      result.diagnostics.forEach(report)
      if !result.diagnostics.isEmpty {
        checker.skipUnparsedCell()
        continue
      }
      programs.append((index, result.program))
      let inferred = CellKind.infer(from: result.program)
      if inferred != cell.kind {
        warnings += 1
        console.error(
          console.errorStyler.paint("warning", .warning)
            + ": \(location) is marked `\(cell.kind.rawValue)` but its statements make it `\(inferred.rawValue)`"
        )
      }
      for statement in result.program.statements {
        if case .param(let name, _) = statement.kind {
          if parameters.contains(name.text) {
            report(
              .warning("W202", "the parameter `\(name.text)` is declared again", at: name.span))
          }
          parameters.append(name.text)
        }
      }
      let checked = checker.check(result.program, source: cell.source)
      checked.diagnostics.forEach(report)
      for note in checked.notes {
        console.error(console.errorStyler.paint("note", .help) + ": \(location): \(note)")
      }
    }
    for (index, diagnostic) in ParameterShadowing.warnings(programs) {
      warnings += 1
      let cell = loaded.notebook.cells[index]
      console.report(diagnostic, source: cell.source, location: "cell \(index + 1) (\(cell.id))")
    }
    let codeCells = loaded.notebook.cells.filter(\.kind.isCode).count
    console.line(
      "checked \(codeCells) cell\(codeCells == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), "
        + "\(warnings) warning\(warnings == 1 ? "" : "s")")
    if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
  }
}
