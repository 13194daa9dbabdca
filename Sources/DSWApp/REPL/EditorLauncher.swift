import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Edits text in the user's `$VISUAL` or `$EDITOR`, as git does: the command
/// is run by `/bin/sh` with a temporary file's path as its argument.
///
/// The editor is started with `posix_spawn`, not Foundation's `Process`,
/// which puts the child in a new session and so takes the terminal from it.
struct EditorLauncher {
  let command: String

  /// The launcher for `environment`, or nil when no editor is set.
  init?(environment: [String: String]) {
    guard
      let command = [environment["VISUAL"], environment["EDITOR"]].compactMap({ $0 })
        .first(where: { !$0.trimmingSpaces.isEmpty })
    else { return nil }
    self.command = command
  }

  func edit(_ text: String, fileExtension: String) -> EditorOutcome {
    var template = Array(
      (NSTemporaryDirectory() + "/dsw-cell-XXXXXX." + fileExtension).utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemps(base, Int32(fileExtension.utf8.count + 1))
    }
    guard descriptor >= 0 else {
      return .failed("cannot create a temporary file: \(String(cString: strerror(errno)))")
    }
    close(descriptor)
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    do {
      try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      return .failed("cannot write the temporary file \(path)")
    }
    switch run(["/bin/sh", "-c", command + " \"$1\"", "dsw-edit", path]) {
    case .failure(let error): return .failed(error.reason)
    case .success(let status) where status != 0:
      return .failed("the editor `\(command)` exited with status \(status)")
    case .success: break
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failed("cannot read the edited file back")
    }
    return .edited(String(decoding: data, as: UTF8.self))
  }

  /// Runs `arguments` in the foreground and waits: its exit status, or why
  /// it could not start.
  private func run(_ arguments: [String]) -> Result<Int32, EditorError> {
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let started = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
    guard started == 0 else {
      return .failure(
        EditorError("cannot start the editor `\(command)`: \(String(cString: strerror(started)))"))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .failure(EditorError("lost track of the editor")) }
    }
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    if status & 0x7F == 0 { return .success((status >> 8) & 0xFF) }
    return .failure(EditorError("the editor `\(command)` was ended by signal \(status & 0x7F)"))
  }
}

/// Why the editor could not be run.
struct EditorError: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}
