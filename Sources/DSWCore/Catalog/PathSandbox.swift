/// Resolves the paths statements name, and keeps them inside the sandbox.
///
/// A relative path is taken from the notebook's folder. After `.` and `..`
/// are folded, the path must lie inside the notebook's folder or one of the
/// `--allow-path` folders. This is lexical; the app also resolves symlinks.
///
/// A path holding a control character is refused before anything else: the
/// system calls stop at a NUL, so `"nb.dswnb\u{0}.csv"` would pass the
/// extension check and then write `nb.dswnb`; and a name with ESC or a line
/// break in it is a trap for whoever lists the folder later.
///
/// Inside the sandbox, a notebook may still be a stranger's, so two more
/// kinds of name are refused: hidden files and folders (a component starting
/// with `.`, such as `.git/config` or `.env`), for reading and writing; and,
/// for writing, any file that is not a data file (`.csv`, `.tsv`, `.tab`,
/// `.txt`, `.json`, `.jsonl`, `.ndjson`, `.parquet`), so an export cannot replace the
/// notebook itself, a script or a configuration file.
public struct PathSandbox: Sendable {
  /// Whether a statement reads the file or writes it.
  public enum Access: Sendable {
    case read, write
  }

  /// The extensions of the files statements may write.
  public static let writableExtensions = [
    ".csv", ".tsv", ".tab", ".txt", ".json", ".jsonl", ".ndjson", ".parquet",
  ]

  public var base: String
  public var allowed: [String]

  public init(base: String, allowed: [String] = []) {
    self.base = PathSandbox.normalize(base)
    self.allowed = allowed.map(PathSandbox.normalize)
  }

  public func resolve(_ path: String, span: SourceSpan, for access: Access = .read)
    throws(Diagnostic) -> String
  {
    try Self.refuseControlCharacters(in: path, span: span)
    let absolute = path.hasPrefix("/") ? path : base + "/" + path
    let normalized = PathSandbox.normalize(absolute)
    for root in [base] + allowed where PathSandbox.contains(root, normalized) {
      try Self.refuseHidden(normalized.dropFirst(root == "/" ? 0 : root.count), path, span: span)
      if access == .write { try Self.refuseNonData(normalized, path, span: span) }
      return normalized
    }
    throw Diagnostic.error(
      "F010", "the path \"\(path)\" is outside the notebook's folder", at: span,
      notes: [
        "notebooks may read and write only inside \(base)"
          + (allowed.isEmpty ? "" : " and " + allowed.joined(separator: ", "))
      ],
      help: "run with `--allow-path DIR` to allow another folder")
  }

  /// Throws F011 when `path` holds a C0 control (NUL included), DEL or a C1 control.
  public static func refuseControlCharacters(in path: String, span: SourceSpan? = nil)
    throws(Diagnostic)
  {
    guard let scalar = path.unicodeScalars.first(where: isControl) else { return }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let name = scalar.value == 0 ? "NUL, " + code : code
    throw Diagnostic.error(
      "F011", "the path \"\(path)\" holds a control character (\(name))", at: span,
      notes: ["a file name cannot hold NUL, other control characters or DEL"],
      help: "remove the control character from the path")
  }

  /// Throws F012 when a component of `inside` (the path below its sandbox
  /// root) is hidden.
  static func refuseHidden(_ inside: Substring, _ path: String, span: SourceSpan)
    throws(Diagnostic)
  {
    guard let hidden = inside.split(separator: "/").first(where: { $0.hasPrefix(".") }) else {
      return
    }
    throw Diagnostic.error(
      "F012", "the path \"\(path)\" names a hidden file or folder (`\(hidden)`)", at: span,
      notes: ["notebooks may not read or write hidden files and folders, such as `.git` or `.env`"],
      help: "use a path in which no file or folder name starts with `.`")
  }

  /// Throws F013 when `normalized` is not a data file a statement may write.
  static func refuseNonData(_ normalized: String, _ path: String, span: SourceSpan)
    throws(Diagnostic)
  {
    let name = normalized.split(separator: "/").last.map { $0.lowercased() } ?? ""
    guard !writableExtensions.contains(where: { name.hasSuffix($0) && name.count > $0.count })
    else { return }
    throw Diagnostic.error(
      "F013", "the path \"\(path)\" is not a data file, so a notebook may not write it",
      at: span,
      notes: [
        "statements write only files ending in "
          + writableExtensions.dropLast().joined(separator: ", ") + " or "
          + (writableExtensions.last ?? "")
      ],
      help: "give the file one of those extensions")
  }

  /// C0 controls, DEL and C1 controls.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  static func contains(_ root: String, _ path: String) -> Bool {
    root == "/" || path == root || path.hasPrefix(root + "/")
  }

  /// Folds `.`, `..` and repeated slashes of an absolute path.
  public static func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
