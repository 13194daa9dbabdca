import ArgumentParser
import DSWCore

/// `dsw teach NOTEBOOK`: a guided walk through a notebook.
struct TeachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "teach", abstract: "Walk through a notebook step by step, running each cell.")

  @Argument(help: "The notebook (.dswnb) to learn from.")
  var notebook: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    throw ExitCode(2)
  }
}
