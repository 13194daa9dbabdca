import DSWCore
import DSWTerminal
import Foundation

/// Where the workbench writes: the terminal, or a transcript in tests.
protocol WorkbenchScreen: AnyObject {
  /// Outputs, listings and messages.
  func write(_ text: String)
  /// Diagnostics and warnings (standard error on a terminal).
  func writeError(_ text: String)
}

extension WorkbenchScreen {
  func line(_ text: String = "") { write(text + "\n") }
  func errorLine(_ text: String) { writeError(text + "\n") }
}

/// The real terminal: standard output and standard error.
final class ConsoleScreen: WorkbenchScreen {
  private let console: Console

  init(console: Console) { self.console = console }

  func write(_ text: String) { console.write(text) }

  func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Everything written, in order, as one text: what a user would see.
final class TranscriptScreen: WorkbenchScreen {
  private(set) var text = ""

  func write(_ text: String) { self.text += text }

  func writeError(_ text: String) { self.text += text }
}

/// What the workbench needs from the world around it, so that tests can
/// drive it without a terminal, a clock or an editor.
struct WorkbenchSettings {
  /// The notebook's absolute path; the file may not exist yet.
  var notebookPath: String
  /// Colour on or off, with the theme in use.
  var styler: Styler
  /// The theme's name, as chosen by `--theme` or the notebook.
  var themeName: String?
  var width: () -> Int = { 100 }
  /// The terminal's height in lines: longer output goes to the pager.
  var height: () -> Int = { 24 }
  /// Shows text in the pager and returns true once the user leaves it, or
  /// false when no pager could start. Nil when output is not a terminal:
  /// then nothing is ever paged.
  var page: ((String) -> Bool)?
  /// How results print (`:mode`).
  var resultMode = ResultMode.table
  /// When results go to the pager (`:pager`).
  var pager = PagerSetting.auto
  /// Digits and separators of numbers (`:set digits`).
  var numbers = NumberStyle.display
  /// Standard input is a terminal: questions are asked. Otherwise the
  /// workbench decides (recovery happens, changes are saved at the end).
  var isInteractive = false
  var maxRows = 20
  var showTimer = false
  /// Monotonic nanoseconds, for durations.
  var clock: () -> UInt64 = { 0 }
  /// Seeds the ids of new cells.
  var seed: UInt64 = 1
  /// Called before each run: resets the Ctrl-C flag.
  var beforeRun: () -> Void = {}
  /// Called after each run: clears a progress bar.
  var afterRun: () -> Void = {}
  /// Finds a theme by name near the notebook's folder.
  var loadTheme: (String) -> (theme: Theme, warning: String?) = { name in
    (
      Theme.builtins[name] ?? Theme.builtinDark,
      Theme.builtins[name] == nil ? "no theme \(name)" : nil
    )
  }
  /// Edits text in the user's `$EDITOR`; nil when none is set, and `:edit`
  /// edits inline instead.
  var editor: ((_ text: String, _ fileExtension: String) -> EditorOutcome)?
}

/// How an edit in an external editor ended.
enum EditorOutcome: Equatable {
  case edited(String)
  case failed(String)
}
