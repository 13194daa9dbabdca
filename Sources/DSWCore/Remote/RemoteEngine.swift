// Remote engines: PostgreSQL-wire warehouses a session connects to.
//
// The core decides everything a user sees: the SQL (SQLCompiler), the
// catalog queries and type mapping (RemoteCatalog), which steps run where,
// and every message. A module outside the core (DSWRemote, over
// postgres-nio) implements these protocols: it speaks the wire protocol and
// turns result rows into columns. The core does no I/O of its own.

/// How a connection is opened: the URL and what `connect`'s options add.
public struct RemoteConnectRequest: Sendable {
  public var target: ConnectionString
  /// The environment variable holding the password (`password_env:`); nil
  /// means PGPASSWORD, then ~/.pgpass (or PGPASSFILE), as libpq looks.
  public var passwordVariable: String?
  /// `statement_timeout` in milliseconds; nil leaves the server's setting.
  public var statementTimeoutMilliseconds: Int?

  public init(
    target: ConnectionString, passwordVariable: String? = nil,
    statementTimeoutMilliseconds: Int? = nil
  ) {
    self.target = target
    self.passwordVariable = passwordVariable
    self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
  }
}

/// Why remote work failed. Messages never hold a password.
public struct RemoteFailure: Error, Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// The server could not be reached (refused, unknown host, timeout).
    case unreachable
    /// The server refused the user or the password, or wants one that is missing.
    case authentication
    /// TLS was required and refused, or the certificate did not verify.
    case tls
    /// The server ran the SQL and reported an error.
    case server
    /// The connection dropped while working.
    case lost
    /// The user interrupted (Ctrl-C); the server was asked to cancel.
    case interrupted
    /// A setting on the dsw side is missing or wrong (`password_env` unset).
    case setting
    /// A result column of a type dsw cannot read.
    case unreadable
    /// The result would pass the session's memory limit (E501); the server
    /// was asked to stop the statement.
    case memoryLimit
  }

  public var kind: Kind
  public var message: String
  /// SQLSTATE, for server errors.
  public var sqlState: String?
  /// 1-based character position in the SQL, when the server gives one.
  public var position: Int?
  public var detail: String?
  public var hint: String?

  public init(
    _ kind: Kind, _ message: String, sqlState: String? = nil, position: Int? = nil,
    detail: String? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.sqlState = sqlState
    self.position = position
    self.detail = detail
    self.hint = hint
  }
}

/// Opens connections to one kind of engine.
public protocol RemoteEngine: Sendable {
  /// The URL schemes served ("postgresql", "postgres").
  var schemes: [String] { get }
  /// The SQL dialect pipelines compile to for this engine.
  var dialect: any SQLDialect { get }
  /// Opens a connection, with TLS as the URL's sslmode asks; stops on Ctrl-C.
  func connect(_ request: RemoteConnectRequest, limits: ExecutionLimits) throws(RemoteFailure)
    -> any RemoteConnection
}

/// One open connection. Used from one thread at a time.
public protocol RemoteConnection: AnyObject {
  /// False once the connection has closed or dropped.
  var isOpen: Bool { get }
  /// The server's version, as it reports it.
  var serverVersion: String { get }
  /// True when the connection is encrypted (TLS).
  var isEncrypted: Bool { get }
  /// Runs statements that return no rows (`SET`, `BEGIN`, `CREATE`).
  func execute(_ sql: String, limits: ExecutionLimits) throws(RemoteFailure)
  /// Runs a query and returns its rows as columns, reporting the rows read
  /// so far as they arrive. Ctrl-C sends the server a cancel request.
  func query(_ sql: String, limits: ExecutionLimits, progress: @escaping @Sendable (Int) -> Void)
    throws(RemoteFailure) -> Table
  /// Streams `table`'s rows into the table `name` of `schema` (`COPY … FROM
  /// STDIN`), whose columns are the table's, in order. Returns the rows written.
  func copy(_ table: Table, schema: String, name: String, limits: ExecutionLimits)
    throws(RemoteFailure) -> Int
  /// Closes the connection; safe to call twice.
  func close()
}
