import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw export`: the notebook as Markdown or as a Jupyter notebook.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Convert a notebook to Markdown or to a Jupyter notebook (nbformat 4).")

  enum Target: String, ExpressibleByArgument, CaseIterable {
    case md, ipynb
  }

  @Argument(help: "The notebook (.dswnb) to convert.")
  var notebook: String

  @ArgumentParser.Option(help: "md or ipynb.")
  var to: Target

  @ArgumentParser.Option(name: .shortAndLong, help: "Where to write; standard output when omitted.")
  var output: String?

  func run() throws {
    let console = Console(colorMode: .never, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: console)
    let bytes = NotebookExport.bytes(loaded.notebook, to: to)
    guard let output else {
      console.write(String(decoding: bytes, as: UTF8.self))
      return
    }
    do {
      try AtomicFile.write(bytes, to: NotebookFile.absolutePath(output))
    } catch {
      console.report(error, source: nil, location: output)
      throw ExitCode(2)
    }
  }
}

/// Conversions of a notebook to other formats, shared by `dsw export` and `:export`.
enum NotebookExport {
  static func bytes(_ notebook: Notebook, to target: ExportCommand.Target) -> [UInt8] {
    switch target {
    case .md: Array(NotebookMarkdown.render(notebook).utf8)
    case .ipynb: JSONWriter.bytes(Ipynb.document(notebook), escapingUnsafe: true)
    }
  }
}
