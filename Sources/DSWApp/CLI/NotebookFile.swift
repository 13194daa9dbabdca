import ArgumentParser
import DSWCore
import DSWRemote
import Foundation

/// Reading a notebook from disk, with the errors a user can meet.
enum NotebookFile {
  struct Loaded {
    var notebook: Notebook
    var path: String
    var folder: String
  }

  /// The notebook at `path`, or a rendered error and exit code 2.
  static func load(_ path: String, console: Console) throws -> Loaded {
    let absolute = absolutePath(path)
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(absolute)
    } catch {
      console.report(error, source: nil, location: path)
      throw ExitCode(2)
    }
    do {
      let notebook = try NotebookCodec.decode(bytes: bytes)
      return Loaded(notebook: notebook, path: absolute, folder: folder(of: absolute))
    } catch {
      console.report(error, source: String(decoding: bytes, as: UTF8.self), location: path)
      console.error("the notebook was not changed")
      throw ExitCode(2)
    }
  }

  static func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return PathSandbox.normalize(expanded) }
    return PathSandbox.normalize(FileManager.default.currentDirectoryPath + "/" + expanded)
  }

  static func folder(of path: String) -> String {
    (path as NSString).deletingLastPathComponent
  }

  /// A session for a notebook in `folder`, wired to the real world.
  /// The folders a notebook's statements may read and write.
  static func makeSandbox(folder: String, allowPaths: [String]) -> PathSandbox {
    PathSandbox(base: folder, allowed: allowPaths.map(absolutePath))
  }

  static func makeSession(
    folder: String, allowPaths: [String], console: Console, interrupt: Interrupt?,
    progress: ProgressDisplay?, memoryLimit: Int
  ) -> Session {
    let sandbox = makeSandbox(folder: folder, allowPaths: allowPaths)
    var isCancelled: @Sendable () -> Bool = { false }
    if let interrupt { isCancelled = interrupt.check }
    var report: @Sendable (String, Double) -> Void = { _, _ in }
    if let progress { report = progress.report }
    var context = SessionContext(
      files: DiskFiles(sandbox: sandbox), sandbox: sandbox, isCancelled: isCancelled,
      progress: report, memoryLimit: memoryLimit, memoryInUse: SystemMemory.residentBytes)
    context.formats = FileFormats.external
    context.remoteEngine = PostgresEngine()
    context.clock = MonotonicClock.now
    if let interrupt { context.resetInterrupt = { interrupt.reset() } }
    return Session(context: context)
  }
}

/// Monotonic nanoseconds for durations.
enum MonotonicClock {
  static func now() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
  }
}
