import Testing

@testable import DSWCore

/// Connection URLs as `connect` reads them, and the errors a user can meet
/// before any server is involved.
@Suite struct ConnectionStringTests {
  func rendered(_ source: String) -> String {
    let session = Session()
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1")
  }

  @Test func aFullURLIsRead() throws {
    let url = try ConnectionString.parse(
      "postgres://ana%40corp@db.example.com:6543/sales?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3&application_name=nb",
      span: .unknown)
    #expect(url.scheme == "postgres")
    #expect(url.user == "ana@corp")
    #expect(url.host == "db.example.com")
    #expect(url.port == 6543)
    #expect(url.database == "sales")
    #expect(url.tlsMode == .verifyFull)
    #expect(url.rootCertificate == "/etc/ca.pem")
    #expect(url.connectTimeout == 3)
    #expect(url.applicationName == "nb")
    #expect(url.display == "postgres://ana@corp@db.example.com:6543/sales?sslmode=verify-full")
  }

  @Test func defaultsAreLibpqs() throws {
    let url = try ConnectionString.parse("postgresql://me@[::1]", span: .unknown)
    #expect(url.host == "::1")
    #expect(url.port == 5432)
    #expect(url.database == "me")
    #expect(url.tlsMode == .prefer)
    #expect(url.display == "postgresql://me@[::1]:5432/me?sslmode=prefer")
    // Query Service's user names hold an `@`: the last one ends the user.
    let service = try ConnectionString.parse(
      "postgresql://ABC@AdobeOrg@host:80/prod:all", span: .unknown)
    #expect(service.user == "ABC@AdobeOrg")
    #expect(service.database == "prod:all")
  }

