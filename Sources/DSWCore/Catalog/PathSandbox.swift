/// Resolves the paths statements name, and keeps them inside the sandbox.
///
/// A relative path is taken from the notebook's folder. After `.` and `..`
/// are folded, the path must lie inside the notebook's folder or one of the
/// `--allow-path` folders. This is lexical; the app also resolves symlinks.
public struct PathSandbox: Sendable {
  public var base: String
  public var allowed: [String]

  public init(base: String, allowed: [String] = []) {
    self.base = PathSandbox.normalize(base)
    self.allowed = allowed.map(PathSandbox.normalize)
  }

  public func resolve(_ path: String, span: SourceSpan) throws(Diagnostic) -> String {
    let absolute = path.hasPrefix("/") ? path : base + "/" + path
    let normalized = PathSandbox.normalize(absolute)
    for root in [base] + allowed where PathSandbox.contains(root, normalized) {
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
