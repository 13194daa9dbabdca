import DSWCore
import DSWTerminal
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where the app writes, and what it knows of the terminal it writes to.
final class Console: @unchecked Sendable {
  let isOutputTTY: Bool
  let isInputTTY: Bool
  let isErrorTTY: Bool
  var styler: Styler
  var errorStyler: Styler
  let environment: [String: String]

  init(
    colorMode: ColorMode, theme: Theme,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    isOutputTTY = isatty(STDOUT_FILENO) == 1
    isInputTTY = isatty(STDIN_FILENO) == 1
    isErrorTTY = isatty(STDERR_FILENO) == 1
    self.environment = environment
    styler = Styler(
      theme: theme, enabled: colorMode.resolve(isTTY: isOutputTTY, environment: environment))
    errorStyler = Styler(
      theme: theme, enabled: colorMode.resolve(isTTY: isErrorTTY, environment: environment))
  }

  /// The terminal's width, or `COLUMNS`, or 100 when output is not a terminal.
  var width: Int {
    var size = winsize()
    if isOutputTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
    return 100
  }

  /// The terminal's height, or `LINES`, or 24.
  var height: Int {
    var size = winsize()
    if isOutputTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 {
      return Int(size.ws_row)
    }
    if let lines = environment["LINES"].flatMap(Int.init), lines > 2 { return lines }
    return 24
  }

  func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  func line(_ text: String = "") { write(text + "\n") }

  func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// A diagnostic with its caret, on stderr.
  func report(_ diagnostic: Diagnostic, source: String?, location: String?) {
    error(render(diagnostic, source: source, location: location, styler: errorStyler))
  }

  func render(_ diagnostic: Diagnostic, source: String?, location: String?, styler: Styler)
    -> String
  {
    DiagnosticRenderer.render(
      diagnostic, source: source, location: location, style: TerminalDiagnosticStyle.make(styler))
  }
}

/// Colours for diagnostics, from the theme.
enum TerminalDiagnosticStyle {
  static func make(_ styler: Styler) -> DiagnosticStyle {
    DiagnosticStyle(
      severity: { styler.paint($0, .error) },
      message: { styler.paint($0, .emphasis) },
      gutter: { styler.paint($0, .gutter) },
      caret: { styler.paint($0, .caret) },
      help: { styler.paint($0, .help) })
  }
}
