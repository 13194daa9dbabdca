import DSWCore
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Crash-safe whole-file writes and plain whole-file reads.
///
/// A save writes a temporary file beside the target
/// (`.<name>.tmp-<pid>-XXXXXX`), fsyncs it, renames it over the target and
/// fsyncs the folder (DESIGN §3), so a crash or a kill at any moment leaves
/// either the old file or the new one, never a torn one. An existing target's
/// permission bits are kept.
///
/// A kill during a save leaves its temporary file behind. The name carries
/// the writer's process id, so the next save of the same file removes the
/// temporaries whose writer is gone (`kill(pid, 0)` fails with ESRCH) and
/// leaves those of live processes alone.
///
/// A path that already names a character device, a FIFO or a socket
/// (`/dev/null`, `/dev/stdout`, a pipe) is written through, in place: a
/// rename would put a regular file where the device was. Such a write is not
/// atomic, as there is nothing to replace.
///
/// Errors are `Diagnostic`s naming the path and the system's reason:
/// - F001 `cannot create folder '<dir>': <reason>`
/// - F002 `cannot create a temporary file in '<dir>': <reason>`
/// - F003 `cannot write '<path>': <reason>`
/// - F004 `cannot sync '<path>' to disk: <reason>`
/// - F005 `cannot replace '<path>': <reason>`
/// - F006 `cannot sync folder '<dir>' to disk: <reason>`
/// - F007 `cannot open '<path>': <reason>`
/// - F008 `cannot read '<path>': <reason>`
/// - F009 `cannot write '<path>': the path names a folder`
/// - F011 the path holds a control character (a NUL would cut it short)
public enum AtomicFile {
  /// The step of a save that failed, with the system's `errno`.
  public struct CommitFailure: Error, Sendable, Hashable {
    public enum Step: Sendable, Hashable {
      case createTemporary, write, sync, rename, syncFolder
    }
    public var step: Step
    public var errorNumber: Int32
  }

