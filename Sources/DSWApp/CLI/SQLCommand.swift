import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw sql NB CELL`: the SQL each pipeline of a cell compiles to, with the
/// schemas known from the cells before it, as `dsw check` knows them.
struct SQLCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sql",
    abstract: "Print the SQL (PostgreSQL) that a cell's pipelines compile to.",
    discussion: """
      Nothing runs: schemas come from the cells before CELL, as `dsw check` finds them. \
      Each pipeline's SQL covers its longest prefix that compiles; the steps after it are \
      listed as comments, with the reason. Exit codes: 0 when every pipeline plans, 1 when \
      one has an error or the cell has no pipeline, 2 when the file cannot be read or CELL \
      names no cell.
      """)

  @Argument(help: "The notebook (.dswnb).")
  var notebook: String

  @Argument(help: "The cell: its id, or its 1-based number.")
  var cell: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let console = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: console)
    let cells = loaded.notebook.cells
    guard
      let target = cells.firstIndex(where: { $0.id == cell })
        ?? Int(cell).flatMap({ cells.indices.contains($0 - 1) ? $0 - 1 : nil })
    else {
      console.error(
        console.errorStyler.paint("error", .error)
          + ": no cell `\(SafeText.escape(cell))`: give a cell id or a number from 1 to \(cells.count)"
      )
      throw ExitCode(2)
    }
    let sandbox = NotebookFile.makeSandbox(folder: loaded.folder, allowPaths: display.allowPaths)
    var checker = NotebookChecker(
      files: DiskFiles(sandbox: sandbox), sandbox: sandbox, formats: FileFormats.external)
    for (index, earlier) in cells.enumerated() where index < target && earlier.kind.isCode {
      let parsed = Parser.parse(earlier.source)
      if parsed.diagnostics.isEmpty {
        _ = checker.check(parsed.program, source: earlier.source)
      } else {
        checker.skipUnparsedCell()
      }
    }
    let chosen = cells[target]
    let location = "cell \(target + 1) (\(chosen.id))"
    let parsed = Parser.parse(chosen.source)
    for diagnostic in parsed.diagnostics {
      console.report(diagnostic, source: chosen.source, location: location)
    }
    guard parsed.diagnostics.isEmpty else { throw ExitCode(1) }
    let results = checker.compileSQL(parsed.program, source: chosen.source)
    guard !results.isEmpty else {
      console.error(
        console.errorStyler.paint("error", .error) + ": \(location) has no pipeline to compile")
      throw ExitCode(1)
    }
    var failed = false
    for (position, (item, outcome)) in results.enumerated() {
      if position > 0 { console.line() }
      console.line("-- \(location), \(item.label)")
      switch outcome {
      case .compiled(let compiled):
        let text = SQLPlanText.sql(compiled, source: chosen.source)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
          console.line(SafeText.escape(String(line)))
        }
      case .failed(let diagnostic):
        failed = true
        console.report(diagnostic, source: chosen.source, location: location)
      case .unknown(let reason):
        console.line("-- not compiled: \(SafeText.escape(reason))")
      }
    }
    if failed { throw ExitCode(1) }
  }
}
