import Foundation
import Testing

/// `dsw sql NB CELL`: the SQL of a cell's pipelines, found without running.
@Suite(.serialized) struct SQLCommandTests {
  static func sql(_ cells: [String], cell: String) throws -> CommandLineTests.Outcome {
    let folder = try CommandLineTests.folder()
    try "region,amount\neast,10\nwest,20\n".write(
      to: folder.appendingPathComponent("sales.csv"), atomically: true, encoding: .utf8)
    try CommandLineTests.notebook(cells)
      .write(to: folder.appendingPathComponent("s.dswnb"), atomically: true, encoding: .utf8)
    return try CommandLineTests.dsw(["sql", "s.dswnb", cell], in: folder)
  }

  static let cells = [
    "load \"sales.csv\" as sales",
    "let big = from sales | filter amount > 5\nfrom big | aggregate total = sum(amount) by region | sort region | sample 1",
  ]

  @Test func printsTheSQLOfEachPipelineOfACell() throws {
    let outcome = try Self.sql(Self.cells, cell: "2")
    #expect(outcome.status == 0)
    #expect(
      outcome.stdout == """
        -- cell 2 (cell0001), let big
        SELECT *
        FROM "sales"
        WHERE "amount" > 5;

        -- cell 2 (cell0001), pipeline
        WITH "step1" AS (
          SELECT "region", CAST(sum("amount") AS bigint) AS "total"
          FROM "big"
          GROUP BY "region"
        )
        SELECT "region", "total"
        FROM "step1"
        ORDER BY "region" COLLATE "C" ASC NULLS LAST;
        -- not in the SQL, run by dsw on its result:
        --   | sample 1 (`sample` picks rows with dsw's own seeded generator; an engine's TABLESAMPLE picks other rows)

        """)
  }

  @Test func aCellIsNamedByIdOrNumber() throws {
    #expect(try Self.sql(Self.cells, cell: "cell0001").status == 0)
    let missing = try Self.sql(Self.cells, cell: "9")
    #expect(missing.status == 2)
    #expect(
      missing.stderr == "error: no cell `9`: give a cell id or a number from 1 to 2\n")
    let noPipeline = try Self.sql(Self.cells, cell: "1")
    #expect(noPipeline.status == 1)
    #expect(noPipeline.stderr == "error: cell 1 (cell0000) has no pipeline to compile\n")
  }

  @Test func aTypeErrorIsReportedAsCheckReportsIt() throws {
    let outcome = try Self.sql(
      [Self.cells[0], "from sales | derive x = region + 1"], cell: "2")
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix("error[E202]: cannot add `string` and `int`"))
  }
}
