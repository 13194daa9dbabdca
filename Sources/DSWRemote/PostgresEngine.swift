import DSWCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// PostgreSQL-wire engines (PostgreSQL, Redshift, Query Service, …) through
/// postgres-nio.
///
/// dsw opens the TCP connection itself and negotiates TLS as libpq's
/// sslmode says, then hands the channel to postgres-nio. Doing so lets it
/// read the server's cancel key on the way past (postgres-nio keeps it to
/// itself), which Ctrl-C needs to send a cancel request.
public struct PostgresEngine: RemoteEngine {
  /// The environment passwords are read from; nil: the process's own.
  let environment: [String: String]?

  public init(environment: [String: String]? = nil) {
    self.environment = environment
  }

  public var schemes: [String] { ["postgresql", "postgres"] }
  public var dialect: any SQLDialect { PostgreSQLDialect() }

  public func connect(_ request: RemoteConnectRequest, limits: ExecutionLimits)
    throws(RemoteFailure) -> any RemoteConnection
  {
    let password = try Passwords.find(
      for: request, environment: environment ?? ProcessInfo.processInfo.environment)
    return try Blocking.run(limits: limits) { () async throws(RemoteFailure) in
      try await PostgresRemoteConnection.open(request, password: password)
    }
  }
}

/// One open connection to a PostgreSQL-wire server.
final class PostgresRemoteConnection: RemoteConnection, @unchecked Sendable {
  let connection: PostgresConnection
  let target: ConnectionString
  let cancelKey: BackendKeySniffer.Key?
  let rows: RowInterceptor
  let serverVersion: String
  let isEncrypted: Bool
  static let logger = Logger(label: "dsw.remote", factory: { _ in SwiftLogNoOpLogHandler() })

  private init(
    connection: PostgresConnection, target: ConnectionString, cancelKey: BackendKeySniffer.Key?,
    rows: RowInterceptor, serverVersion: String, isEncrypted: Bool
  ) {
    self.connection = connection
    self.rows = rows
    self.target = target
    self.cancelKey = cancelKey
    self.serverVersion = serverVersion
    self.isEncrypted = isEncrypted
  }

  deinit { close() }

  var isOpen: Bool { !connection.isClosed }

  static func open(_ request: RemoteConnectRequest, password: String?) async throws(RemoteFailure)
    -> PostgresRemoteConnection
  {
    let target = request.target
    let group = MultiThreadedEventLoopGroup.singleton
    let channel: any Channel
    do {
      channel = try await ClientBootstrap(group: group)
        .connectTimeout(.seconds(Int64(target.connectTimeout)))
        .channelOption(.socketOption(.tcp_nodelay), value: 1)
        .connect(host: target.host, port: target.port).get()
    } catch {
      throw RemoteFailure(.unreachable, Failures.describe(error))
    }
    let sniffer = BackendKeySniffer()
    let interceptor = RowInterceptor()
    let encrypted: Bool
    do {
      encrypted = try await TLSNegotiation.negotiate(on: channel, target: target)
      try await channel.pipeline.addHandler(sniffer).get()
      try await channel.pipeline.addHandler(interceptor).get()
    } catch let failure as RemoteFailure {
      _ = try? await channel.close()
      throw failure
    } catch {
      _ = try? await channel.close()
      throw RemoteFailure(.tls, Failures.describe(error))
    }
    var configuration = PostgresConnection.Configuration(
      establishedChannel: channel, username: target.user, password: password,
      database: target.database)
    configuration.options.additionalStartupParameters = [
      ("application_name", target.applicationName)
    ]
    let connection: PostgresConnection
    do {
      connection = try await PostgresConnection.connect(
        on: channel.eventLoop, configuration: configuration, id: 1, logger: logger
      ).get()
    } catch {
      _ = try? await channel.close()
      throw Failures.map(error, connecting: true, hasPassword: password != nil)
    }
    var version = "PostgreSQL"
    do {
      let rows = try await connection.query("SELECT version()", logger: logger)
      for try await row in rows {
        if let text = try? row.decode(String.self) {
          // "PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, …"
          version =
            text.components(separatedBy: " on ").first?.components(separatedBy: " (")
            .first ?? text
        }
      }
    } catch {
      // Some engines answer no `version()`; the name stays generic.
    }
    return PostgresRemoteConnection(
      connection: connection, target: target, cancelKey: sniffer.key, rows: interceptor,
      serverVersion: version, isEncrypted: encrypted)
  }