  @Test func aPasswordInTheURLIsRefusedWithoutQuotingIt() {
    for source in [
      "connect w to \"postgresql://me:hunter2@db/x\"",
      "connect w to \"postgresql://me@db/x?password=hunter2\"",
    ] {
      let error = rendered(source)
      #expect(
        error == """
          error[R001]: the connection string holds a password, which would be saved in the notebook and its history
           --> cell 1
            = help: remove it from the URL; put it in an environment variable named by `password_env: "VAR"`, in PGPASSWORD, or in ~/.pgpass
          """)
      #expect(!error.contains("hunter2"))
    }
  }

  @Test func malformedURLsAreNamed() {
    #expect(
      rendered("connect w to \"mysql://me@db/x\"").hasPrefix(
        "error[R001]: dsw connects to PostgreSQL-wire engines, with `postgresql://` URLs; `mysql://` is not one"
      ))
    #expect(
      rendered("connect w to \"postgresql://me@db:99999/x\"").hasPrefix(
        "error[R001]: the port `99999` is not a number from 1 to 65535"))
    #expect(
      rendered("connect w to \"postgresql://me@db/x?sslmode=always\"").contains(
        "= help: use one of `disable`, `prefer`, `require`, `verify-ca`, `verify-full`"))
    #expect(
      rendered("connect w to \"postgresql://me@db/x?colour=red\"").hasPrefix(
        "error[R001]: unknown connection parameter `colour`"))
    #expect(
      rendered("connect w to \"postgresql://db/x\"").hasPrefix(
        "error[R001]: the connection string names no user"))
  }

  @Test func optionsAreChecked() {
    #expect(
      rendered("connect w to \"postgresql://me@db/x\" (statement_timeout: \"soon\")").hasPrefix(
        "error[E232]: `statement_timeout` is a duration such as \"30s\", \"500ms\", \"5min\" or \"1h\""
      ))
    #expect(
      rendered("connect w to \"postgresql://me@db/x\" (password_env: \"A B\")").hasPrefix(
        "error[E232]: `password_env` names an environment variable: letters, digits and `_`"))
    #expect(
      rendered("connect w to \"postgresql://me@db/x\" (pasword_env: \"A\")").hasPrefix(
        "error[E230]: `connect` has no option `pasword_env`"))
  }

  @Test func durationsAreMilliseconds() throws {
    #expect(try Session.milliseconds(.string("30s"), span: nil) == 30_000)
    #expect(try Session.milliseconds(.string("250ms"), span: nil) == 250)
    #expect(try Session.milliseconds(.string("2min"), span: nil) == 120_000)
    #expect(try Session.milliseconds(.string("1h"), span: nil) == 3_600_000)
    #expect(try Session.milliseconds(.int(5), span: nil) == 5000)
    #expect(throws: Diagnostic.self) { try Session.milliseconds(.int(0), span: nil) }
  }

  @Test func withoutAnEngineConnectSaysSo() {
    #expect(
      rendered("connect w to \"postgresql://me@db/x\"").hasPrefix(
        "error[R002]: this build of dsw has no engine for `postgresql://`"))
  }

  @Test func unknownConnectionsSuggest() {
    #expect(
      rendered("datasets nowhere") == """
        error[R010]: unknown connection `nowhere`
         --> cell 1, line 1, column 10
          |
        1 | datasets nowhere
          |          ^^^^^^^
          = note: no connections yet: `connect nowhere to "postgresql://user@host/db"` makes one
        """)
    #expect(rendered("let x = sql w \"SELECT 1\"").hasPrefix("error[R010]: unknown connection `w`"))
    #expect(
      rendered("export groupby to w.public.t").hasPrefix("error[E212]: unknown dataset `groupby`"))
  }

  @Test func sqlErrorsPointAtTheirLine() {
    let sql = "SELECT a,\n\tb + 1 AS c\nFROM t"
    #expect(
      Session.excerpt(of: sql, at: 12) == ["in the SQL, line 2:", "   b + 1 AS c", "   ^"])
    #expect(Session.excerpt(of: sql, at: nil) == ["in the SQL: SELECT a, …"])
  }

  @Test func tripleQuotedStringsSpanLinesAndKeepBackslashes() throws {
    let program = try Parser.parseProgram(
      "let q = sql w \"\"\"SELECT '\\d+' AS \"re\",\n  2 AS two\"\"\"\nconnections")
    #expect(program.statements.count == 2)
    guard case .sqlQuery(let name?, let connection, let sql, _) = program.statements[0].kind
    else {
      Issue.record("not a sql statement")
      return
    }
    #expect(name.text == "q")
    #expect(connection.text == "w")
    #expect(sql == "SELECT '\\d+' AS \"re\",\n  2 AS two")
    #expect(Lexer.tokenize("let q = sql w \"\"\"SELECT 1").endsInsideString)
  }

  @Test func theCheckerKnowsConnections() {
    var checker = NotebookChecker(files: MemoryFiles(), sandbox: PathSandbox(base: "/"))
    let program = try? Parser.parseProgram(
      """
      connect w to "postgresql://me@db/x"
      let f = from w.public.events | filter x > 1
      from f | take 1
      datasets nope
      """)
    guard let program else {
      Issue.record("does not parse")
      return
    }
    let check = checker.check(program, source: "")
    #expect(check.notes.contains { $0.contains("its columns are read from connection `w`") })
    #expect(check.diagnostics.map { $0.code } == ["R010"])
  }

  @Test func passwordsAreRedactedFromTypedText() {
    #expect(
      ConnectionString.redactingPasswords(
        in: "connect w to \"postgresql://me:hunter2@db:5432/x?sslmode=require\"")
        == "connect w to \"postgresql://me:***@db:5432/x?sslmode=require\"")
    #expect(
      ConnectionString.redactingPasswords(
        in: "connect w to \"postgres://me@db/x?password=hunter2&a=1\"")
        == "connect w to \"postgres://me@db/x?password=***&a=1\"")
    #expect(
      ConnectionString.redactingPasswords(in: "connect w to \"postgresql://me@db/x\"")
        == "connect w to \"postgresql://me@db/x\"")
    #expect(
      ConnectionString.redactingPasswords(in: "from events | take 5") == "from events | take 5")
  }
}
