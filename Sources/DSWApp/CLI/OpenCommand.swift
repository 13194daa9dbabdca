import ArgumentParser
import DSWCore

/// `dsw NOTEBOOK`: opens the notebook in the REPL.
struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open a notebook in the interactive workbench (the default).")

  @Argument(help: "The notebook (.dswnb); created on first save when missing.")
  var notebook: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    throw ExitCode(2)
  }
}
