/// A named connection of a session: how to open it, the open connection (if
/// any), and the shapes of the tables read through it.
///
/// A connection that dropped is opened again by the next statement that
/// needs it, with the same settings; the session keeps its state.
public final class RemoteLink {
  public let name: String
  public let request: RemoteConnectRequest
  let engine: any RemoteEngine
  var connection: (any RemoteConnection)?
  /// Table shapes by the name as written after the connection (`events`,
  /// `public.events`); cleared when the connection is opened again.
  var shapes: [String: RemoteTableShape] = [:]
  /// The server's version, from the last time the connection opened.
  public private(set) var serverVersion = ""

  init(name: String, request: RemoteConnectRequest, engine: any RemoteEngine) {
    self.name = name
    self.request = request
    self.engine = engine
  }

  public var isOpen: Bool { connection?.isOpen ?? false }
  public var dialect: any SQLDialect { engine.dialect }

  /// The open connection, opening it (again) when needed; each opening runs
  /// the dialect's session setup and the statement timeout.
  func open(limits: ExecutionLimits) throws(RemoteFailure) -> any RemoteConnection {
    if let connection, connection.isOpen { return connection }
    connection?.close()
    connection = nil
    shapes = [:]
    let opened = try engine.connect(request, limits: limits)
    var setup = engine.dialect.sessionSetup
    if let timeout = request.statementTimeoutMilliseconds {
      setup.append("SET statement_timeout = \(timeout)")
    }
    do throws(RemoteFailure) {
      for statement in setup { try opened.execute(statement, limits: limits) }
    } catch {
      opened.close()
      throw error
    }
    connection = opened
    serverVersion = opened.serverVersion + (opened.isEncrypted ? ", TLS" : "")
    return opened
  }

  func close() {
    connection?.close()
    connection = nil
    shapes = [:]
  }
}
