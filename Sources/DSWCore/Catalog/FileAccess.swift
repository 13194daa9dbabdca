/// The files a session may read and write, behind a protocol.
///
/// The core never touches the file system itself: the app supplies an
/// implementation (with memory-mapped reads and atomic writes), and tests
/// supply an in-memory one. Paths are resolved against the notebook's folder
/// and must stay inside it or an allowed folder.
public protocol FileAccess {
  /// Calls `body` with the bytes of the file at `path`.
  func withContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T
  /// `withContents` for readers that size their buffers up front (Parquet),
  /// rather than growing them as they parse: the app may then let their
  /// allocations reuse warm memory.
  func withPresizedContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T
  /// Writes `bytes` to `path` atomically, creating missing folders in the sandbox.
  func write(_ bytes: [UInt8], to path: String, span: SourceSpan) throws(Diagnostic)
  /// Writes `parts`, one after another, as `write` writes one array: for a
  /// file formatted in parts, without joining them in memory first.
  func write(parts: [[UInt8]], to path: String, span: SourceSpan) throws(Diagnostic)
  /// The entries of the folder at `path`, sorted by name, or nil when `path`
  /// is not a folder.
  func entries(of path: String, span: SourceSpan) throws(Diagnostic) -> [FolderEntry]?
  /// For bytes that `withContents` is passing to its body: a function that
  /// lets the memory of a range of them go while the body still runs, such
  /// as the pages of a mapped file, which a later read brings back. Nil when
  /// the bytes cannot be let go of (they are the only copy).
  func pageReleaser(for bytes: UnsafeRawBufferPointer) -> (@Sendable (Range<Int>) -> Void)?
}

extension FileAccess {
  public func pageReleaser(
    for bytes: UnsafeRawBufferPointer
  ) -> (@Sendable (Range<Int>) -> Void)? {
    nil
  }

  public func write(parts: [[UInt8]], to path: String, span: SourceSpan) throws(Diagnostic) {
    try write(Array(parts.joined()), to: path, span: span)
  }

  public func withPresizedContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    try withContents(of: path, span: span, body)
  }
}

/// A file or a folder inside a folder.
public struct FolderEntry: Sendable, Equatable {
  public var name: String
  public var isFolder: Bool

  public init(name: String, isFolder: Bool) {
    self.name = name
    self.isFolder = isFolder
  }
}

/// Files held in memory, for tests and for sessions without a folder.
public final class MemoryFiles: FileAccess {
  public var files: [String: [UInt8]]

  public init(_ files: [String: [UInt8]] = [:]) { self.files = files }

  public func withContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    guard let bytes = files[path] else {
      throw Diagnostic.error("F101", "no such file: \(path)", at: span)
    }
    do {
      return try bytes.withUnsafeBytes { (buffer) throws -> T in try body(buffer) }
    } catch let error as Diagnostic {
      throw error
    } catch {
      throw Diagnostic.error("F102", "cannot read \(path)", at: span)
    }
  }

  public func write(_ bytes: [UInt8], to path: String, span: SourceSpan) throws(Diagnostic) {
    files[path] = bytes
  }

  public func entries(of path: String, span: SourceSpan) throws(Diagnostic) -> [FolderEntry]? {
    let prefix = path.hasSuffix("/") ? path : path + "/"
    var seen: [String: Bool] = [:]
    for file in files.keys where file.hasPrefix(prefix) {
      let rest = file.dropFirst(prefix.count)
      guard let first = rest.split(separator: "/", omittingEmptySubsequences: false).first
      else { continue }
      seen[String(first)] = (seen[String(first)] ?? false) || rest.count > first.count
    }
    guard !seen.isEmpty else { return nil }
    return seen.keys.sorted().map { FolderEntry(name: $0, isFolder: seen[$0] ?? false) }
  }
}
