import Foundation
import Testing

@testable import DSWCore
@testable import DSWRemote

/// The remote engine against a real PostgreSQL server over TLS: connecting,
/// pushdown, writing back, mixing local and remote data, and every fault a
/// user can meet. Each test works in a schema of its own.
@Suite(.enabled(if: PostgresServer.configured != nil, PostgresServer.skipReason), .serialized)
struct RemoteEngineTests {
  let server =
    PostgresServer.configured
    ?? PostgresServer(
      host: "", port: 0, database: "", analystPassword: "", certificate: "")

  /// A session connected as `dsw` (`w`), with a fresh schema `name`.
  func connected(_ schema: String, cancelled: CancelFlag? = nil) throws -> Session {
    let session = PostgresServer.session(cancelled: cancelled)
    _ = try session.runClean("connect w to \"\(server.url())\"")
    try execute(session, "DROP SCHEMA IF EXISTS \(schema) CASCADE")
    try execute(session, "CREATE SCHEMA \(schema)")
    return session
  }

  /// Runs a statement on `w` that returns no rows.
  func execute(_ session: Session, _ sql: String) throws {
    let link = try #require(session.connections["w"])
    try session.execute(link, sql, span: .unknown)
  }

  /// A local dataset with every type, nulls included.
  static let people = """
    param n = 1
    let people = sql w \"\"\"
      SELECT * FROM (VALUES
        (1, 'ann', 10.5, true, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.5', 'x\ty'),
        (2, 'bob', NULL, false, NULL, TIMESTAMP '1969-12-31 23:59:59', NULL),
        (3, NULL, -0.25, NULL, DATE '1999-12-31', NULL, 'line\nbreak'),
        (4, 'émile', 1e300, true, DATE '2000-01-01', TIMESTAMP '2000-01-01 00:00:00', '\\back'),
        (NULL, 'dan', 7, false, DATE '2024-02-29', TIMESTAMP '2024-02-29 12:00:00', ''))
      AS v(id, name, amount, flag, day, at, note)
    \"\"\"
    """

