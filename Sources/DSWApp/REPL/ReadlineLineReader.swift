import CReadline
import DSWCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// GNU readline on a terminal: line editing, history, Tab completion, and
/// Ctrl-C that clears the line.
///
/// Uses readline's callback interface, so the wait for a key can also watch
/// the Ctrl-C flag: SIGINT is caught by `Interrupt` (no Swift runs in signal
/// context) and readline's own signal handling is off.
final class ReadlineLineReader: LineReader {
  private let interrupt: Interrupt
  private let history: HistoryFile?
  private var lastEntry: String?

  init(interrupt: Interrupt, history: HistoryFile?, completer: Completer?) {
    self.interrupt = interrupt
    self.history = history
    ReadlineGlue.completer = completer
    ReadlineGlue.configure()
    using_history()
    for entry in history?.load() ?? [] { add_history(entry) }
    lastEntry = nil
  }

  var canPrefill: Bool { true }

  func readLine(prompt: String) -> String? {
    if case .line(let line) = read(prompt: prompt, initial: nil) { return line }
    return nil
  }

  func read(prompt: String, initial: String?) -> LineInput {
    interrupt.reset()
    ReadlineGlue.finished = false
    ReadlineGlue.result = nil
    rl_callback_handler_install(Self.readlinePrompt(prompt), readlineLineHandler)
    if let initial, !initial.isEmpty {
      rl_insert_text(initial)
      rl_redisplay()
    }
    while !ReadlineGlue.finished {
      if interrupt.isSet {
        interrupt.reset()
        abandonLine()
        return .interrupted
      }
      var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      // Wake up now and then to notice Ctrl-C; a key press wakes at once.
      if poll(&descriptor, 1, 50) > 0 {
        rl_callback_read_char()
      }
    }
    return ReadlineGlue.result.map(LineInput.line) ?? .end
  }

  /// Ctrl-C at the prompt: drop the line and move to a fresh one.
  private func abandonLine() {
    // First: readline's cleanup ends bracketed paste with a carriage return.
    FileHandle.standardOutput.write(Data("^C\n".utf8))
    rl_free_line_state()
    rl_callback_sigcleanup()
    dsw_rl_clear_line()
    rl_cleanup_after_signal()
    rl_callback_handler_remove()
  }

  func addHistory(_ entry: String) {
    // A password typed in a connection URL (which `connect` refuses) is
    // not kept.
    let entry = ConnectionString.redactingPasswords(in: entry)
    guard !entry.isEmpty, entry != lastEntry else { return }
    lastEntry = entry
    add_history(entry)
    history?.append(entry)
  }

  /// Readline counts every byte of a prompt as a column unless escape
  /// sequences are bracketed by \u{1} and \u{2}.
  static func readlinePrompt(_ prompt: String) -> String {
    var result = ""
    var inEscape = false
    for scalar in prompt.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
        result += "\u{1}"
      }
      result.unicodeScalars.append(scalar)
      if inEscape, ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) {
        inEscape = false
        result += "\u{2}"
      }
    }
    return result
  }
}

/// Readline's callbacks are C functions with no context pointer, so what they
/// need lives here.
///
/// Only touched on the main thread: readline calls back from inside
/// `rl_callback_read_char` and `rl_completion_matches`, which the REPL calls
/// on the main thread.
enum ReadlineGlue {
  nonisolated(unsafe) static var completer: Completer?
  nonisolated(unsafe) static var finished = false
  nonisolated(unsafe) static var result: String?
  nonisolated(unsafe) static var matches: [String] = []
  nonisolated(unsafe) static var matchIndex = 0
  /// C strings readline keeps pointers to, so they must live for good.
  nonisolated(unsafe) static let wordBreaks = strdup(" \t\n\"'`@$><=;|&{(,)[]+-*%!")
  nonisolated(unsafe) static let name = strdup("dsw")
  nonisolated(unsafe) static let quotes = strdup("\"")

  static func configure() {
    dsw_rl_set_catch_signals(0)
    dsw_rl_set_readline_name(name)
    dsw_rl_set_word_break(wordBreaks)
    dsw_rl_set_completer_quotes(quotes)
    dsw_rl_set_completion(readlineComplete)
  }
}

/// The line callback: keeps the line and ends the wait.
private func readlineLineHandler(_ line: UnsafeMutablePointer<CChar>?) {
  ReadlineGlue.finished = true
  if let line {
    ReadlineGlue.result = String(cString: line)
    free(line)
  } else {
    ReadlineGlue.result = nil
  }
  // Removing the handler here stops readline from printing a new prompt.
  rl_callback_handler_remove()
}

/// The attempted-completion callback: asks the `Completer`.
private func readlineComplete(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  guard let completer = ReadlineGlue.completer, let text, let buffer = dsw_rl_line_buffer() else {
    return nil
  }
  let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(0, start)))
  let before = String(decoding: bytes, as: UTF8.self)
  let word = String(cString: text)
  guard let matches = completer.complete(before: before, word: word) else {
    return nil  // readline completes a file name
  }
  dsw_rl_set_attempted_over(1)
  if matches.count == 1, let only = matches.first, only.hasSuffix("(") {
    dsw_rl_set_completion_append(0)
  }
  ReadlineGlue.matches = matches
  ReadlineGlue.matchIndex = 0
  return rl_completion_matches(text, readlineNextMatch)
}

/// The generator `rl_completion_matches` calls until it returns NULL.
private func readlineNextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32)
  -> UnsafeMutablePointer<CChar>?
{
  if state == 0 { ReadlineGlue.matchIndex = 0 }
  guard ReadlineGlue.matchIndex < ReadlineGlue.matches.count else { return nil }
  defer { ReadlineGlue.matchIndex += 1 }
  return strdup(ReadlineGlue.matches[ReadlineGlue.matchIndex])
}
