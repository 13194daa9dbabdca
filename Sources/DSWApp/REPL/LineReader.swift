import Foundation

/// What one read from a `LineReader` gave.
enum LineInput: Equatable {
  /// A line without its newline. A recalled multi-line history entry comes
  /// back whole, with `\n` between its lines.
  case line(String)
  /// Ctrl-C at the prompt: the line typed so far is gone.
  case interrupted
  /// End of input (Ctrl-D on an empty line, or the end of a pipe).
  case end
}

/// Where the REPL and teach mode get their input, one line at a time.
///
/// Readline on a terminal, plain reads from a pipe, or a script in tests:
/// everything above this protocol is the same.
protocol LineReader: AnyObject {
  /// The next line without its newline, or nil at end of input (Ctrl-D).
  func readLine(prompt: String) -> String?
  /// Records a complete (possibly multi-line) entry in the history.
  func addHistory(_ entry: String)
  /// The next line, telling Ctrl-C apart from the end of input. `initial`
  /// is text already in place for the user to edit, where the reader can
  /// do that (`canPrefill`).
  func read(prompt: String, initial: String?) -> LineInput
  /// Whether `read(prompt:initial:)` shows `initial` for editing.
  var canPrefill: Bool { get }
}

extension LineReader {
  func read(prompt: String, initial: String?) -> LineInput {
    readLine(prompt: prompt).map(LineInput.line) ?? .end
  }

  func read(prompt: String) -> LineInput { read(prompt: prompt, initial: nil) }

  var canPrefill: Bool { false }
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
///
/// The line `ScriptedLineReader.interrupt` stands for Ctrl-C at the prompt.
/// With `canPrefill`, each scripted line is what the user left in place
/// after editing the text offered to them (recorded in `prefills`).
final class ScriptedLineReader: LineReader {
  /// A scripted line that reads as Ctrl-C.
  static let interrupt = "\u{3}"

  private var lines: [String]
  private(set) var prompts: [String] = []
  private(set) var history: [String] = []
  private(set) var prefills: [String] = []
  let canPrefill: Bool

  init(_ lines: [String], canPrefill: Bool = false) {
    self.lines = lines
    self.canPrefill = canPrefill
  }

  func readLine(prompt: String) -> String? {
    prompts.append(prompt)
    return lines.isEmpty ? nil : lines.removeFirst()
  }

  func read(prompt: String, initial: String?) -> LineInput {
    if canPrefill, let initial { prefills.append(initial) }
    guard let line = readLine(prompt: prompt) else { return .end }
    return line == Self.interrupt ? .interrupted : .line(line)
  }

  func addHistory(_ entry: String) { history.append(entry) }
}
