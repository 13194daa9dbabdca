import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw check`: parses and validates every cell without running any.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and validate every cell without running any.",
    discussion:
      "Exit codes: 0 when every cell is valid, 1 when one is not, 2 when the file cannot be read.")

  @Argument(help: "The notebook (.dswnb) to check.")
  var notebook: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let console = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: console)
    var invalid = 0
    var warnings = 0
    var parameters: [String] = []
    var programs: [(cell: Int, program: Program)] = []
    for (index, cell) in loaded.notebook.cells.enumerated() where cell.kind.isCode {
      let location = "cell \(index + 1) (\(cell.id))"
      let result = Parser.parse(cell.source)
      for diagnostic in result.diagnostics {
        console.report(diagnostic, source: cell.source, location: location)
      }
      if !result.diagnostics.isEmpty {
        invalid += 1
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
            warnings += 1
            console.report(
              .warning("W202", "the parameter `\(name.text)` is declared again", at: name.span),
              source: cell.source, location: location)
          }
          parameters.append(name.text)
        }
      }
    }
    for (index, diagnostic) in ParameterShadowing.warnings(programs) {
      warnings += 1
      let cell = loaded.notebook.cells[index]
      console.report(diagnostic, source: cell.source, location: "cell \(index + 1) (\(cell.id))")
    }
    let codeCells = loaded.notebook.cells.filter(\.kind.isCode).count
    let summary =
      "\(notebook): \(codeCells) code cells, \(invalid) invalid, \(warnings) warning\(warnings == 1 ? "" : "s")"
    console.error(summary)
    if invalid > 0 { throw ExitCode(1) }
  }
}
