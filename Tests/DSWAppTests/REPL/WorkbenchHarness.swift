import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// A scripted reader that also writes each prompt and typed line to the
/// transcript, so a golden reads like the terminal would.
final class EchoingReader: LineReader {
  let script: ScriptedLineReader
  let screen: TranscriptScreen

  init(_ lines: [String], screen: TranscriptScreen, canPrefill: Bool = false) {
    script = ScriptedLineReader(lines, canPrefill: canPrefill)
    self.screen = screen
  }

  var canPrefill: Bool { script.canPrefill }

  func readLine(prompt: String) -> String? {
    if case .line(let line) = read(prompt: prompt, initial: nil) { return line }
    return nil
  }

  func read(prompt: String, initial: String?) -> LineInput {
    let input = script.read(prompt: prompt, initial: initial)
    switch input {
    case .line(let line): screen.write(prompt + SafeText.escape(line) + "\n")
    case .interrupted: screen.write(prompt + "^C\n")
    case .end: screen.write(prompt + "^D\n")
    }
    return input
  }

  func addHistory(_ entry: String) { script.addHistory(entry) }
}

/// A workbench on a notebook in a fresh temporary folder, driven by a script.
final class WorkbenchHarness {
  let folder: TemporaryFolder
  let path: String
  let screen = TranscriptScreen()
  var settings: WorkbenchSettings
  let session = Session()

  init(name: String = "nb.dswnb", color: Bool = false) throws {
    folder = try TemporaryFolder()
    path = folder.path + "/" + name
    settings = WorkbenchSettings(
      notebookPath: path, styler: Styler(theme: Theme.builtinDark, enabled: color), themeName: nil)
    settings.width = { 80 }
    settings.seed = 7
    settings.loadTheme = { name in
      guard let theme = Theme.builtins[name] else {
        return (Theme.builtinDark, "warning: no theme called `\(name)`")
      }
      return (theme, nil)
    }
  }

  deinit { folder.remove() }

  /// The notebook on disk, or nil when there is none.
  func savedNotebook() throws -> Notebook? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return try NotebookCodec.decode(bytes: AtomicFile.read(path))
  }

  func fileBytes() -> [UInt8]? { try? AtomicFile.read(path) }

  func writeNotebook(_ notebook: Notebook) throws {
    try AtomicFile.write(NotebookCodec.encodeBytes(notebook), to: path)
  }

  /// A workbench on the notebook as it is on disk (or a new one).
  func workbench(_ lines: [String], canPrefill: Bool = false) throws -> (Workbench, EchoingReader) {
    let bytes = fileBytes()
    let notebook = try bytes.map { try NotebookCodec.decode(bytes: $0) } ?? Notebook()
    let reader = EchoingReader(lines, screen: screen, canPrefill: canPrefill)
    let workbench = Workbench(
      reader: reader, screen: screen, session: session, notebook: notebook, notebookBytes: bytes,
      settings: settings)
    return (workbench, reader)
  }

  /// Runs a whole session: greeting, recovery, every line, then quit.
  @discardableResult
  func run(_ lines: [String], canPrefill: Bool = false) throws -> Workbench {
    let (workbench, _) = try workbench(lines, canPrefill: canPrefill)
    workbench.run()
    return workbench
  }

  /// The transcript with the temporary folder's path made stable.
  var transcript: String {
    screen.text.replacingOccurrences(of: folder.path, with: "$TMP")
  }
}

/// Golden files under `Snapshots/REPL/`. A missing golden is recorded and
/// the test fails once; `DSW_RECORD=1` re-records.
enum REPLSnapshot {
  static func assertMatches(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Snapshots/REPL/" + name + ".txt")
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if let expected, !recording {
      #expect(actual == expected, "golden \(name) differs", sourceLocation: sourceLocation)
      return
    }
    if expected == actual { return }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      Issue.record("could not record golden \(name): \(error)", sourceLocation: sourceLocation)
      return
    }
    Issue.record("recorded golden \(name); run again to compare", sourceLocation: sourceLocation)
  }
}
