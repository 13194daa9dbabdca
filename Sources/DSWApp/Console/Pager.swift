import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Shows long or wide output in a pager: `$PAGER` when set, else `less -S`,
/// which scrolls sideways instead of wrapping, keeps colours (`-R`) and
/// leaves the last page on screen (`-X`).
///
/// Only ever made for a terminal: with output piped or redirected (tests,
/// `dsw run`, a script), there is no pager and text is written as it is.
struct Pager {
  /// The command line, run by `/bin/sh -c` so that `$PAGER` may carry flags.
  let command: String

  static let defaultCommand = "less -S -R -X"

  /// A pager for a session whose input and output are terminals, or nil.
  init?(environment: [String: String], isTerminal: Bool) {
    guard isTerminal else { return nil }
    let chosen = environment["PAGER"]?.trimmingCharacters(in: .whitespaces) ?? ""
    command = chosen.isEmpty ? Self.defaultCommand : chosen
  }

  /// Runs the pager on `text` and waits for the user to leave it. False when
  /// it could not start, so the caller prints the text instead.
  func page(_ text: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let input = Pipe()
    process.standardInput = input
    // Leaving the pager early closes the pipe: the write then fails with
    // EPIPE, which must not kill the session.
    signal(SIGPIPE, SIG_IGN)
    do {
      try process.run()
    } catch {
      return false
    }
    let body = text.hasSuffix("\n") ? text : text + "\n"
    try? input.fileHandleForWriting.write(contentsOf: Data(body.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    // A shell that cannot find the command exits 127: print instead.
    return process.terminationStatus != 127
  }
}
