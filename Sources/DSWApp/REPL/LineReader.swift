import Foundation

/// Where the REPL and teach mode get their input, one line at a time.
///
/// Readline on a terminal, plain reads from a pipe, or a script in tests:
/// everything above this protocol is the same.
protocol LineReader: AnyObject {
  /// The next line without its newline, or nil at end of input (Ctrl-D).
  func readLine(prompt: String) -> String?
  /// Records a complete (possibly multi-line) entry in the history.
  func addHistory(_ entry: String)
}

/// Reads plain lines from standard input: for pipes and scripts.
final class PlainLineReader: LineReader {
  private let echoPrompt: Bool

  init(echoPrompt: Bool = false) { self.echoPrompt = echoPrompt }

  func readLine(prompt: String) -> String? {
    if echoPrompt {
      FileHandle.standardOutput.write(Data(prompt.utf8))
    }
    return Swift.readLine(strippingNewline: true)
  }

  func addHistory(_ entry: String) {}
}

/// Lines given up front: tests drive the REPL with this.
final class ScriptedLineReader: LineReader {
  private var lines: [String]
  private(set) var prompts: [String] = []
  private(set) var history: [String] = []

  init(_ lines: [String]) { self.lines = lines }

  func readLine(prompt: String) -> String? {
    prompts.append(prompt)
    return lines.isEmpty ? nil : lines.removeFirst()
  }

  func addHistory(_ entry: String) { history.append(entry) }
}
