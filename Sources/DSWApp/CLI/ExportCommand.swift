import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw export`: the notebook as Markdown, a Jupyter notebook or an HTML report.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Convert a notebook to Markdown, a Jupyter notebook (nbformat 4) or an HTML report.",
    discussion: """
      Charts go out as pictures drawn from the notebook's chart data: SVG outputs in the \
      ipynb, SVG files beside the Markdown (in NAME_files/, when -o is given), and inline \
      SVG in the HTML report, which is one self-contained file with no script.
      """)

  enum Target: String, ExpressibleByArgument, CaseIterable {
    case md, ipynb, html
  }

  @Argument(help: "The notebook (.dswnb) to convert.")
  var notebook: String

  @ArgumentParser.Option(help: "md, ipynb or html.")
  var to: Target

  @ArgumentParser.Option(name: .shortAndLong, help: "Where to write; standard output when omitted.")
  var output: String?

  func run() throws {
    let console = Console(colorMode: .never, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: console)
    let theme = NotebookExport.theme(loaded.notebook, folder: loaded.folder)
    let files = NotebookExport.files(
      loaded.notebook, to: to, path: output.map(NotebookFile.absolutePath), theme: theme)
    guard output != nil else {
      console.write(String(decoding: files[0].bytes, as: UTF8.self))
      return
    }
    do {
      try NotebookExport.write(files)
    } catch {
      console.report(error, source: nil, location: output)
      throw ExitCode(2)
    }
  }
}

/// Conversions of a notebook to other formats, shared by `dsw export` and `:export`.
enum NotebookExport {
  /// One file an export writes: the main one first, then pictures.
  struct File {
    var path: String
    var bytes: [UInt8]
  }

  /// The theme whose chart colours the pictures use: the notebook's own,
  /// else `light`, since reports are read on white paper.
  static func theme(_ notebook: Notebook, folder: String) -> Theme {
    guard let name = notebook.metadata.theme else { return .builtinLight }
    return ThemeLoader.load(name, near: folder).theme
  }

  /// The files for `target`, the main one at `path` (nil: standard output,
  /// where Markdown keeps its charts as text, having nowhere to put pictures;
  /// likewise a device or a pipe such as `/dev/null`).
  static func files(
    _ notebook: Notebook, to target: ExportCommand.Target, path: String?, theme: Theme
  )
    -> [File]
  {
    let main = path ?? "-"
    switch target {
    case .ipynb:
      return [
        File(
          path: main,
          bytes: JSONWriter.bytes(Ipynb.document(notebook, theme: theme), escapingUnsafe: true))
      ]
    case .html:
      return [File(path: main, bytes: Array(NotebookHTML.render(notebook, theme: theme).utf8))]
    case .md:
      guard let path, !AtomicFile.isWrittenThrough(path) else {
        return [File(path: main, bytes: Array(NotebookMarkdown.render(notebook).utf8))]
      }
      let folderName = pictureFolder(for: path)
      var pictures: [File] = []
      let markdown = NotebookMarkdown.render(notebook) { cell, index, chart in
        let name = "\(folderName)/\(cell.id)-\(index + 1).svg"
        pictures.append(
          File(
            path: parent(of: path) + name, bytes: Array(SVGChart.render(chart, theme: theme).utf8)))
        return name
      }
      return [File(path: path, bytes: Array(markdown.utf8))] + pictures
    }
  }

  /// Writes each file atomically, making missing folders first, as
  /// nbconvert does for its `_files` folder.
  static func write(_ files: [File]) throws(Diagnostic) {
    for file in files {
      try AtomicFile.createFolders(AtomicFile.split(file.path).folder)
      try AtomicFile.write(file.bytes, to: file.path)
    }
  }

  /// `report_files` for `out/report.md`, as Jupyter's nbconvert names it.
  static func pictureFolder(for path: String) -> String {
    var name = String(path.split(separator: "/").last ?? "notebook")
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
    return name + "_files"
  }

  /// The folder part of `path`, with its trailing slash; empty for a bare name.
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[...slash])
  }
}
