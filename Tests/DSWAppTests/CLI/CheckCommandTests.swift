import Foundation
import Testing

/// `dsw check` as a user runs it: names and types found without running,
/// exit codes, and diagnostics on stderr with the summary on stdout.
@Suite(.serialized) struct CheckCommandTests {
  static func check(_ cells: [String], files: [String: String] = [:], arguments: [String] = [])
    throws -> CommandLineTests.Outcome
  {
    let folder = try CommandLineTests.folder()
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try CommandLineTests.notebook(cells)
      .write(to: folder.appendingPathComponent("c.dswnb"), atomically: true, encoding: .utf8)
    return try CommandLineTests.dsw(["check", "c.dswnb"] + arguments, in: folder)
  }

  static let sales = "region,amount\neast,10\nwest,20\n"

  @Test func anUnknownDatasetIsFoundWithoutRunning() throws {
    let outcome = try Self.check(["from nothing | take 3"])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr == """
        error[E212]: unknown dataset `nothing`
         --> cell 1 (cell0000), line 1, column 6
          |
        1 | from nothing | take 3
          |      ^^^^^^^
          = note: the catalog is empty: `load` or `synth` a dataset first

        """)
    #expect(outcome.stdout == "checked 1 cell: 1 error, 0 warnings\n")
  }

  @Test func aTypeErrorInALoadedFileIsFoundWithoutRunning() throws {
    let outcome = try Self.check(
      ["load \"sales.csv\" as sales", "from sales | derive bad = amount + \"a\""],
      files: ["sales.csv": Self.sales])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix("error[E20"))
    #expect(outcome.stderr.contains(" --> cell 2 (cell0001), line 1, column 27"))
    #expect(outcome.stdout == "checked 2 cells: 1 error, 0 warnings\n")
  }

  @Test func schemasFlowThroughLetsSynthAndModels() throws {
    let outcome = try Self.check(
      [
        "load \"sales.csv\" as sales\nlet big = from sales | filter amount > 5 | select region",
        "from big | select amount",
        "synth groupby (rows: 10, k: 2)\nfrom groupby | aggregate s = sum(v1) by id1",
        "train m = linear(sales, target: amount)\nfrom sales | score m | select region, score",
      ], files: ["sales.csv": Self.sales])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix("error[E201]: unknown column `amount`"))
    #expect(outcome.stderr.contains("cell 2 (cell0001), line 1, column 19"))
    // The warning: cell 4 is marked `query` but its `train` makes it a train cell.
    #expect(outcome.stdout == "checked 4 cells: 1 error, 1 warning\n")
  }

  @Test func aMissingFileSkipsWhatNeedsItWithANote() throws {
    let outcome = try Self.check([
      "load \"absent.csv\" as later", "from later | select whatever",
    ])
    #expect(outcome.status == 0)
    #expect(!outcome.stderr.contains("error"))
    #expect(outcome.stderr.contains("note: cell 1 (cell0000): `later` is not checked"))
    #expect(outcome.stderr.contains("note: cell 2 (cell0001): a pipeline is not checked"))
    #expect(outcome.stdout == "checked 2 cells: 0 errors, 0 warnings\n")
  }

  @Test func aValidNotebookExitsZeroAndAnUnreadableOneTwo() throws {
    let valid = try Self.check(
      ["load \"sales.csv\" as sales\nfrom sales | aggregate total = sum(amount) by region"],
      files: ["sales.csv": Self.sales])
    #expect(valid.status == 0)
    #expect(valid.stderr == "")
    #expect(valid.stdout == "checked 1 cell: 0 errors, 0 warnings\n")
    let folder = try CommandLineTests.folder()
    #expect(try CommandLineTests.dsw(["check", "missing.dswnb"], in: folder).status == 2)
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let cells = ["param x = 1\nparam x = 2"]
    #expect(try Self.check(cells).status == 0)
    let strict = try Self.check(cells, arguments: ["--strict"])
    #expect(strict.status == 1)
    #expect(strict.stderr.hasPrefix("warning[W202]"))
    #expect(strict.stdout == "checked 1 cell: 0 errors, 1 warning\n")
  }
}
