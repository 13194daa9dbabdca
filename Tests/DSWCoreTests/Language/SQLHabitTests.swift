import Testing

@testable import DSWCore

/// A SQL user's first attempts each get a help line with the dsw form; a
/// simple SELECT is translated whole. One golden holds every rendered error.
@Suite struct SQLHabitTests {
  static let attempts = [
    "SELECT a, count(*) FROM t WHERE x > 1 GROUP BY a ORDER BY 2 DESC LIMIT 5",
    "SELECT count(*) FROM events",
    "select a, sum(v) as total from t where s = 'x' and v <> 3 group by a having sum(v) > 10 order by total desc",
    "SELECT * FROM t WHERE s IN ('a', 'b') ORDER BY v LIMIT 3",
    "SELECT a FROM t JOIN u ON t.id = u.id",
    "from t | filter x > 1 | where x > 2",
    "from t | limit 5",
    "from t | order by x",
    "from t | group by a",
    "from t | having n > 1",
    "from t | aggregate n = count(*)",
    "from t | select *",
    "from t | sort n desc",
    "from t | sort n asc, m",
    "help",
    "quit",
    "exit",
  ]

  @Test func everyHabitGetsTheDswForm() {
    let rendered = Self.attempts.map { source in
      let diagnostics = Parser.parse(source).diagnostics
      let text = diagnostics.map {
        DiagnosticRenderer.render($0, source: source, location: "input")
      }
      return "> " + source + "\n" + (text.isEmpty ? "(no error)" : text.joined(separator: "\n"))
    }
    Golden.assertMatches(rendered.joined(separator: "\n\n") + "\n", at: "Language/sql-habits.txt")
  }

  /// Each translation parses and runs as the query meant.
  @Test func theTranslationRuns() throws {
    let files = MemoryFiles(["/t.csv": Array("a,x,s,v\np,2,x,20\nq,3,y,1\np,5,x,4\nq,0,x,9\n".utf8)]
    )
    let session = Session(context: SessionContext(files: files))
    _ = session.run("load \"t.csv\" as t")
    let sql = "SELECT a, count(*) FROM t WHERE x > 1 GROUP BY a ORDER BY 2 DESC LIMIT 5"
    let source = Parser.parse(sql)
    let help = try #require(source.diagnostics.first?.help)
    let pipeline = try #require(help.split(separator: "`").dropFirst().first.map(String.init))
    #expect(
      pipeline == "from t | filter x > 1 | aggregate count = count() by a | sort -count | take 5")
    let run = session.run(pipeline)
    #expect(run.error == nil)
    guard case .table(let table) = run.outputs.last else { return }
    #expect(table.rows == [[.string("p"), .int(2)], [.string("q"), .int(1)]])
  }
}
