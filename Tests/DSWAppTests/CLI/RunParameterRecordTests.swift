import DSWCore
import Foundation
import Testing

/// `dsw run -p` records what the run used, and a replay of the executed copy
/// uses it again.
@Suite(.serialized) struct RunParameterRecordTests {
  static func setUp() throws -> URL {
    let folder = try CommandLineTests.folder()
    try CommandLineTests.notebook([
      "param rows = 10\nparam tag = \"base\"\nsynth groupby (rows: rows, k: 2, seed: 1)",
      "from groupby | aggregate n = count() | derive t = tag",
    ]).write(to: folder.appendingPathComponent("p.dswnb"), atomically: true, encoding: .utf8)
    return folder
  }

  @Test func theParamCellShowsTheValueInForceAndWhereItCameFrom() throws {
    let folder = try Self.setUp()
    let outcome = try CommandLineTests.dsw(
      ["run", "p.dswnb", "-p", "rows=25", "-p", "tag=x\"y"], in: folder)
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("rows = 25 (set for this run; the cell declares 10)\n"))
    #expect(
      outcome.stdout.contains("tag = \"x\\\"y\" (set for this run; the cell declares \"base\")\n"))
    // Without -p, a param cell shows nothing, as before.
    let plain = try CommandLineTests.dsw(["run", "p.dswnb"], in: folder)
    #expect(!plain.stdout.contains("set for this run"))
  }

  @Test func theExecutedCopyRecordsAndReplaysItsParameters() throws {
    let folder = try Self.setUp()
    let run = try CommandLineTests.dsw(
      ["run", "p.dswnb", "-p", "rows=25", "--output", "run.dswnb"], in: folder)
    #expect(run.status == 0)
    let saved = try String(
      contentsOf: folder.appendingPathComponent("run.dswnb"), encoding: .utf8)
    #expect(saved.contains("\"parameters\": {\n      \"rows\": \"25\"\n    }"))
    // The source still declares 10; the metadata says what the run used.
    #expect(saved.contains("\"param rows = 10\""))

    let check = try CommandLineTests.dsw(["run", "run.dswnb", "--check"], in: folder)
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr == "check: every cell's output matches the stored fingerprint\n")
    #expect(check.stdout.contains("groupby: 25 rows"))

    // -p still wins over what was recorded, and the drift is reported.
    let other = try CommandLineTests.dsw(
      ["run", "run.dswnb", "--check", "-p", "rows=30"], in: folder)
    #expect(other.status == 1)
    #expect(other.stderr.hasPrefix("check: 2 cells drifted\n"))
  }

  @Test func exportWritesAnHTMLReportAndPictures() throws {
    let folder = try Self.setUp()
    try CommandLineTests.notebook([
      "synth groupby (rows: 100, k: 3, seed: 1)",
      "from groupby | aggregate n = count(), v = sum(v1) by id1 | chart bar id1 n, v",
    ]).write(to: folder.appendingPathComponent("c.dswnb"), atomically: true, encoding: .utf8)
    #expect(
      try CommandLineTests.dsw(["run", "c.dswnb", "--output", "c.dswnb"], in: folder).status == 0)
    let html = try CommandLineTests.dsw(
      ["export", "c.dswnb", "--to", "html", "-o", "out/report.html"], in: folder)
    #expect(html.status == 0, "\(html.stderr)")
    let report = try String(
      contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
    #expect(report.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    let markdown = try CommandLineTests.dsw(
      ["export", "c.dswnb", "--to", "md", "-o", "out/c.md"], in: folder)
    #expect(markdown.status == 0)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("out/c_files").path)
    #expect(files.count == 1)
    let unknown = try CommandLineTests.dsw(["export", "c.dswnb", "--to", "pdf"], in: folder)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("'pdf'"))
  }
}
