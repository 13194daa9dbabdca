import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `dsw NOTEBOOK`: opens the notebook in the REPL.
struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open a notebook in the interactive workbench (the default).")

  @Argument(help: "The notebook (.dswnb); created on first save when missing.")
  var notebook: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let probe = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let path = NotebookFile.absolutePath(notebook)
    let folder = NotebookFile.folder(of: path)
    let (opened, bytes) = try Self.open(path, shownAs: notebook, console: probe)

    let themeName = display.theme ?? opened.metadata.theme
    let (theme, warning) = ThemeLoader.load(themeName, near: folder)
    let console = Console(colorMode: display.color.mode, theme: theme)
    if let warning { console.error(warning) }

    let interrupt = Interrupt()
    let progress = ProgressDisplay(enabled: console.isErrorTTY)
    let session = NotebookFile.makeSession(
      folder: folder, allowPaths: display.allowPaths, console: console, interrupt: interrupt,
      progress: progress, memoryLimit: try display.memoryLimitBytes())

    var settings = WorkbenchSettings(
      notebookPath: path, styler: console.styler, themeName: themeName)
    settings.width = { console.width }
    settings.height = { console.height }
    if let pager = Pager(
      environment: console.environment, isTerminal: console.isOutputTTY && console.isInputTTY)
    {
      settings.page = { pager.page($0) }
    }
    settings.isInteractive = console.isInputTTY
    settings.clock = MonotonicClock.now
    settings.seed = Self.clockSeed()
    let runaway = RunawayGuard()
    settings.beforeRun = {
      interrupt.reset()
      runaway.setRunning(true)
    }
    settings.afterRun = {
      runaway.setRunning(false)
      progress.finish()
      // The terminal echoed ^C mid-line; start the report on a fresh one.
      if interrupt.isSet, console.isOutputTTY { console.write("\n") }
    }
    settings.loadTheme = { ThemeLoader.load($0, near: folder) }
    if let editor = EditorLauncher(environment: console.environment) {
      settings.editor = { editor.edit($0, fileExtension: $1) }
    }

    let completion = CompletionContext()
    let reader: any LineReader
    if console.isInputTTY {
      let themes = Self.themeNames(near: folder)
      let completer = Completer(
        names: { Self.completionNames(session, themes: themes) }, context: completion)
      reader = ReadlineLineReader(
        interrupt: interrupt,
        history: HistoryFile.defaultPath(environment: console.environment).map {
          HistoryFile(path: $0)
        },
        completer: completer)
    } else {
      reader = PlainLineReader()
    }
    let workbench = Workbench(
      reader: reader, screen: ConsoleScreen(console: console), session: session, notebook: opened,
      notebookBytes: bytes, settings: settings, completion: completion)
    workbench.run()
    // Like `dsw run`: a script piped into the REPL fails when a statement did.
    if !console.isInputTTY, workbench.failures > 0 { throw ExitCode(1) }
  }

  /// The notebook at `path` with its bytes, or a new one when there is no
  /// file. A file that cannot be read or parsed is refused (exit 2), never
  /// overwritten.
  static func open(_ path: String, shownAs name: String, console: Console) throws
    -> (Notebook, [UInt8]?)
  {
    guard FileManager.default.fileExists(atPath: path) else {
      let title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      return (Notebook(metadata: NotebookMetadata(title: title)), nil)
    }
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(path)
    } catch {
      console.report(error, source: nil, location: name)
      throw ExitCode(2)
    }
    do {
      return (try NotebookCodec.decode(bytes: bytes), bytes)
    } catch {
      console.report(error, source: String(decoding: bytes, as: UTF8.self), location: name)
      console.error("the notebook was not opened, and is unchanged")
      throw ExitCode(2)
    }
  }

  /// The names Tab completes, read from the session at each press.
  static func completionNames(_ session: Session, themes: [String]) -> CompletionNames {
    CompletionNames(
      datasets: session.datasetOrder, models: session.models.names,
      audiences: session.audienceOrder, columns: { session.datasets[$0]?.table.names },
      themes: themes)
  }

  /// Built-in themes and theme files found near the notebook, listed once.
  static func themeNames(near folder: String) -> [String] {
    var themes = Set(Theme.builtins.keys)
    for directory in ThemeLoader.searchPaths(near: folder) {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files where file.hasSuffix(".json") { themes.insert(String(file.dropLast(5))) }
    }
    return themes.sorted()
  }

  /// Cell ids need only differ between sessions, so the clock seeds them.
  static func clockSeed() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return UInt64(bitPattern: Int64(now.tv_sec)) &* 1_000_000_007
      ^ UInt64(bitPattern: Int64(now.tv_nsec)) ^ UInt64(UInt32(bitPattern: getpid())) << 32
  }
}