  /// Replaces the file at `path` with `bytes`, atomically and durably. Missing
  /// parent folders are created.
  public static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
    try write(parts: [bytes], to: path)
  }

  /// `write` of `parts`, one after another.
  public static func write(parts: [[UInt8]], to path: String) throws(Diagnostic) {
    try PathSandbox.refuseControlCharacters(in: path)
    let (folder, name) = split(path)
    guard !name.isEmpty, name != ".", name != ".." else {
      throw Diagnostic.error("F009", "cannot write '\(path)': the path names a folder")
    }
    var existing = stat()
    let exists = stat(path, &existing) == 0
    if exists, writesThrough(existing.st_mode) { return try writeThrough(parts, to: path) }
    try createFolders(folder)
    removeStaleTemporaries(of: name, in: folder)
    let preservedMode: mode_t? =
      exists && (existing.st_mode & S_IFMT) == S_IFREG ? existing.st_mode & 0o7777 : nil
    var random = SeededRandom(seed: temporarySeed())
    var failure: CommitFailure?
    var temporary = ""
    for _ in 0..<100 {
      temporary =
        folder + "/" + temporaryPrefix(of: name) + String(getpid()) + "-" + suffix(&random)
      failure = commit(
        temporaryPath: temporary, targetPath: path, folderPath: folder, mode: preservedMode
      ) { descriptor in writeAllAtOnce(parts, to: descriptor) }
      guard let failed = failure, failed.step == .createTemporary, failed.errorNumber == EEXIST
      else { break }
    }
    guard let failure else { return }
    let reason = describe(failure.errorNumber)
    switch failure.step {
    case .createTemporary:
      throw Diagnostic.error("F002", "cannot create a temporary file in '\(folder)': \(reason)")
    case .write: throw Diagnostic.error("F003", "cannot write '\(temporary)': \(reason)")
    case .sync: throw Diagnostic.error("F004", "cannot sync '\(temporary)' to disk: \(reason)")
    case .rename: throw Diagnostic.error("F005", "cannot replace '\(path)': \(reason)")
    case .syncFolder:
      throw Diagnostic.error("F006", "cannot sync folder '\(folder)' to disk: \(reason)")
    }
  }

  /// Whether `path` names a character device, a FIFO or a socket
  /// (`/dev/null`, `/dev/stdout`, a pipe), which a save writes through.
  public static func isWrittenThrough(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && writesThrough(info.st_mode)
  }

  private static func writesThrough(_ mode: mode_t) -> Bool {
    [S_IFCHR, S_IFIFO, S_IFSOCK].contains(mode & S_IFMT)
  }

  /// Writes `parts` to the device, FIFO or socket at `path`, in place.
  private static func writeThrough(_ parts: [[UInt8]], to path: String) throws(Diagnostic) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw Diagnostic.error("F003", "cannot write '\(path)': \(describe(errno))")
    }
    defer { close(descriptor) }
    if let failure = writeAll(parts, to: descriptor) {
      throw Diagnostic.error("F003", "cannot write '\(path)': \(describe(failure))")
    }
  }

  /// Writes every part to `descriptor` in turn; the `errno` of a failure, or nil.
  static func writeAll(_ parts: [[UInt8]], to descriptor: Int32) -> Int32? {
    for part in parts {
      if let failure = part.withUnsafeBytes({ writeAll($0, to: descriptor) }) { return failure }
    }
    return nil
  }

  /// Writes every part to the regular file `descriptor` at its offset, the
  /// parts concurrently: copying into the page cache is much of a large
  /// export's time, and each core copies its own part.
  static func writeAllAtOnce(_ parts: [[UInt8]], to descriptor: Int32) -> Int32? {
    if parts.count < 2 { return writeAll(parts, to: descriptor) }
    var starts: [Int] = []
    var total = 0
    for part in parts {
      starts.append(total)
      total += part.count
    }
    let offsets = starts
    let failures = PartFailures(count: parts.count)
    DispatchQueue.concurrentPerform(iterations: parts.count) { index in
      let failure = parts[index].withUnsafeBytes {
        writeAll($0, to: descriptor, at: offsets[index])
      }
      failures.set(index, failure ?? 0)
    }
    return failures.first
  }

  /// Writes every byte to `descriptor` (at `offset` of it when given, else
  /// at its position), resuming after signals and partial writes; the
  /// `errno` of a failure, or nil. Async-signal-safe.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int? = nil)
    -> Int32?
  {
    var written = 0
    while written < bytes.count {
      let start = bytes.baseAddress.map { $0 + written }
      let count =
        offset.map { systemPositionedWrite(descriptor, start, bytes.count - written, $0 + written) }
        ?? systemWrite(descriptor, start, bytes.count - written)
      if count < 0 {
        if errno == EINTR { continue }
        return errno
      }
      written += count
    }
    return nil
  }

  /// The whole content of the file at `path`.
  public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
    try PathSandbox.refuseControlCharacters(in: path)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw Diagnostic.error("F007", "cannot open '\(path)': \(describe(errno))")
    }
    defer { close(descriptor) }
    var info = stat()
    var bytes: [UInt8] = []
    if fstat(descriptor, &info) == 0, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        throw Diagnostic.error("F008", "cannot read '\(path)': \(describe(errno))")
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// The system calls of one save, on prepared paths.
  ///
  /// Calls only async-signal-safe functions and allocates nothing, so it can
  /// run in a forked child (which is how the kill test exercises it). The
  /// temporary file is created exclusively; on any failure before the rename
  /// it is removed again.
  public static func commit(
    _ bytes: UnsafeRawBufferPointer, temporaryPath: UnsafePointer<CChar>,
    targetPath: UnsafePointer<CChar>, folderPath: UnsafePointer<CChar>, mode: mode_t?
  ) -> CommitFailure? {
    commit(
      temporaryPath: temporaryPath, targetPath: targetPath, folderPath: folderPath, mode: mode
    ) { writeAll(bytes, to: $0) }
  }

  /// `commit` with the contents written by `contents` to the temporary
  /// file's descriptor (returning the `errno` of a failure, or nil).
  static func commit(
    temporaryPath: UnsafePointer<CChar>, targetPath: UnsafePointer<CChar>,
    folderPath: UnsafePointer<CChar>, mode: mode_t?, contents: (Int32) -> Int32?
  ) -> CommitFailure? {
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { return CommitFailure(step: .createTemporary, errorNumber: errno) }
    func abandon(_ step: CommitFailure.Step) -> CommitFailure {
      let failure = CommitFailure(step: step, errorNumber: errno)
      close(descriptor)
      unlink(temporaryPath)
      return failure
    }
    if let mode, fchmod(descriptor, mode) != 0 { return abandon(.write) }
    if let failure = contents(descriptor) {
      // The failing write may have run on another thread, whose errno this is not.
      errno = failure
      return abandon(.write)
    }
    if fsync(descriptor) != 0 { return abandon(.sync) }
    if close(descriptor) != 0 {
      let failure = CommitFailure(step: .write, errorNumber: errno)
      unlink(temporaryPath)
      return failure
    }
    if rename(temporaryPath, targetPath) != 0 {
      let failure = CommitFailure(step: .rename, errorNumber: errno)
      unlink(temporaryPath)
      return failure
    }
    let folder = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return CommitFailure(step: .syncFolder, errorNumber: errno) }
    // Some file systems cannot sync a folder (EINVAL); the rename is done by then.
    if fsync(folder) != 0, errno != EINVAL {
      let failure = CommitFailure(step: .syncFolder, errorNumber: errno)
      close(folder)
      return failure
    }
    close(folder)
    return nil
  }

  // MARK: Helpers

  /// `.<name>.tmp-`: what every temporary file of a save of `name` starts with.
  static func temporaryPrefix(of name: String) -> String { "." + name + ".tmp-" }

  /// Removes `.<name>.tmp-<pid>-XXXXXX` files in `folder` whose writing
  /// process no longer exists. Best effort: a file that cannot be removed
  /// stays, and names without a pid are left alone.
  static func removeStaleTemporaries(of name: String, in folder: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = Array(temporaryPrefix(of: name).utf8)
    let ownProcess = getpid()
    var stale: [String] = []
    while let entry = readdir(directory) {
      // A dirent is only as long as its name: read the name in place, up to
      // its NUL (copying the whole 256-byte field reads past the last entry).
      let entryName = withUnsafePointer(to: &entry.pointee.d_name) { field in
        String(cString: UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self))
      }
      let bytes = Array(entryName.utf8)
      guard bytes.count > prefix.count, bytes.starts(with: prefix) else { continue }
      let rest = bytes[prefix.count...]
      guard let dash = rest.firstIndex(of: UInt8(ascii: "-")),
        let pid = Int32(String(decoding: rest[..<dash], as: UTF8.self)), pid > 0, pid != ownProcess
      else { continue }
      if kill(pid, 0) != 0, errno == ESRCH { stale.append(folder + "/" + entryName) }
    }
    for path in stale { unlink(path) }
  }

  /// The folder (never empty) and the file name of `path`.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  /// `mkdir -p`.
  static func createFolders(_ folder: String) throws(Diagnostic) {
    var info = stat()
    if stat(folder, &info) == 0 { return }
    var prefix = folder.hasPrefix("/") ? "/" : ""
    for component in folder.split(separator: "/") {
      prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
      if mkdir(prefix, 0o777) != 0, errno != EEXIST {
        throw Diagnostic.error("F001", "cannot create folder '\(prefix)': \(describe(errno))")
      }
    }
  }

  private static func temporarySeed() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return UInt64(UInt32(bitPattern: getpid())) << 40 ^ UInt64(bitPattern: Int64(now.tv_sec))
      &* 1_000_000_007 ^ UInt64(bitPattern: Int64(now.tv_nsec))
  }

  private static func suffix(_ random: inout SeededRandom) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    var bytes: [UInt8] = []
    for _ in 0..<6 { bytes.append(alphabet[random.nextInt(below: alphabet.count)]) }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func describe(_ errorNumber: Int32) -> String {
    String(cString: strerror(errorNumber))
  }
}

// The enum's own `read` and `write` hide the system calls of the same names.
// Plain functions, not global constants: a forked child must not run lazy
// global initialisation.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
  #else
    Darwin.read(descriptor, buffer, count)
  #endif
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}

private func systemPositionedWrite(
  _ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: Int
) -> Int {
  #if canImport(Glibc)
    Glibc.pwrite(descriptor, buffer, count, off_t(offset))
  #else
    Darwin.pwrite(descriptor, buffer, count, off_t(offset))
  #endif
}

/// The `errno` each part's write ended with (0 for success), set from the
/// threads writing the parts.
private final class PartFailures: @unchecked Sendable {
  private let lock = NSLock()
  private var failures: [Int32]

  init(count: Int) { failures = [Int32](repeating: 0, count: count) }

  func set(_ index: Int, _ failure: Int32) { lock.withLock { failures[index] = failure } }

  /// The first part's failure, or nil when every part was written.
  var first: Int32? { lock.withLock { failures.first { $0 != 0 } } }
}
