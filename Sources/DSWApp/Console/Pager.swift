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
  ///
  /// The pager is started with `posix_spawn`, not Foundation's `Process`,
  /// which puts the child in a new session: `less` could then not read keys
  /// from the terminal and would quit at once.
  func page(_ text: String) -> Bool {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return false }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    let arguments: [String] = ["/bin/sh", "-c", command]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let started = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
    close(readEnd)
    guard started == 0 else {
      close(writeEnd)
      return false
    }
    // Leaving the pager early closes the pipe: the write then fails with
    // EPIPE, which must not kill the session.
    signal(SIGPIPE, SIG_IGN)
    let body = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
    var offset = 0
    while offset < body.count {
      let written = body[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { break }
      offset += written
    }
    close(writeEnd)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    // A shell that cannot find the command exits 127: print instead.
    return !(status & 0x7F == 0 && (status >> 8) & 0xFF == 127)
  }
}
