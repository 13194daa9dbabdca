import Foundation

/// The REPL's persistent history: `$XDG_STATE_HOME/dsw/history`.
///
/// One entry per line, with `\` written `\\` and a newline written `\n`, so
/// a multi-line entry stays one entry (readline's own file format would split
/// it). Entries are appended as they are made; the file is cut back to the
/// last `limit` entries when it is opened.
struct HistoryFile {
  let path: String
  var limit = 1000

  /// `$XDG_STATE_HOME/dsw/history`, else `~/.local/state/dsw/history`; nil
  /// when neither is known.
  static func defaultPath(environment: [String: String]) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/dsw/history"
    }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/dsw/history" }
    return nil
  }

  /// The entries, oldest first; trims the file when it has grown too long.
  func load() -> [String] {
    guard let bytes = try? AtomicFile.read(path) else { return [] }
    let entries = bytes.split(separator: UInt8(ascii: "\n")).map {
      Self.decode(String(decoding: $0, as: UTF8.self))
    }
    guard entries.count > limit else { return entries }
    let kept = Array(entries.suffix(limit))
    try? AtomicFile.write(Array(kept.map { Self.encode($0) + "\n" }.joined().utf8), to: path)
    return kept
  }

  /// Appends one entry; history is a convenience, so failures are ignored.
  func append(_ entry: String) {
    try? AtomicFile.createFolders(AtomicFile.split(path).folder)
    guard let handle = FileHandle(forWritingAtPath: path) ?? create() else { return }
    defer { try? handle.close() }
    _ = try? handle.seekToEnd()
    try? handle.write(contentsOf: Data((Self.encode(entry) + "\n").utf8))
  }

  private func create() -> FileHandle? {
    guard
      FileManager.default.createFile(
        atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    else { return nil }
    return FileHandle(forWritingAtPath: path)
  }

  static func encode(_ entry: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in entry.unicodeScalars {
      switch scalar {
      case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": result.append(contentsOf: "\\n".unicodeScalars)
      case "\r": result.append(contentsOf: "\\r".unicodeScalars)
      default: result.append(scalar)
      }
    }
    return String(result)
  }

  static func decode(_ line: String) -> String {
    var result = String.UnicodeScalarView()
    var escaping = false
    for scalar in line.unicodeScalars {
      if escaping {
        switch scalar {
        case "n": result.append("\n")
        case "r": result.append("\r")
        default: result.append(scalar)
        }
        escaping = false
      } else if scalar == "\\" {
        escaping = true
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }
}