  func execute(_ sql: String, limits: ExecutionLimits) throws(RemoteFailure) {
    let connection = self.connection
    try Blocking.run(limits: limits, cancel: sendCancel) { () async throws(RemoteFailure) in
      do {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        for try await _ in rows {}
      } catch {
        throw Failures.map(error)
      }
    }
  }

  func query(_ sql: String, limits: ExecutionLimits, progress: @escaping @Sendable (Int) -> Void)
    throws(RemoteFailure) -> Table
  {
    let connection = self.connection
    let interceptor = rows
    let admit = Self.admission(limits)
    let stopping = Mutex<Task<Void, Never>?>(nil)
    return try Blocking.run(limits: limits, cancel: sendCancel) { () async throws(RemoteFailure) in
      // The rows go into columns on the way in (`RowInterceptor`); the
      // sequence postgres-nio returns is empty.
      interceptor.arm(progress: progress, admit: admit) {
        stopping.withLock { $0 = $0 ?? self.cancelStatement() }
      }
      var queryError: (any Error)?
      do {
        let sequence = try await connection.query(
          PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        for try await _ in sequence {}
      } catch {
        queryError = error
      }
      let captured = Result { () throws(RemoteFailure) in try interceptor.disarm() }
      if case .failure(let failure) = captured, failure.kind == .memoryLimit {
        // The statement usually ends with the cancel's error; if it ended
        // first, wait until the cancel was delivered, so that it cannot stop
        // the connection's next statement instead.
        if let task = stopping.withLock({ $0 }) { await task.value }
        throw failure
      }
      if let queryError { throw Failures.map(queryError) }
      return try captured.get()
    }
  }

  /// Refuses a result whose columns would pass the memory limit, counting
  /// from what the process held when the query started.
  static func admission(_ limits: ExecutionLimits) -> @Sendable (Int, Int) -> RemoteFailure? {
    guard let memoryLimit = limits.memoryLimit else { return { _, _ in nil } }
    let before = limits.memoryInUse()
    let budget = ExecutionLimits(memoryLimit: memoryLimit, memoryInUse: { before })
    return { rows, bytes in
      do throws(Diagnostic) {
        try budget.admit(
          bytes, for: "the query's result reached \(rows.formatted) rows and was still arriving",
          help:
            "filter or aggregate before the rows leave the server, take fewer rows (`take N`), or raise the limit with `--memory-limit` or `:set memory_limit`"
        )
        return nil
      } catch {
        return RemoteFailure(.memoryLimit, error.message, hint: error.help)
      }
    }
  }

  func copy(_ table: Table, schema: String, name: String, limits: ExecutionLimits)
    throws(RemoteFailure) -> Int
  {
    let connection = self.connection
    // postgres-nio writes `COPY "<table>"`: the qualified name goes in with
    // its inner quotes, each part's own quotes doubled.
    let quoted = { (part: String) in part.replacingOccurrences(of: "\"", with: "\"\"") }
    let relation = quoted(schema) + "\".\"" + quoted(name)
    let columns = table.names.map(quoted)
    try Blocking.run(limits: limits, cancel: sendCancel) { () async throws(RemoteFailure) in
      do {
        try await connection.copyFrom(
          table: relation, columns: columns, format: .text(.init()), logger: Self.logger
        ) { writer in
          var encoder = CopyTextEncoder(table: table)
          while let chunk = encoder.next(bytes: 1 << 20) {
            if limits.isCancelled() { throw RemoteFailure(.interrupted, "interrupted") }
            try await writer.write(ByteBuffer(bytes: chunk))
          }
        }
      } catch let failure as RemoteFailure {
        throw failure
      } catch {
        throw Failures.map(error)
      }
    }
    return table.rowCount
  }

  /// Closes the connection and waits (briefly) until it is closed.
  func close() {
    guard !connection.isClosed else { return }
    try? connection.close().wait()
  }

  /// Asks the server to stop this connection's running statement: the
  /// protocol's CancelRequest, on a new connection of its own.
  func sendCancel() {
    _ = cancelStatement()
  }

  /// The same, as a task that ends once the server has taken the request.
  func cancelStatement() -> Task<Void, Never>? {
    guard let key = cancelKey else { return nil }
    let target = self.target
    return Task.detached(executorPreference: RemoteExecutor.shared) {
      await CancelRequest.send(key: key, host: target.host, port: target.port)
    }
  }
}
