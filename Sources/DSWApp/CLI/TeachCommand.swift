import ArgumentParser
import DSWCore
import DSWTerminal

/// `dsw teach NOTEBOOK`: a guided walk through a notebook.
struct TeachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "teach", abstract: "Walk through a notebook step by step, running each cell.",
    discussion: """
      At each step press Enter to run the cell, or type a dsw line of your own to try it \
      first; :back, :skip, :quit and :help steer. Input may be piped, one line per step \
      (yes '' | dsw teach NB runs every cell). Exit codes: 0 when the walk ended or you \
      quit; 1 when a notebook cell failed on the way; 2 when the notebook cannot be read.
      """)

  @Argument(help: "The notebook (.dswnb) to learn from.")
  var notebook: String

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let probe = Console(colorMode: display.color.mode, theme: Theme.builtinDark)
    let loaded = try NotebookFile.load(notebook, console: probe)
    let (theme, warning) = ThemeLoader.load(
      display.theme ?? loaded.notebook.metadata.theme, near: loaded.folder)
    let console = Console(colorMode: display.color.mode, theme: theme)
    if let warning { console.error(warning) }

    // On a terminal, readline gives line editing, and Ctrl-C stops a running
    // cell (the walk goes on) or, at the prompt, ends the walk. Piped input
    // is read plainly, and Ctrl-C keeps its usual meaning.
    let interrupt = console.isInputTTY ? Interrupt() : nil
    let progress = ProgressDisplay(enabled: console.isErrorTTY)
    let session = NotebookFile.makeSession(
      folder: loaded.folder, allowPaths: display.allowPaths, console: console,
      interrupt: interrupt, progress: progress, memoryLimit: try display.memoryLimitBytes())
    let reader: any LineReader =
      interrupt.map { ReadlineLineReader(interrupt: $0, history: nil, completer: nil) }
      ?? PlainLineReader(echoPrompt: false)
    let tutor = Tutor(
      notebook: loaded.notebook, notebookName: notebook, session: session, reader: reader,
      styler: console.styler, width: console.width, echoInput: !console.isInputTTY,
      write: console.write)
    tutor.afterRun = {
      progress.finish()
      interrupt?.reset()
    }
    let summary = tutor.run()
    if summary.failed > 0 { throw ExitCode(1) }
  }
}
