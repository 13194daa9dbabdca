/// The files a `load` path names: one file, a glob (`lake/*.parquet`,
/// `lake/**/*.parquet`), or a folder read recursively, with the values of
/// Hive-style partition folders (`date=2024-01-01/country=FR/`).
///
/// Names starting with `.` or `_` are skipped inside folders, as Spark and
/// Hive writers leave `_SUCCESS`, `_metadata` and `.crc` files beside the data.
public enum FileSet {
  /// At most this many files make one dataset.
  public static let maximumFiles = 100_000
  static let maximumDepth = 32

  /// - Parameters:
  ///   - path: the path as written, for messages and display paths.
  ///   - resolved: the path after the sandbox resolved it.
  public static func expand(
    _ path: String, resolved: String, extensions: [String], access: any FileAccess,
    span: SourceSpan
  ) throws(Diagnostic) -> [ExternalFile] {
    let resolved =
      resolved.count > 1 && resolved.hasSuffix("/") ? String(resolved.dropLast()) : resolved
    let components = resolved.split(separator: "/").map(String.init)
    let firstGlob = components.firstIndex { $0.contains(where: { "*?[".contains($0) }) }
    var files: [String] = []
    let root: String
    if let firstGlob {
      root = "/" + components[..<firstGlob].joined(separator: "/")
      try match(
        Array(components[firstGlob...]), in: root, access: access, span: span, into: &files,
        depth: 0)
    } else if let entries = try access.entries(of: resolved, span: span) {
      root = resolved
      try walk(
        resolved, entries, extensions: extensions, access: access, span: span, into: &files,
        depth: 0)
    } else {
      return [ExternalFile(path: resolved, displayPath: path)]
    }
    guard !files.isEmpty else {
      throw Diagnostic.error(
        "F105", "no \(extensions.first ?? "") files match \"\(path)\"", at: span,
        help: firstGlob == nil
          ? "the folder holds no data files" : "check the pattern; `*` matches within one folder")
    }
    let displayRoot = displayPrefix(path, components: components, firstGlob: firstGlob)
    return try partitioned(files.sorted(), root: root, displayRoot: displayRoot, span: span)
  }

  private static func displayPrefix(_ path: String, components: [String], firstGlob: Int?)
    -> String
  {
    guard firstGlob != nil else { return path.hasSuffix("/") ? path : path + "/" }
    let written = path.split(separator: "/", omittingEmptySubsequences: false)
    let literal = written.prefix { !$0.contains(where: { "*?[".contains($0) }) }
    return literal.isEmpty ? "" : literal.joined(separator: "/") + "/"
  }

  private static func isSkipped(_ name: String) -> Bool {
    name.hasPrefix(".") || name.hasPrefix("_")
  }

  private static func check(_ files: [String], depth: Int, span: SourceSpan) throws(Diagnostic) {
    if files.count > maximumFiles {
      throw Diagnostic.error(
        "F105", "more than \(maximumFiles.formatted) files make one dataset", at: span,
        help: "load a narrower folder or pattern")
    }
    if depth > maximumDepth {
      throw Diagnostic.error(
        "F105", "folders nest deeper than \(maximumDepth) levels", at: span)
    }
  }

  private static func walk(
    _ folder: String, _ entries: [FolderEntry], extensions: [String], access: any FileAccess,
    span: SourceSpan, into files: inout [String], depth: Int
  ) throws(Diagnostic) {
    try check(files, depth: depth, span: span)
    for entry in entries where !isSkipped(entry.name) {
      let child = folder + "/" + entry.name
      if entry.isFolder {
        try walk(
          child, try access.entries(of: child, span: span) ?? [], extensions: extensions,
          access: access, span: span, into: &files, depth: depth + 1)
      } else if extensions.contains(where: { entry.name.lowercased().hasSuffix($0) }) {
        files.append(child)
      }
    }
  }

