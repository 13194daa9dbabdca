import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Edits text in the user's `$VISUAL` or `$EDITOR`, as git does: the command
/// is run by `/bin/sh` with a temporary file's path as its argument.
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command + " \"$1\"", "dsw-edit", path]
    do {
      try process.run()
    } catch {
      return .failed("cannot start the editor `\(command)`")
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failed("the editor `\(command)` exited with status \(process.terminationStatus)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failed("cannot read the edited file back")
    }
    return .edited(String(decoding: data, as: UTF8.self))
  }
}
