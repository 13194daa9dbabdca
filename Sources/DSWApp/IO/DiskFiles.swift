import DSWCore
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The real file system behind `FileAccess`: memory-mapped reads, atomic
/// writes, and a symlink check on top of the core's lexical sandbox.
final class DiskFiles: FileAccess {
  let sandbox: PathSandbox

  /// The starts of the files mapped now, whose pages may be let go of.
  private let mappings = Mutex<Set<Int>>([])

  init(sandbox: PathSandbox) { self.sandbox = sandbox }

  /// Drops the pages of a range of a mapped file from the process's memory
  /// (`MADV_DONTNEED`): the mapping is private and never written, so a later
  /// read brings the file's bytes back from the page cache. Only whole pages
  /// inside the range go.
  func pageReleaser(for bytes: UnsafeRawBufferPointer) -> (@Sendable (Range<Int>) -> Void)? {
    guard let start = bytes.baseAddress,
      mappings.withLock({ $0.contains(Int(bitPattern: start)) })
    else { return nil }
    let base = Int(bitPattern: start)
    let count = bytes.count
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    return { range in
      let lower = (base + max(0, range.lowerBound) + page - 1) / page * page
      let upper = (base + min(count, range.upperBound)) / page * page
      guard upper > lower, let address = UnsafeMutableRawPointer(bitPattern: lower) else { return }
      _ = madvise(address, upper - lower, MADV_DONTNEED)
    }
  }

  func withContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    try mapped(path, span: span, growingBuffers: true, body)
  }

  func withPresizedContents<T>(
    of path: String, span: SourceSpan, _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    try mapped(path, span: span, growingBuffers: false, body)
  }

  private func mapped<T>(
    _ path: String, span: SourceSpan, growingBuffers: Bool,
    _ body: (UnsafeRawBufferPointer) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    try checkRealPath(path, span: span)
    // Non-blocking, so that opening a FIFO nobody writes to returns at once
    // (and is then refused) instead of waiting forever.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw Diagnostic.error(
        "F101", "cannot open \(path): \(String(cString: strerror(errno)))", at: span)
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw Diagnostic.error(
        "F102", "cannot read \(path): \(String(cString: strerror(errno)))", at: span)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw Diagnostic.error("F103", "\(path) is a folder, not a file", at: span)
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw Diagnostic.error(
        "F104", "\(path) is not a regular file (\(Self.kind(info.st_mode)))", at: span,
        help: "load a regular file; copy the data from a pipe or device into one first")
    }
    let size = Int(info.st_size)
    if size == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      mapped != MAP_FAILED
    else {
      throw Diagnostic.error(
        "F102", "cannot read \(path): \(String(cString: strerror(errno)))", at: span)
    }
    defer { munmap(mapped, size) }
    _ = mappings.withLock { $0.insert(Int(bitPattern: mapped)) }
    defer { _ = mappings.withLock { $0.remove(Int(bitPattern: mapped)) } }
    // Loaders that grow buffers by reallocation do it in place with mappings.
    if growingBuffers { AllocatorPolicy.keepLargeBlocksInHeap(false) }
    defer { if growingBuffers { AllocatorPolicy.keepLargeBlocksInHeap(true) } }
    return try body(UnsafeRawBufferPointer(start: mapped, count: size))
  }

  func write(_ bytes: [UInt8], to path: String, span: SourceSpan) throws(Diagnostic) {
    try write(parts: [bytes], to: path, span: span)
  }

  func write(parts: [[UInt8]], to path: String, span: SourceSpan) throws(Diagnostic) {
    try checkRealPath((path as NSString).deletingLastPathComponent, span: span, mayNotExist: true)
    // A notebook writes files only: a FIFO would block the run, a device
    // would take data that was meant for a file.
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG,
      (info.st_mode & S_IFMT) != S_IFDIR
    {
      throw Diagnostic.error(
        "F104", "\(path) is not a regular file (\(Self.kind(info.st_mode)))", at: span,
        help: "write to a regular file")
    }
    do {
      try AtomicFile.write(parts: parts, to: path)
    } catch {
      var located = error
      if located.span == nil { located.span = span }
      throw located
    }
  }

  func entries(of path: String, span: SourceSpan) throws(Diagnostic) -> [FolderEntry]? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue
    else { return nil }
    try checkRealPath(path, span: span)
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw Diagnostic.error(
        "F102", "cannot list \(path): \(error.localizedDescription)", at: span)
    }
    return names.sorted().map { name in
      var childIsFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &childIsFolder)
      return FolderEntry(name: name, isFolder: childIsFolder.boolValue)
    }
  }

  /// What a file that is not regular is, for F104.
  private static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "not a file"
    }
  }

  /// Refuses a path whose real location (symlinks resolved) leaves the sandbox.
  private func checkRealPath(_ path: String, span: SourceSpan, mayNotExist: Bool = false)
    throws(Diagnostic)
  {
    var candidate = path
    // Walk up to the nearest folder that exists; that is what a symlink could redirect.
    while mayNotExist, !FileManager.default.fileExists(atPath: candidate), candidate != "/" {
      candidate = (candidate as NSString).deletingLastPathComponent
    }
    guard let resolved = realpath(candidate, nil) else { return }
    defer { free(resolved) }
    let real = String(cString: resolved)
    let roots = [sandbox.base] + sandbox.allowed
    let realRoots = roots.map { root -> String in
      guard let pointer = realpath(root, nil) else { return root }
      defer { free(pointer) }
      return String(cString: pointer)
    }
    if !realRoots.contains(where: { $0 == "/" || real == $0 || real.hasPrefix($0 + "/") }) {
      throw Diagnostic.error(
        "F010", "the path \"\(path)\" leads outside the notebook's folder (through a link)",
        at: span, help: "run with `--allow-path DIR` to allow another folder")
    }
  }
}