  private static func match(
    _ pattern: [String], in folder: String, access: any FileAccess, span: SourceSpan,
    into files: inout [String], depth: Int
  ) throws(Diagnostic) {
    try check(files, depth: depth, span: span)
    guard let head = pattern.first else { return }
    let rest = Array(pattern.dropFirst())
    let entries = try access.entries(of: folder, span: span) ?? []
    if head == "**" {
      // Zero folders, or one more folder and `**` again.
      try match(rest, in: folder, access: access, span: span, into: &files, depth: depth + 1)
      for entry in entries where entry.isFolder && !isSkipped(entry.name) {
        try match(
          pattern, in: folder + "/" + entry.name, access: access, span: span, into: &files,
          depth: depth + 1)
      }
      return
    }
    for entry in entries where !entry.name.hasPrefix(".") && Glob.matches(head, entry.name) {
      let child = folder + "/" + entry.name
      if rest.isEmpty {
        if !entry.isFolder { files.append(child) }
      } else if entry.isFolder {
        try match(rest, in: child, access: access, span: span, into: &files, depth: depth + 1)
      }
    }
  }

  /// Each file with the `key=value` folders between the root and it, typed
  /// alike across files: int when every value is an integer, date when every
  /// value is a date, string otherwise.
  private static func partitioned(
    _ files: [String], root: String, displayRoot: String, span: SourceSpan
  ) throws(Diagnostic) -> [ExternalFile] {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    var raw: [[(String, String?)]] = []
    for file in files {
      let relative = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
      let folders = relative.split(separator: "/").dropLast()
      raw.append(
        folders.compactMap { folder -> (String, String?)? in
          guard let equals = folder.firstIndex(of: "="), equals != folder.startIndex else {
            return nil
          }
          let key = String(folder[..<equals])
          let value = percentDecoded(String(folder[folder.index(after: equals)...]))
          return (key, value == "__HIVE_DEFAULT_PARTITION__" ? nil : value)
        })
    }
    let keys = raw.first.map { $0.map(\.0) } ?? []
    // Partition columns count only when every file has the same keys.
    let consistent = raw.allSatisfy { $0.map(\.0) == keys }
    var types: [String: DataType] = [:]
    if consistent {
      for (index, key) in keys.enumerated() {
        let values = raw.compactMap { $0[index].1 }
        types[key] =
          values.allSatisfy({ Int64($0) != nil })
          ? .int
          : values.allSatisfy({ CivilTime.parseDate($0[...]) != nil }) ? .date : .string
      }
    }
    return zip(files, raw).map { file, pairs in
      let relative = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
      let partitions: [(name: String, value: Value)] =
        consistent
        ? pairs.map { key, text in
          guard let text else { return (key, .null) }
          switch types[key] {
          case .int: return (key, Int64(text).map(Value.int) ?? .null)
          case .date: return (key, CivilTime.parseDate(text[...]).map(Value.date) ?? .null)
          default: return (key, .string(text))
          }
        } : []
      return ExternalFile(path: file, displayPath: displayRoot + relative, partitions: partitions)
    }
  }

  private static func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Shell-style patterns for one path component: `*`, `?` and `[abc]`.
enum Glob {
  static func matches(_ pattern: String, _ name: String) -> Bool {
    matches(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...])
  }

  private static func matches(
    _ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>
  ) -> Bool {
    var pattern = pattern
    var name = name
    // Backtrack only to the last `*`, which keeps matching linear in practice.
    var star: (pattern: ArraySlice<Unicode.Scalar>, name: ArraySlice<Unicode.Scalar>)?
    while true {
      if let head = pattern.first {
        if head == "*" {
          pattern = pattern.dropFirst()
          star = (pattern, name)
          continue
        }
        if let character = name.first {
          if head == "?" {
            pattern = pattern.dropFirst()
            name = name.dropFirst()
            continue
          }
          if head == "[", let close = pattern.dropFirst().firstIndex(of: "]") {
            let set = pattern[pattern.index(after: pattern.startIndex)..<close]
            if set.contains(character) {
              pattern = pattern[pattern.index(after: close)...]
              name = name.dropFirst()
              continue
            }
          } else if head == character {
            pattern = pattern.dropFirst()
            name = name.dropFirst()
            continue
          }
        }
      } else if name.isEmpty {
        return true
      }
      guard let saved = star, !saved.name.isEmpty else { return false }
      star = (saved.pattern, saved.name.dropFirst())
      pattern = saved.pattern
      name = saved.name.dropFirst()
    }
  }
}