  @Test func connectsOverTLSWithAPasswordFromTheEnvironment() throws {
    let session = PostgresServer.session(
      environment: ["DSW_REMOTE_TEST_PASSWORD": server.analystPassword])
    let outputs = try session.runClean(
      """
      connect a to "\(server.url(user: "analyst", query: "sslmode=require"))" (password_env: "DSW_REMOTE_TEST_PASSWORD")
      connections
      """)
    #expect(outputs.texts.first?.hasPrefix("connected a to PostgreSQL ") == true)
    #expect(outputs.texts.first?.hasSuffix(", TLS as analyst") == true)
    let listing = try #require(outputs.lastTable)
    #expect(
      listing.rows.first?[1] == .string(server.url(user: "analyst", query: "sslmode=require")))
    #expect(listing.rows.first?[2] == .string("open"))
  }

  @Test func verifyFullChecksTheCertificate() throws {
    let session = PostgresServer.session(
      environment: ["DSW_REMOTE_TEST_PASSWORD": server.analystPassword])
    let trusted = server.url(
      user: "analyst", query: "sslmode=verify-full&sslrootcert=\(server.certificate)")
    _ = try session.runClean(
      "connect a to \"\(trusted)\" (password_env: \"DSW_REMOTE_TEST_PASSWORD\")")
    // Without the root certificate, the self-signed one does not verify.
    let untrusted = server.url(user: "analyst", query: "sslmode=verify-full")
    let error = session.renderedError(
      "connect b to \"\(untrusted)\" (password_env: \"DSW_REMOTE_TEST_PASSWORD\")")
    #expect(error.hasPrefix("error[R005]: TLS with `b` (\(server.host):\(server.port)) failed: "))
    #expect(error.contains("certificate"))
  }

  @Test func aWrongPasswordIsRefusedClearly() throws {
    let session = PostgresServer.session(environment: ["DSW_REMOTE_TEST_WRONG": "not-the-password"])
    let source =
      "connect a to \"\(server.url(user: "analyst", query: "sslmode=require"))\" (password_env: \"DSW_REMOTE_TEST_WRONG\")"
    let error = session.renderedError(source)
    #expect(
      error.hasPrefix(
        "error[R004]: `a` (\(server.host):\(server.port)) refused the login of `analyst`: password authentication failed for user \"analyst\""
      ))
    #expect(!error.contains("not-the-password"))
    #expect(session.connections.isEmpty)
  }

  @Test func aServerThatRefusesPlainConnectionsSaysWhy() throws {
    let session = PostgresServer.session(
      environment: ["DSW_REMOTE_TEST_PASSWORD": server.analystPassword])
    let error = session.renderedError(
      "connect a to \"\(server.url(user: "analyst", query: "sslmode=disable"))\" (password_env: \"DSW_REMOTE_TEST_PASSWORD\")"
    )
    #expect(error.hasPrefix("error[R004]: `a` (\(server.host):\(server.port)) refused the login"))
    #expect(error.contains("no encryption"))
    #expect(error.contains("= help: the server's access rules (pg_hba.conf) refuse"))
  }

  @Test func anUnreachableServerAndAMissingVariableAreClear() throws {
    let session = PostgresServer.session()
    #expect(
      session.renderedError("connect a to \"postgresql://dsw@127.0.0.1:1/dsw\"").hasPrefix(
        "error[R003]: cannot reach `a` (127.0.0.1:1): Connection refused"))
    let missing = session.renderedError(
      "connect a to \"\(server.url())\" (password_env: \"DSW_REMOTE_TEST_UNSET_VARIABLE\")")
    #expect(
      missing.hasPrefix(
        "error[R002]: `password_env` names DSW_REMOTE_TEST_UNSET_VARIABLE, which is not set in the environment"
      ))
  }

  @Test func aParameterURLThatFailsNamesTheParameter() throws {
    let session = PostgresServer.session()
    let error = session.renderedError(
      """
      param warehouse = "postgresql://dsw@127.0.0.1:1/dsw"
      connect w to warehouse
      """)
    #expect(
      error.contains(
        "= note: the URL comes from the parameter `warehouse`: give another with `dsw run NOTEBOOK -p warehouse=postgresql://user@host:port/db`"
      ))
  }

  @Test func tablesAndTheirTypesAreListed() throws {
    let session = try connected("listing")
    try execute(
      session,
      """
      CREATE TABLE listing.events (id integer, big bigint, price numeric(20,4), cheap numeric(6,2), \
      name varchar(20), at timestamptz, day date, ok boolean, ratio real, u uuid, doc jsonb)
      """)
    try execute(session, "CREATE VIEW listing.recent AS SELECT id FROM listing.events")
    let outputs = try session.runClean("datasets w\nschema w.listing.events")
    let tables = try #require(
      outputs.first.flatMap { if case .table(let t) = $0 { t } else { nil } })
    let listed = tables.rows.filter { $0[0] == .string("listing") }.map { [$0[1], $0[2]] }
    #expect(
      listed == [[.string("events"), .string("table")], [.string("recent"), .string("view")]])
    let schema = try #require(outputs.lastTable)
    let rows = schema.rows.map { $0.map { if case .string(let s) = $0 { s } else { "?" } } }
    #expect(
      rows == [
        ["id", "int", "integer", ""],
        ["big", "int", "bigint", ""],
        [
          "price", "double", "numeric(20,4)",
          "numeric(20,4) read as double: digits past the 15th may change",
        ],
        ["cheap", "double", "numeric(6,2)", ""],
        ["name", "string", "character varying", ""],
        ["at", "timestamp", "timestamp with time zone", "timestamptz read as its UTC time"],
        ["day", "date", "date", ""],
        ["ok", "bool", "boolean", ""],
        ["ratio", "double", "real", ""],
        ["u", "string", "uuid", "uuid read as its text"],
        ["doc", "string", "jsonb", "jsonb read as its text"],
      ])
    #expect(
      session.renderedError("from w.listing.nothing").hasPrefix(
        "error[R011]: connection `w` has no table or view `listing.nothing`"))
  }

  @Test func valuesOfEveryTypeRoundTrip() throws {
    let session = try connected("trip")
    _ = try session.runClean(Self.people)
    let written = try session.runClean("export people to w.trip.people")
    #expect(written.texts == ["wrote 5 rows of people to w.trip.people (created)"])
    let local = try #require(try session.runClean("from people").lastTable)
    let remote = try #require(try session.runClean("from w.trip.people | sort id").lastTable)
    #expect(remote.columns == local.columns)
    #expect(remote.types == local.types)
    #expect(Set(remote.rows.map { "\($0)" }) == Set(local.rows.map { "\($0)" }))
  }

  @Test func exportModesReplaceAppendAndRefuse() throws {
    let session = try connected("modes")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.modes.p")
    let refused = session.renderedError("export people to w.modes.p")
    #expect(
      refused.hasPrefix(
        "error[R006]: `w` reported an error: relation \"p\" already exists (SQLSTATE 42P07)"))
    #expect(
      refused.contains(
        "= help: `mode: \"replace\"` replaces it, `mode: \"append\"` adds the rows to it"))
    _ = try session.runClean("export people to w.modes.p (mode: \"append\")")
    var count = try session.runClean("from w.modes.p | aggregate n = count()").lastTable
    #expect(count?.rows == [[.int(10)]])
    _ = try session.runClean("export people to w.modes.p (mode: \"replace\")")
    count = try session.runClean("from w.modes.p | aggregate n = count()").lastTable
    #expect(count?.rows == [[.int(5)]])
  }

  @Test func aFailedExportLeavesTheTargetAsItWas() throws {
    let session = try connected("atomic")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.atomic.p")
    // A string that no text column can hold makes the copy fail midway.
    _ = try session.runClean(
      "let bad = from people | derive note = if(id == 4, \"a\\u{0}b\", note)")
    let error = session.renderedError("export bad to w.atomic.p (mode: \"replace\")")
    #expect(error.hasPrefix("error[R006]: `w` reported an error: "))
    let count = try session.runClean("from w.atomic.p | aggregate n = count()").lastTable
    #expect(count?.rows == [[.int(5)]])
  }

  @Test func pipelinesPushedDownMatchTheLocalEngine() throws {
    let session = try connected("push")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.push.people")
    let pipelines = [
      "filter amount > 1 | select id, name, amount | sort id",
      "derive half = amount / 2, k = id // 2, r = id % 3 | sort -id | take 3",
      "aggregate n = count(), total = sum(amount), m = median(amount), mx = max(day) by flag | sort flag",
      "window by flag order id derive rn = row_number(), run = sum(amount) | sort id",
      "filter name like \"%n%\" or name is null | sort name",
      "derive y = year(at), d = date(at), s = name || \"!\" | sort id",
      "distinct flag | sort flag",
    ]
    for steps in pipelines {
      let local = try #require(try session.runClean("from people | \(steps)").lastTable)
      let remote = try #require(try session.runClean("from w.push.people | \(steps)").lastTable)
      #expect(remote.columns == local.columns, "\(steps)")
      #expect(remote.rows == local.rows, "\(steps)")
    }
  }

  @Test func theRestOfAPipelineRunsLocally() throws {
    let session = try connected("rest")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.rest.people")
    let source = "from w.rest.people | filter id > 1 | sample 2 (seed: 7) | select id"
    let remote = try #require(try session.runClean(source).lastTable)
    let local = try #require(
      try session.runClean("from people | filter id > 1 | sample 2 (seed: 7) | select id")
        .lastTable)
    // The filter ran on the engine, whose rows come in no fixed order, so
    // the sample may pick other rows than the local run; its size and its
    // domain are fixed.
    #expect(remote.rows.count == 2)
    #expect(remote.rows.allSatisfy { [[.int(2)], [.int(3)], [.int(4)]].contains($0) })
    #expect(remote.columns == local.columns)
    let link = try #require(session.connections["w"])
    guard case .pipeline(let pipeline)? = try Parser.parseProgram(source).statements.first?.kind
    else { throw TestFailure("not a pipeline") }
    let compiled = try session.compileSQL(pipeline, source: source, dialect: link.dialect)
    #expect(compiled.pushedSteps == 1)
  }

  @Test func aSmallLocalSideTravelsToATemporaryTable() throws {
    let session = try connected("mixing")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.mixing.people")
    let outputs = try session.runClean(
      """
      let tiers = from people | filter id is not null | select id, tier = if(id > 2, "gold", "silver")
      from w.mixing.people | join inner tiers on id | select id, tier | sort id
      """)
    #expect(
      outputs.texts.last
        == "sent local `tiers` (4 rows) to a temporary table on `w` for this query")
    #expect(
      outputs.lastTable?.rows == [
        [.int(1), .string("silver")], [.int(2), .string("silver")], [.int(3), .string("gold")],
        [.int(4), .string("gold")],
      ])
  }

  @Test func aLargeLocalSideIsRefused() throws {
    let session = try connected("large")
    _ = try session.runClean(Self.people)
    _ = try session.runClean("export people to w.large.people")
    _ = try session.runClean("synth groupby (rows: 100001, seed: 1)")
    let error = session.renderedError(
      "from w.large.people | join inner groupby on id == v1 | take 1")
    #expect(
      error.hasPrefix(
        "error[R012]: `groupby` is local (100,001 rows) and `w.large.people` is on `w`; a local side over 100,000 rows is not sent for one query"
      ))
    #expect(error.contains("= help: `export groupby to w.public.groupby` puts it on the engine"))
  }

  @Test func rawSQLErrorsPointIntoTheSQL() throws {
    let session = try connected("raw")
    let error = session.renderedError(
      "let q = sql w \"\"\"SELECT 1 AS one,\n  nosuch + 1 AS two\"\"\"")
    #expect(
      error.hasSuffix(
        """
          = note: in the SQL, line 2:
          = note:     nosuch + 1 AS two
          = note:     ^
        """))
    #expect(
      error.hasPrefix(
        "error[R006]: `w` reported an error: column \"nosuch\" does not exist (SQLSTATE 42703)"))
  }

  /// PostgreSQL's dates reach year 5,874,897 and its timestamps 294,276: past
  /// what dsw holds, so such a value is refused by column, not wrapped or
  /// left to trap later. ±infinity still reads as null.
  @Test func aDateOrTimestampPastTheEnginesRangeIsRefusedByColumn() throws {
    let session = try connected("range")
    let date = session.renderedError(
      "let d = sql w \"SELECT 1 AS id, DATE '5874897-12-31' AS due\"")
    #expect(
      date.hasPrefix(
        "error[R014]: column `due` holds a date out of range; dates and times must fall within "
          + "about 273,000 years of 1970"))
    let timestamp = session.renderedError(
      "let t = sql w \"SELECT TIMESTAMP '294276-12-31 23:59:59' AS at\"")
    #expect(timestamp.contains("column `at` holds a timestamp out of range"))
    let infinite = try session.runClean(
      "let i = sql w \"SELECT DATE 'infinity' AS d, TIMESTAMP '-infinity' AS t\"\nfrom i")
    #expect(infinite.lastTable?.rows == [[.null, .null]])
  }

  /// A table whose column changes type on the server after dsw read its
  /// schema: the compiled SQL casts every column to the type dsw planned
  /// with, so the engine's own error names the value; nothing is misread.
  @Test func aColumnThatChangedTypeOnTheServerIsNotMisread() throws {
    let session = try connected("drift")
    try execute(session, "CREATE TABLE drift.t AS SELECT 1 AS id, 2 AS v")
    let before = try session.runClean("from w.drift.t | filter v > 0")
    #expect(before.lastTable?.rows == [[.int(1), .int(2)]])
    try execute(session, "ALTER TABLE drift.t ALTER COLUMN v TYPE text")
    try execute(session, "UPDATE drift.t SET v = 'abc'")
    #expect(
      session.renderedError("from w.drift.t | select v").hasPrefix(
        """
        error[R006]: `w` reported an error: invalid input syntax for type bigint: "abc" (SQLSTATE 22P02)
         --> cell 1, line 1, column 6
          |
        1 | from w.drift.t | select v
          |      ^^^^^^^^^
        """))
  }

  @Test func aStatementTimeoutIsNamed() throws {
    let session = PostgresServer.session()
    let error = session.renderedError(
      """
      connect t to "\(server.url())" (statement_timeout: "200ms")
      let s = sql t "SELECT pg_sleep(5)"
      """)
    #expect(
      error.hasPrefix(
        "error[R008]: `t` stopped the statement: canceling statement due to statement timeout"))
    // The connection is still usable.
    let after = try session.runClean("let one = sql t \"SELECT 1 AS one\"")
    #expect(after.texts == ["one: 1 row × 1 column"])
  }

  @Test func ctrlCCancelsTheRemoteQueryAndKeepsTheSession() throws {
    let flag = CancelFlag()
    let session = try connected("cancel", cancelled: flag)
    _ = try session.runClean("let keep = sql w \"SELECT 42 AS answer\"")
    let started = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flag.set() }
    let run = session.run(
      "let slow = sql w \"SELECT pg_sleep(60) AS s, 'dsw-cancel-probe' AS tag\"")
    #expect(run.error?.code == "X001")
    #expect(Date().timeIntervalSince(started) < 10)
    flag.set(false)
    // The server no longer runs it.
    let active = try session.runClean(
      """
      let running = sql w \"\"\"SELECT count(*) AS n FROM pg_stat_activity
        WHERE query LIKE '%dsw-cancel-probe%' AND state = 'active' AND pid <> pg_backend_pid()\"\"\"
      from running
      """)
    #expect(active.lastTable?.rows == [[.int(0)]])
    #expect(try session.runClean("from keep").lastTable?.rows == [[.int(42)]])
  }

  /// A result that grows past the memory limit stops as its rows arrive:
  /// E501 with the rows so far and their size, the server's statement is
  /// cancelled, and the same connection runs the next statement.
  @Test func aPullPastTheMemoryLimitIsRefusedAsItsRowsArrive() throws {
    let session = PostgresServer.session(memoryLimit: 50_000_000)
    _ = try session.runClean("connect w to \"\(server.url())\"")
    let small = try session.runClean(
      "let small = sql w \"SELECT g AS id FROM generate_series(1, 100000) AS g\"")
    #expect(small.texts == ["small: 100,000 rows × 1 column"])
    let pid = try session.runClean("let pid = sql w \"SELECT pg_backend_pid() AS pid\"\nfrom pid")
      .lastTable?.rows
    let source = """
      let big = sql w "SELECT g AS id, repeat('x', 100) || g AS label, 'dsw-memory-probe' AS tag FROM generate_series(1, 2000000) AS g"
      """
    let started = Date()
    let error = session.renderedError(source)
    #expect(Date().timeIntervalSince(started) < 30)
    // The rows are counted every 4,096 and the buffers grow in steps whose
    // size the allocator rounds (differently under a sanitizer): the count
    // and size vary a little, the wording does not.
    let lines = error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let head = try #require(lines.first)
    let words = head.split(separator: " ").map(String.init)
    try #require(words.count > 12, "\(error)")
    #expect(head.hasPrefix("error[E501]: the query's result reached "), "\(error)")
    #expect(
      head.hasSuffix(
        " rows and was still arriving, about \(words[12]) MB; the memory limit is 50 MB and 1 MB is in use"
      ),
      "\(error)")
    let rows = Int(words[5].replacingOccurrences(of: ",", with: "")) ?? 0
    #expect(rows % 4096 == 0 && (100_000...300_000).contains(rows), "\(error)")
    #expect((50...110).contains(Int(words[12]) ?? 0), "\(error)")
    #expect(
      Array(lines.dropFirst()) == [
        " --> cell 1, line 1, column 17",
        "  |",
        "1 | \(source)",
        "  |                 \(String(repeating: "^", count: source.count - 16))",
        "  = help: filter or aggregate before the rows leave the server, take fewer rows (`take N`), or raise the limit with `--memory-limit` or `:set memory_limit`",
      ])
    #expect(session.datasets["big"] == nil)
    // The server no longer runs it, and the connection is the same one.
    let active = try session.runClean(
      """
      let running = sql w \"\"\"SELECT count(*) AS n FROM pg_stat_activity
        WHERE query LIKE '%dsw-memory-probe%' AND state = 'active' AND pid <> pg_backend_pid()\"\"\"
      from running
      """)
    #expect(active.lastTable?.rows == [[.int(0)]])
    let again = try session.runClean(
      "let again = sql w \"SELECT pg_backend_pid() AS pid\"\nfrom again")
    #expect(again.lastTable?.rows == pid)
    // A pushed-down pipeline pulls its result the same way.
    try execute(session, "DROP TABLE IF EXISTS public.dsw_memory_probe")
    try execute(
      session,
      "CREATE TABLE public.dsw_memory_probe AS SELECT g AS id, md5(g::text) AS label FROM generate_series(1, 1000000) AS g"
    )
    let pulled = session.renderedError("from w.public.dsw_memory_probe | filter id > 10")
    #expect(pulled.hasPrefix("error[E501]: the query's result reached "), "\(pulled)")
    try execute(session, "DROP TABLE public.dsw_memory_probe")
  }

  @Test func aConnectionDroppedMidQueryIsReportedAndTheNextStatementReconnects() throws {
    let session = try connected("dropped")
    let url = server.url()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
      let other = PostgresServer.session()
      _ = other.run(
        """
        connect admin to "\(url)"
        let gone = sql admin \"\"\"SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE query LIKE '%dsw-drop-probe%' AND pid <> pg_backend_pid()\"\"\"
        """)
    }
    let error = session.renderedError(
      "let x = sql w \"SELECT pg_sleep(20) AS s, 'dsw-drop-probe' AS tag\"")
    #expect(
      error.hasPrefix("error[R007]: the connection `w` (\(server.host):\(server.port)) was lost"))
    #expect(error.contains("= help: the next statement connects again"))
    let again = try session.runClean("let y = sql w \"SELECT 2 AS two\"\nfrom y")
    #expect(again.lastTable?.rows == [[.int(2)]])
  }

  @Test func anIdleConnectionThatDroppedIsOpenedAgainQuietly() throws {
    let session = try connected("idle")
    _ = try session.runClean("let pid = sql w \"SELECT pg_backend_pid() AS pid\"")
    guard case .int(let pid)? = try session.runClean("from pid").lastTable?.rows.first?.first
    else { throw TestFailure("no backend pid") }
    let other = PostgresServer.session()
    _ = try other.runClean(
      "connect admin to \"\(server.url())\"\nlet gone = sql admin \"SELECT pg_terminate_backend(\(pid)) AS done\""
    )
    Thread.sleep(forTimeInterval: 0.3)
    let again = try session.runClean("let y = sql w \"SELECT 2 AS two\"\nfrom y")
    #expect(again.lastTable?.rows == [[.int(2)]])
  }

  @Test func noPasswordReachesAnyOutput() throws {
    let secret = server.analystPassword
    let session = PostgresServer.session(environment: ["DSW_REMOTE_TEST_PASSWORD": secret])
    var seen: [String] = []
    let url = server.url(user: "analyst", query: "sslmode=require")
    let sources = [
      "connect a to \"\(url)\" (password_env: \"DSW_REMOTE_TEST_PASSWORD\")",
      "connections",
      "let q = sql a \"SELECT current_user AS who\"",
      "let bad = sql a \"SELECT nosuch\"",
      "from a.nosuch",
    ]
    for source in sources {
      let run = session.run(source)
      seen += run.outputs.map { "\($0)" }
      if let error = run.error {
        seen.append(DiagnosticRenderer.render(error, source: source, location: nil))
      }
    }
    #expect(seen.count > 5)
    #expect(!seen.contains { $0.contains(secret) })
  }
}
