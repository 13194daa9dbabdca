import Testing

@testable import DSWCore
@testable import DSWRemote

/// `~/.pgpass` lines as libpq reads them; no server needed.
@Suite struct PasswordFileTests {
  @Test func theFirstMatchingLineWins() {
    let file = """
      # comment
      db.example.com:5432:sales:ana:first
      *:*:*:ana:second
      localhost:6000:*:*:local\\:pass
      """
    #expect(
      Passwords.match(file, host: "db.example.com", port: 5432, database: "sales", user: "ana")
        == "first")
    #expect(Passwords.match(file, host: "other", port: 1, database: "x", user: "ana") == "second")
    #expect(
      Passwords.match(file, host: "127.0.0.1", port: 6000, database: "x", user: "bo")
        == "local:pass")
    #expect(Passwords.match(file, host: "other", port: 1, database: "x", user: "bo") == nil)
    #expect(Passwords.match("a:b:c", host: "a", port: 1, database: "c", user: "d") == nil)
  }

  @Test func aNamedVariableMustBeSet() throws {
    let request = RemoteConnectRequest(
      target: ConnectionString(
        scheme: "postgresql", user: "u", host: "h", port: 5432, database: "d", tlsMode: .prefer,
        rootCertificate: nil, connectTimeout: 10, applicationName: "dsw"),
      passwordVariable: "WAREHOUSE")
    #expect(throws: RemoteFailure.self) {
      _ = try Passwords.find(for: request, environment: [:])
    }
    #expect(try Passwords.find(for: request, environment: ["WAREHOUSE": "pw"]) == "pw")
    var plain = request
    plain.passwordVariable = nil
    #expect(try Passwords.find(for: plain, environment: ["PGPASSWORD": "env"]) == "env")
  }
}
