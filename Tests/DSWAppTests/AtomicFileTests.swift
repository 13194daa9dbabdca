import DSWApp
import DSWCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh folder under /tmp, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    var template = Array("/tmp/dsw-atomic-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return mkdtemp(base) != nil
    }
    try #require(made)
    path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }

  func contents() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }
}

func fileError(_ body: () throws -> Void) -> String {
  do {
    try body()
    return "no error"
  } catch let error as Diagnostic {
    return "\(error.code) \(error.message)"
  } catch {
    return "unexpected \(error)"
  }
}

@Suite("AtomicFile")
struct AtomicFileTests {
  @Test func writesReadsAndReplaces() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/nb.dswnb"
    try AtomicFile.write(Array("first".utf8), to: path)
    #expect(try AtomicFile.read(path) == Array("first".utf8))
    try AtomicFile.write(Array("second, longer".utf8), to: path)
    #expect(try AtomicFile.read(path) == Array("second, longer".utf8))
    try AtomicFile.write([], to: path)
    #expect(try AtomicFile.read(path) == [])
    #expect(folder.contents() == ["nb.dswnb"])
  }

  @Test func partsAreWrittenOneAfterAnother() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/out.csv"
    try AtomicFile.write(parts: [Array("a,b\n".utf8), [], Array("1,2\n3,4\n".utf8)], to: path)
    #expect(try AtomicFile.read(path) == Array("a,b\n1,2\n3,4\n".utf8))
  }

  @Test func refusesAPathHoldingAControlCharacter() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/nb.dswnb"
    try AtomicFile.write(Array("notebook".utf8), to: path)
    #expect(
      fileError { try AtomicFile.write(Array("csv".utf8), to: path + "\u{0}.csv") }
        == "F011 the path \"\(path)\u{0}.csv\" holds a control character (NUL, U+0000)")
    #expect(fileError { _ = try AtomicFile.read(path + "\u{1b}") }.hasPrefix("F011 "))
    #expect(try AtomicFile.read(path) == Array("notebook".utf8))
    #expect(folder.contents() == ["nb.dswnb"])
  }

  /// A kill -9 during a save leaves `.NAME.tmp-<pid>-XXXXXX` behind; the next
  /// save of that file removes it once its writer is gone, and touches
  /// nothing else.
  @Test func aSaveRemovesTemporariesOfDeadWriters() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let target = folder.path + "/nb.dswnb"
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/bin/sleep")
    writer.arguments = ["60"]
    try writer.run()
    let pid = writer.processIdentifier
    let leftover = ".nb.dswnb.tmp-\(pid)-k9k9k9"
    let keep = [".nb.dswnb.tmp-nopid1", ".other.dswnb.tmp-\(pid)-a1b2c3", "nb.dswnb.tmp-\(pid)-x"]
    for name in [leftover] + keep {
      try AtomicFile.write(Array("torn".utf8), to: folder.path + "/" + name)
    }
    try AtomicFile.write(Array("first".utf8), to: target)
    #expect(folder.contents() == ([leftover, "nb.dswnb"] + keep).sorted())
    kill(pid, SIGKILL)
    writer.waitUntilExit()
    try AtomicFile.write(Array("second".utf8), to: target)
    #expect(folder.contents() == (["nb.dswnb"] + keep).sorted())
    #expect(try AtomicFile.read(target) == Array("second".utf8))
  }

  /// The scan for stale temporaries reads each directory entry's name in
  /// place. It used to copy the whole 256-byte name field, which reads past
  /// the end of the directory buffer at its last entry: a folder of short
  /// names that fills the buffer made AddressSanitizer (`scripts/sanitize.sh
  /// address`) report a heap overflow here.
  @Test func aFolderOfManyNamesIsScannedWithinItsEntries() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let names = (0..<3000).map { "f\($0)" }
    for name in names {
      #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: nil))
    }
    try AtomicFile.write(Array("kept".utf8), to: folder.path + "/nb.dswnb")
    #expect(folder.contents() == (names + ["nb.dswnb"]).sorted())
  }

  /// A FIFO (like `/dev/null` or `/dev/stdout`) is written through, in place.
  /// The save used to rename a regular file over it: run as root with
  /// `-o /dev/null`, that replaced the machine's /dev/null with a file.
  @Test func aFIFOOrADeviceIsWrittenThroughNotReplaced() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fifo = folder.path + "/out.pipe"
    try #require(mkfifo(fifo, 0o600) == 0)
    // A reader that does not wait, so that a writer's open returns at once.
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    try #require(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write(Array("through".utf8), to: fifo)
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(reader, $0.baseAddress, $0.count) }
    #expect(count == 7 && Array(buffer[0..<7]) == Array("through".utf8))
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    #expect(folder.contents() == ["out.pipe"])
  }

  @Test func createsMissingParentFolders() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/out/deeper/nb.dswnb"
    try AtomicFile.write(Array("x".utf8), to: path)
    #expect(try AtomicFile.read(path) == Array("x".utf8))
  }

  @Test func keepsTheTargetsPermissions() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/nb.dswnb"
    try AtomicFile.write(Array("x".utf8), to: path)
    chmod(path, 0o640)
    try AtomicFile.write(Array("y".utf8), to: path)
    var info = stat()
    #expect(stat(path, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o640)
  }

  @Test func reportsErrorsWithPathAndReason() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let root = folder.path
    #expect(
      fileError { _ = try AtomicFile.read(root + "/missing.dswnb") }
        == "F007 cannot open '\(root)/missing.dswnb': No such file or directory")
    #expect(
      fileError { _ = try AtomicFile.read(root) } == "F008 cannot read '\(root)': Is a directory")
    try AtomicFile.write(Array("x".utf8), to: root + "/plain")
    #expect(
      fileError { try AtomicFile.write([], to: root + "/plain/sub/nb.dswnb") }
        == "F001 cannot create folder '\(root)/plain/sub': Not a directory")
    #expect(
      fileError { try AtomicFile.write([], to: root + "/plain/") }
        == "F009 cannot write '\(root)/plain/': the path names a folder")
    #expect(
      fileError { try AtomicFile.write([], to: root + "/plain/nb.dswnb") }
        == "F002 cannot create a temporary file in '\(root)/plain': Not a directory")
    #expect(
      fileError { try AtomicFile.write(Array("x".utf8), to: "/dev/full") }
        == "F003 cannot write '/dev/full': No space left on device")
    mkdir(root + "/folder", 0o755)
    #expect(
      fileError { try AtomicFile.write([1, 2], to: root + "/folder") }
        == "F005 cannot replace '\(root)/folder': Is a directory")
    // The failed save left no temporary file behind.
    #expect(folder.contents() == ["folder", "plain"])
  }

  /// Two valid notebooks of a few hundred KB each.
  static func notebooks() -> (Notebook, Notebook) {
    func notebook(_ letter: String) -> Notebook {
      let outputs: [CellOutput] = [
        .text(String(repeating: letter + " row of output\n", count: 16_000))
      ]
      return Notebook(
        cells: [
          Cell(
            id: "abcd1234", kind: .query, source: "from events", outputs: outputs,
            execution: Execution(
              count: 1, status: .ok, durationMs: 5, fingerprint: Fingerprint.of(outputs)))
        ],
        metadata: NotebookMetadata(title: "kill test " + letter))
    }
    return (notebook("A"), notebook("B"))
  }

  /// A child process saves the two notebooks in turn, forever, through
  /// `AtomicFile.commit`; the parent kills it at a random moment. The target
  /// must always be one of the two, complete and valid.
  @Test func killDuringSaveLeavesTheOldOrTheNewFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (first, second) = Self.notebooks()
    let firstBytes = NotebookCodec.encodeBytes(first)
    let secondBytes = NotebookCodec.encodeBytes(second)
    #expect(firstBytes.count > 200_000)
    let target = folder.path + "/nb.dswnb"
    try AtomicFile.write(firstBytes, to: target)

    // Everything the child touches is prepared before forking: after fork()
    // in a threaded process the child may only make async-signal-safe calls.
    let firstBuffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: firstBytes.count, alignment: 1)
    let secondBuffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: secondBytes.count, alignment: 1)
    firstBuffer.copyBytes(from: firstBytes)
    secondBuffer.copyBytes(from: secondBytes)
    let targetPath = strdup(target)
    let folderPath = strdup(folder.path)
    let temporaryPath = strdup(folder.path + "/.nb.dswnb.tmp-child")
    defer {
      firstBuffer.deallocate()
      secondBuffer.deallocate()
      free(targetPath)
      free(folderPath)
      free(temporaryPath)
    }
    guard let targetPath, let folderPath, let temporaryPath else {
      Issue.record("strdup failed")
      return
    }

    var random = SeededRandom(seed: 20_240_601)
    for _ in 0..<30 {
      unlink(temporaryPath)
      let child = fork()
      try #require(child >= 0)
      if child == 0 {
        Self.saveForever(
          UnsafeRawBufferPointer(firstBuffer), UnsafeRawBufferPointer(secondBuffer),
          temporary: temporaryPath, target: targetPath, folder: folderPath)
      }
      usleep(UInt32(1000 * (1 + random.nextInt(below: 25))))
      kill(child, SIGKILL)
      var status: Int32 = 0
      waitpid(child, &status, 0)
      // Killed by the signal, not exited early because a save failed.
      #expect(status & 0x7F == SIGKILL)
      let bytes = try AtomicFile.read(target)
      #expect(bytes == firstBytes || bytes == secondBytes)
      let notebook = try NotebookCodec.decode(bytes: bytes)
      #expect(notebook == first || notebook == second)
    }
    unlink(temporaryPath)
    #expect(folder.contents() == ["nb.dswnb"])
  }

  /// The child's loop: only `AtomicFile.commit` (open, write, fsync, rename,
  /// close) and `_exit`.
  static func saveForever(
    _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
    temporary: UnsafePointer<CChar>, target: UnsafePointer<CChar>, folder: UnsafePointer<CChar>
  ) -> Never {
    var useSecond = true
    while true {
      let failure = AtomicFile.commit(
        useSecond ? second : first, temporaryPath: temporary, targetPath: target,
        folderPath: folder, mode: nil)
      if failure != nil { _exit(3) }
      useSecond.toggle()
    }
  }
}
