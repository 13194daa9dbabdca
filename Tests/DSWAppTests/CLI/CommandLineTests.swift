import DSWCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives the built `dsw` binary as a user would: exit codes, stderr and files.
@Suite(.serialized) struct CommandLineTests {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("dsw")
  }

  static func dsw(
    _ arguments: [String], in folder: URL, environment extra: [String: String] = [:]
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// A notebook file from cell sources (all query cells).
  static func notebook(_ sources: [String]) -> String {
    let cells = sources.enumerated().map { index, source in
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
      return """
        {"id": "cell000\(index)", "kind": "query", "source": [\(lines.joined(separator: ", "))]}
        """
    }
    return "{\"cells\": [\(cells.joined(separator: ", "))], \"dswnb\": 1, \"metadata\": {}}\n"
  }

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dsw-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func runsANotebookAndExitsZero() throws {
    let folder = try Self.folder()
    try Self.notebook([
      "synth groupby (rows: 100, k: 5, seed: 1)",
      "from groupby | aggregate n = count() | derive ok = n == 100",
    ]).write(to: folder.appendingPathComponent("ok.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "ok.dswnb"], in: folder)
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("groupby: 100 rows × 9 columns"))
    #expect(outcome.stdout.contains("true"))
  }

  @Test func aFailingCellExitsOneNamesTheCellAndKeepsTheRunOutputs() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("fail.dswnb")
    let text = Self.notebook([
      "synth groupby (rows: 10, k: 2, seed: 1)", "from groupby | filter v1 = 3", "datasets",
    ])
    try text.write(to: path, atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "fail.dswnb", "--output", "out.dswnb"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr == """
        error[E104]: `=` is assignment; use `==` to compare
         --> cell 2 (cell0001), line 1, column 26
          |
        1 | from groupby | filter v1 = 3
          |                          ^
          = help: write `v1 == 3`

        """)
    // The input is untouched; the output holds ok, error, and a cell that never ran.
    #expect(try String(contentsOf: path, encoding: .utf8) == text)
    let output = try String(contentsOf: folder.appendingPathComponent("out.dswnb"), encoding: .utf8)
    #expect(output.contains("\"status\": \"ok\""))
    #expect(output.contains("\"status\": \"error\""))
    #expect(output.components(separatedBy: "\"execution\"").count == 3)
  }

  @Test func allowErrorsRunsEveryCellAndStillExitsOne() throws {
    let folder = try Self.folder()
    try Self.notebook(["from nowhere", "synth groupby (rows: 10, k: 2, seed: 1)"])
      .write(to: folder.appendingPathComponent("e.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "e.dswnb", "--allow-errors"], in: folder)
    #expect(outcome.status == 1)
    #expect(outcome.stdout.contains("groupby: 10 rows"))
    #expect(outcome.stderr.contains("error[E212]: unknown dataset `nowhere`"))
  }

  @Test func aTruncatedNotebookExitsTwoWithLineAndColumnAndIsNotChanged() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("broken.dswnb")
    let text = "{\"cells\": [\n  {\"id\": \"abc"
    try text.write(to: path, atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "broken.dswnb"], in: folder)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("broken.dswnb, line 2, column"))
    #expect(outcome.stderr.contains("the notebook was not changed"))
    #expect(try String(contentsOf: path, encoding: .utf8) == text)
    #expect(try Self.dsw(["check", "broken.dswnb"], in: folder).status == 2)
  }

  @Test func parameterOverridesChangeTheResult() throws {
    let folder = try Self.folder()
    try Self.notebook(["param rows = 10\nsynth groupby (rows: rows, k: 2, seed: 1)"])
      .write(to: folder.appendingPathComponent("p.dswnb"), atomically: true, encoding: .utf8)
    #expect(try Self.dsw(["run", "p.dswnb"], in: folder).stdout.contains("groupby: 10 rows"))
    #expect(
      try Self.dsw(["run", "p.dswnb", "-p", "rows=25"], in: folder).stdout.contains(
        "groupby: 25 rows"))
    let unknown = try Self.dsw(["run", "p.dswnb", "-p", "row=25"], in: folder)
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr
        == "error: -p row: the notebook has no `param row` (it declares `rows`); did you mean `rows`?\n"
    )
    let wrongType = try Self.dsw(["run", "p.dswnb", "-p", "rows=many"], in: folder)
    #expect(wrongType.status == 2)
    #expect(
      wrongType.stderr.hasPrefix("error[P001]: -p rows=many: `rows` is an int, and \"many\" is not")
    )
  }

  @Test func usageErrorsExitTwo() throws {
    let folder = try Self.folder()
    #expect(try Self.dsw(["run"], in: folder).status == 2)
    #expect(try Self.dsw(["run", "x.dswnb", "--format", "xml"], in: folder).status == 2)
    #expect(try Self.dsw(["run", "missing.dswnb"], in: folder).status == 2)
    #expect(try Self.dsw(["--help"], in: folder).status == 0)
  }

  @Test func theMemoryLimitIsAUsageOptionAndStopsAnExplodingJoin() throws {
    let folder = try Self.folder()
    try Self.notebook([
      "synth groupby (rows: 20000, k: 2, seed: 1)",
      "from groupby | join groupby on id1 | aggregate n = count()",
    ]).write(to: folder.appendingPathComponent("nb.dswnb"), atomically: true, encoding: .utf8)
    let refused = try Self.dsw(["run", "nb.dswnb", "--memory-limit", "lots"], in: folder)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--memory-limit must be a size such as 4GB, 512MiB or 50%"))
    let run = try Self.dsw(["run", "nb.dswnb", "--memory-limit", "1GB"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("error[E501]: this join would produce 200,000,072 rows, about 25 GB"))
    #expect(run.stderr.contains("the memory limit is 1 GB"))
  }

  @Test func checkDetectsDrift() throws {
    let folder = try Self.folder()
    try Self.notebook(["synth groupby (rows: 10, k: 2, seed: 1)"])
      .write(to: folder.appendingPathComponent("d.dswnb"), atomically: true, encoding: .utf8)
    let never = try Self.dsw(["run", "d.dswnb", "--check"], in: folder)
    #expect(never.status == 1)
    #expect(never.stderr.contains("cell 1 (cell0000): has no stored output"))
    #expect(try Self.dsw(["run", "d.dswnb", "--output", "d.dswnb"], in: folder).status == 0)
    #expect(try Self.dsw(["run", "d.dswnb", "--check"], in: folder).status == 0)
    #expect(try Self.dsw(["run", "d.dswnb", "--check", "-p", "x=1"], in: folder).status == 2)
  }

  @Test func checkValidatesWithoutRunning() throws {
    let folder = try Self.folder()
    try Self.notebook(["from a | filter x = 1", "export a to \"never.csv\""])
      .write(to: folder.appendingPathComponent("c.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["check", "c.dswnb"], in: folder)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("error[E104]"))
    #expect(outcome.stdout == "checked 2 cells: 1 error, 0 warnings\n")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("never.csv").path))
  }

  @Test func pathsOutsideTheNotebookFolderAreRefused() throws {
    let folder = try Self.folder()
    try Self.notebook([
      "synth groupby (rows: 10, k: 2, seed: 1)\nexport groupby to \"../outside.csv\""
    ])
    .write(to: folder.appendingPathComponent("s.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "s.dswnb"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "error[F010]: the path \"../outside.csv\" is outside the notebook's folder"))
    #expect(outcome.stderr.contains("= help: run with `--allow-path DIR` to allow another folder"))
    let allowed = try Self.dsw(
      ["run", "s.dswnb", "--allow-path", folder.deletingLastPathComponent().path], in: folder)
    #expect(allowed.status == 0)
  }

  @Test func aNulInAnExportPathCannotOverwriteTheNotebook() throws {
    let folder = try Self.folder()
    let path = folder.appendingPathComponent("victim.dswnb")
    let text = """
      {"cells": [{"id": "cell0000", "kind": "query", "source": [\
      "synth groupby (rows: 10, k: 2, seed: 1)", \
      "export groupby to \\"victim.dswnb\\\\u{0}.csv\\""]}], "dswnb": 1, "metadata": {}}

      """
    try text.write(to: path, atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "victim.dswnb"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.hasPrefix(
        #"error[F011]: the path "victim.dswnb\u{0}.csv" holds a control character (NUL, U+0000)"#))
    #expect(try String(contentsOf: path, encoding: .utf8) == text)
    let saved = try Self.dsw(["run", "victim.dswnb", "--output", "out\u{1}.dswnb"], in: folder)
    #expect(saved.stderr.contains("error[F011]"))
  }

  /// A notebook whose prose, code and values hold ESC sequences (CSI, OSC 52),
  /// C1 controls, DEL and a bidi override.
  static func hostileNotebook(in folder: URL) throws {
    let notebook = Notebook(
      cells: [
        Cell(
          id: "cell0000", kind: .markdown,
          source: "# Hi \u{1B}[2J there \u{1B}]52;c;aGVsbG8=\u{7} \u{202E}evil\n\ttabbed"),
        Cell(
          id: "cell0001", kind: .query,
          source: """
            synth groupby (rows: 2, k: 1, seed: 1)
            from groupby | take 1 | select s = "x\\u{1b}[31my\\u{85}z\\u{202e}w\\u{7f}"  # \u{1B}[1m
            # ``` \u{9B}
            """),
      ],
      metadata: NotebookMetadata(title: "T\u{1B}[5m"))
    try Data(NotebookCodec.encodeBytes(notebook))
      .write(to: folder.appendingPathComponent("hostile.dswnb"))
  }

  static func unsafeScalars(_ text: String) -> [String] {
    text.unicodeScalars.filter { $0 != "\n" && $0 != "\t" && DisplayText.isUnsafe($0.value) }
      .map { String($0.value, radix: 16) }
  }

  @Test func markdownOutputNeverHoldsRawControlCharacters() throws {
    let folder = try Self.folder()
    try Self.hostileNotebook(in: folder)
    let run = try Self.dsw(["run", "hostile.dswnb", "--format", "md"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.unsafeScalars(run.stdout) == [])
    #expect(
      run.stdout.hasPrefix("# Hi \\e[2J there \\e]52;c;aGVsbG8=\\u{7} \\u{202e}evil\n\ttabbed\n"))
    #expect(run.stdout.contains("# \\e[1m\n# ``` \\u{9b}\n````\n"))
    #expect(run.stdout.contains("| x\\\\e[31my\\\\u{85}z\\\\u{202e}w\\\\u{7f} |"))
    let export = try Self.dsw(["export", "hostile.dswnb", "--to", "md"], in: folder)
    #expect(Self.unsafeScalars(export.stdout) == [])
    #expect(export.stdout.contains("````dsw\nsynth groupby"))
    let ipynb = try Self.dsw(["export", "hostile.dswnb", "--to", "ipynb"], in: folder)
    #expect(Self.unsafeScalars(ipynb.stdout) == [])
    #expect(
      ipynb.stdout.contains(##""# Hi \u001b[2J there \u001b]52;c;aGVsbG8=\u0007 \u202eevil\n","##))
  }

  @Test func jsonOutputEscapesC1DelAndBidiOverrides() throws {
    let folder = try Self.folder()
    try Self.hostileNotebook(in: folder)
    let run = try Self.dsw(["run", "hostile.dswnb", "--format", "json"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.unsafeScalars(run.stdout) == [])
    #expect(run.stdout.contains(#"[["x\u001b[31my\u0085z\u202ew\u007f"]]"#))
    let line = try #require(run.stdout.split(separator: "\n").last)
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    let outputs = try #require(object?["outputs"] as? [[String: Any]])
    let rows = try #require(outputs.last?["rows"] as? [[String]])
    #expect(rows == [["x\u{1B}[31my\u{85}z\u{202E}w\u{7F}"]])
  }

  /// Loading a FIFO once blocked forever in open(2). (Should it block again,
  /// a writer opens the FIFO after a few seconds, so the test fails instead
  /// of hanging.)
  @Test func loadingAFIFOIsRefusedAtOnce() throws {
    let folder = try Self.folder()
    let fifo = folder.appendingPathComponent("pipe.csv").path
    try #require(mkfifo(fifo, 0o600) == 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
      let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
      if descriptor >= 0 { close(descriptor) }
    }
    try Self.notebook([#"load "pipe.csv" as piped"#])
      .write(to: folder.appendingPathComponent("f.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "f.dswnb"], in: folder)
    #expect(outcome.status == 1)
    let real = folder.resolvingSymlinksInPath().path
    #expect(
      outcome.stderr.hasPrefix(
        """
        error[F104]: \(real)/pipe.csv is not a regular file (a FIFO)
         --> cell 1 (cell0000), line 1, column 6
          |
        1 | load "pipe.csv" as piped
          |      ^^^^^^^^^^
          = help: load a regular file; copy the data from a pipe or device into one first
        """), "\(outcome.stderr)")
  }

  /// A folder named like a data file, and a file that cannot be opened (a
  /// symbolic link that leads to itself), are refused with the path and the
  /// system's reason.
  @Test func aFolderOrAnUnreadableFileIsRefusedByName() throws {
    let folder = try Self.folder()
    let real = folder.resolvingSymlinksInPath().path
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("rows.csv"), withIntermediateDirectories: false)
    try #require(symlink("loop.csv", real + "/loop.csv") == 0)
    try Self.notebook([#"load "rows.csv" as rows"#])
      .write(to: folder.appendingPathComponent("f.dswnb"), atomically: true, encoding: .utf8)
    let folderRun = try Self.dsw(["run", "f.dswnb"], in: folder)
    #expect(folderRun.status == 1)
    #expect(
      folderRun.stderr.hasPrefix("error[F103]: \(real)/rows.csv is a folder, not a file"),
      "\(folderRun.stderr)")
    try Self.notebook([#"load "loop.csv" as looped"#])
      .write(to: folder.appendingPathComponent("g.dswnb"), atomically: true, encoding: .utf8)
    let loopRun = try Self.dsw(["run", "g.dswnb"], in: folder)
    #expect(loopRun.status == 1)
    #expect(
      loopRun.stderr.hasPrefix(
        "error[F101]: cannot open \(real)/loop.csv: Too many levels of symbolic links"),
      "\(loopRun.stderr)")
  }

  /// A notebook's export to a FIFO is refused (it would block the run), and
  /// the command line's `-o` writes through one (as through `/dev/null`),
  /// leaving it a FIFO.
  @Test func aNotebookWritesOnlyFilesAndTheCommandLineWritesThroughDevices() throws {
    let folder = try Self.folder()
    let fifo = folder.appendingPathComponent("pipe.csv").path
    try #require(mkfifo(fifo, 0o600) == 0)
    try Self.notebook(["synth groupby (rows: 10, k: 2, seed: 1)\nexport groupby to \"pipe.csv\""])
      .write(to: folder.appendingPathComponent("w.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "w.dswnb"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains("is not a regular file (a FIFO)\n --> cell 1 (cell0000), line 2"),
      "\(outcome.stderr)")
    #expect(outcome.stderr.contains("= help: write to a regular file"))
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    try #require(reader >= 0)
    defer { close(reader) }
    let exported = try Self.dsw(["export", "w.dswnb", "--to", "md", "-o", "pipe.csv"], in: folder)
    #expect(exported.status == 0, "\(exported.stderr)")
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
    #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).contains("```dsw"))
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
  }

  @Test func exportsMarkdownAndJupyter() throws {
    let folder = try Self.folder()
    try Self.notebook(["synth groupby (rows: 10, k: 2, seed: 1)\nfrom groupby | take 2"])
      .write(to: folder.appendingPathComponent("x.dswnb"), atomically: true, encoding: .utf8)
    #expect(try Self.dsw(["run", "x.dswnb", "--output", "x.dswnb"], in: folder).status == 0)
    let markdown = try Self.dsw(["export", "x.dswnb", "--to", "md"], in: folder)
    #expect(markdown.stdout.contains("```dsw\nsynth groupby"))
    #expect(markdown.stdout.contains("| id1 |"))
    #expect(
      try Self.dsw(["export", "x.dswnb", "--to", "ipynb", "-o", "x.ipynb"], in: folder).status == 0)
    let data = try Data(contentsOf: folder.appendingPathComponent("x.ipynb"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(cells.first?["cell_type"] as? String == "code")
    #expect(cells.first?["execution_count"] as? Int == 1)
  }

  @Test func checkWarnsWhenAParameterIsNamedLikeAColumn() throws {
    let folder = try Self.folder()
    try Self.notebook([
      "param v1 = 3\nsynth groupby (rows: 10, k: 2, seed: 1)\nfrom groupby | filter v1 == v1"
    ]).write(to: folder.appendingPathComponent("w.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["check", "w.dswnb"], in: folder)
    #expect(outcome.status == 0)
    #expect(
      outcome.stderr == """
        warning[W201]: the parameter `v1` has the name of a column
         --> cell 1 (cell0000), line 1, column 7
          |
        1 | param v1 = 3
          |       ^^
          = note: `v1` is a column of `groupby` (made by `synth groupby`); in a pipeline that has this column, `v1` means the column, not the parameter
          = help: give the parameter another name

        """)
    #expect(outcome.stdout == "checked 1 cell: 0 errors, 1 warning\n")
    #expect(try Self.dsw(["check", "w.dswnb", "--strict"], in: folder).status == 1)
  }

  @Test func invalidNotebooksAreRefusedWithACaretAndLeftAlone() throws {
    let folder = try Self.folder()
    let kind = """
      {
        "cells": [
          {"id": "abc12345", "kind": "querry", "source": []}
        ],
        "dswnb": 1,
        "metadata": {}
      }

      """
    try kind.write(
      to: folder.appendingPathComponent("bad.dswnb"), atomically: true, encoding: .utf8)
    let outcome = try Self.dsw(["run", "bad.dswnb", "--output", "bad.dswnb"], in: folder)
    #expect(outcome.status == 2)
    #expect(
      outcome.stderr == """
        error[N033]: unknown cell kind "querry"; expected markdown, query, train, score, ingest or audience
         --> bad.dswnb, line 3, column 32
          |
        3 |     {"id": "abc12345", "kind": "querry", "source": []}
          |                                ^^^^^^^^
        the notebook was not changed

        """)
    #expect(
      try String(contentsOf: folder.appendingPathComponent("bad.dswnb"), encoding: .utf8) == kind)

    try "{\"cells\": [], \"dswnb\": 2, \"metadata\": {}}\n".write(
      to: folder.appendingPathComponent("new.dswnb"), atomically: true, encoding: .utf8)
    let newer = try Self.dsw(["check", "new.dswnb"], in: folder)
    #expect(newer.status == 2)
    #expect(
      newer.stderr.hasPrefix(
        "error[N039]: this notebook was written by a newer dsw (format version 2); this dsw reads version 1"
      ))
  }
}
