import Foundation
import Synchronization
import Testing

@testable import DSWCore
@testable import DSWRemote

/// The throwaway PostgreSQL server `scripts/postgres/start.sh` starts: TLS on,
/// the user `dsw` trusted, the user `analyst` needing TLS and a password.
struct PostgresServer: Sendable {
  var host: String
  var port: Int
  var database: String
  var analystPassword: String
  var certificate: String

  static let configured: PostgresServer? = {
    let environment = ProcessInfo.processInfo.environment
    guard let setting = environment["DSW_TEST_POSTGRES"],
      let password = environment["DSW_TEST_POSTGRES_PASSWORD"],
      let certificate = environment["DSW_TEST_POSTGRES_CERT"]
    else { return nil }
    let parts = setting.split(separator: ":").map(String.init)
    guard parts.count == 4, let port = Int(parts[1]) else { return nil }
    return PostgresServer(
      host: parts[0], port: port, database: parts[3], analystPassword: password,
      certificate: certificate)
  }()

  static let skipReason: Comment =
    "no PostgreSQL: run `eval \"$(scripts/postgres/start.sh)\"` to set DSW_TEST_POSTGRES"

  /// `postgresql://USER@host:port/db?…`.
  func url(user: String = "dsw", query: String = "") -> String {
    "postgresql://\(user)@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query)
  }

  /// A session that connects with the real engine; `cancelled` flips Ctrl-C.
  /// `environment` is what the engine reads passwords from (tests never
  /// change the process's own environment, which other threads read).
  /// With `memoryLimit`, the session holds 1 MB before it starts.
  static func session(
    cancelled: CancelFlag? = nil, environment: [String: String] = [:], memoryLimit: Int? = nil
  ) -> Session {
    var context = SessionContext(maxRows: 1000)
    if let cancelled { context.isCancelled = { cancelled.isSet } }
    if let memoryLimit {
      context.memoryLimit = memoryLimit
      context.memoryInUse = { 1_000_000 }
    }
    context.remoteEngine = PostgresEngine(environment: environment)
    return Session(context: context)
  }
}

/// Ctrl-C, as a test presses it.
final class CancelFlag: Sendable {
  private let state = Mutex(false)
  var isSet: Bool { state.withLock { $0 } }
  func set(_ value: Bool = true) { state.withLock { $0 = value } }
}

extension Session {
  /// Runs `source`, failing the test with the rendered error if it fails.
  func runClean(_ source: String) throws -> [CellOutput] {
    let run = self.run(source)
    if let error = run.error {
      throw TestFailure(DiagnosticRenderer.render(error, source: source, location: nil))
    }
    return run.outputs
  }

  /// The rendered error of `source`, or "(no error)".
  func renderedError(_ source: String) -> String {
    let run = self.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1")
  }
}

struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension [CellOutput] {
  /// The text outputs, one per line.
  var texts: [String] {
    compactMap { if case .text(let text) = $0 { text } else { nil } }
  }

  /// The last table output.
  var lastTable: TableOutput? {
    compactMap { if case .table(let table) = $0 { table } else { nil } }.last
  }
}
