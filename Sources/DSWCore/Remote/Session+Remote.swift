/// A remote table a name refers to: its connection and shape.
struct RemoteTableRef {
  var link: RemoteLink
  var shape: RemoteTableShape
}

/// The statements about connections, and pipelines over remote tables.
extension Session {
  /// The most rows of a local dataset a remote pipeline uploads for a join
  /// or append; a larger one is refused (R012).
  public static let remoteUploadLimit = 100_000

  func executeRemoteStatement(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    switch statement.kind {
    case .connect(let name, let url, let options):
      return try connect(name, url: url, options: options)
    case .connections:
      return [.table(connectionListing())]
    case .disconnect(let name):
      let link = try self.link(name)
      link.close()
      connections[name.text] = nil
      connectionOrder.removeAll { $0 == name.text }
      return [.text("disconnected \(name.text)")]
    case .remoteDatasets(let name):
      return [.table(try remoteTableListing(try link(name), span: name.span))]
    case .sqlQuery(let name, let connection, let sql, let sqlSpan):
      let link = try self.link(connection)
      let table = try query(link, sql, span: sqlSpan, label: "sql \(link.name)")
      guard let name else { return [.table(TableOutput(table, limit: context.maxRows))] }
      store(name.text, Dataset(name: name.text, table: table))
      return [.text(summary(name.text, table))]
    case .exportToEngine(let name, let target, let options):
      return try exportToEngine(try dataset(named: name), target: target, options: options)
    default:
      return []
    }
  }

  // MARK: Connections

  /// The URL of a `connect`: a string, or a parameter holding one.
  static func connectionURL(_ url: Expr, parameters: [String: Value]) throws(Diagnostic) -> String {
    guard case .string(let text) = try ParameterValue.evaluate(url, parameters: parameters) else {
      throw Diagnostic.error(
        "E207", "`connect` takes a URL in quotes, or a parameter holding one", at: url.span)
    }
    return text
  }

  private func connect(_ name: Name, url: Expr, options: [Option]) throws(Diagnostic)
    -> [CellOutput]
  {
    let urlSpan = url.span
    let target = try ConnectionString.parse(
      try Self.connectionURL(url, parameters: parameters), span: urlSpan)
    let reader = try OptionReader(
      options, valid: OptionNames.connect, context: "`connect`", parameters: parameters)
    var request = RemoteConnectRequest(target: target)
    if let variable = try reader.string("password_env") {
      guard !variable.isEmpty, variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
      else {
        throw Diagnostic.error(
          "E232", "`password_env` names an environment variable: letters, digits and `_`",
          at: reader.span(of: "password_env"))
      }
      request.passwordVariable = variable
    }
    if reader.has("statement_timeout") {
      request.statementTimeoutMilliseconds = try Self.milliseconds(
        reader.value("statement_timeout"), span: reader.span(of: "statement_timeout"))
    }
    guard let engine = context.remoteEngine, engine.schemes.contains(target.scheme) else {
      throw Diagnostic.error(
        "R002", "this build of dsw has no engine for `\(target.scheme)://`", at: urlSpan)
    }
    connections[name.text]?.close()
    let link = RemoteLink(name: name.text, request: request, engine: engine)
    do throws(RemoteFailure) {
      _ = try link.open(limits: context.limits)
    } catch {
      var failed = diagnostic(error, link: link, sql: nil, span: urlSpan)
      if case .name(let parameter) = url.kind, ["R003", "R004", "R005"].contains(failed.code) {
        failed.notes.append(
          "the URL comes from the parameter `\(parameter)`: give another with `dsw run NOTEBOOK -p \(parameter)=postgresql://user@host:port/db`"
        )
      }
      throw failed
    }
    if connections[name.text] == nil { connectionOrder.append(name.text) }
    connections[name.text] = link
    return [.text("connected \(name.text) to \(link.serverVersion) as \(target.user)")]
  }

  /// `"30s"`, `"500ms"`, `"2min"`, `"1h"`, or a whole number of seconds.
  static func milliseconds(_ value: Value?, span: SourceSpan?) throws(Diagnostic) -> Int {
    let invalid = Diagnostic.error(
      "E232", "`statement_timeout` is a duration such as \"30s\", \"500ms\", \"5min\" or \"1h\"",
      at: span)
    switch value {
    case .int(let seconds)?:
      guard seconds > 0, seconds <= 86_400 * 7 else { throw invalid }
      return Int(seconds) * 1000
    case .string(let text)?:
      let units: [(String, Double)] = [("ms", 1), ("min", 60_000), ("s", 1000), ("h", 3_600_000)]
      for (unit, scale) in units where text.hasSuffix(unit) {
        guard let number = Double(text.dropLast(unit.count).trimmingCharacters(in: .whitespaces)),
          number > 0, number * scale <= 7 * 86_400_000
        else { throw invalid }
        return max(1, Int((number * scale).rounded()))
      }
      throw invalid
    default: throw invalid
    }
  }

  func link(_ name: Name) throws(Diagnostic) -> RemoteLink {
    guard let link = connections[name.text] else {
      throw RemoteName.unknownConnection(name, among: connectionOrder)
    }
    return link
  }

  /// The open connection of `link`, reconnecting when it dropped.
  func open(_ link: RemoteLink, span: SourceSpan?) throws(Diagnostic) -> any RemoteConnection {
    do throws(RemoteFailure) {
      return try link.open(limits: context.limits)
    } catch {
      throw diagnostic(error, link: link, sql: nil, span: span)
    }
  }

  func connectionListing() -> TableOutput {
    let rows = connectionOrder.compactMap { connections[$0] }
    let table = Table([
      ("name", Column(strings: rows.map(\.name))),
      ("url", Column(strings: rows.map(\.request.target.display))),
      ("state", Column(strings: rows.map { $0.isOpen ? "open" : "closed" })),
      ("server", Column(strings: rows.map(\.serverVersion))),
    ])
    return TableOutput(table, limit: max(context.maxRows, rows.count))
  }

  // MARK: Remote tables

  /// The remote table `name` refers to, when its first part names a
  /// connection and no local dataset has the name.
  func remoteTable(_ name: Name) throws(Diagnostic) -> RemoteTableRef? {
    guard datasets[name.text] == nil, let prefix = RemoteName.connection(of: name.text),
      let link = connections[prefix]
    else { return nil }
    let key = String(name.text.dropFirst(prefix.count + 1))
    if let shape = link.shapes[key], link.isOpen { return RemoteTableRef(link: link, shape: shape) }
    let (schema, table) = try RemoteName.parts(of: name)
    var resolvedSchema = schema
    if resolvedSchema == nil {
      let found = try query(link, RemoteCatalog.schemasQuery(table: table), span: name.span)
      if found.rowCount > 0, case .string(let first) = found.columns[0].value(at: 0) {
        resolvedSchema = first
      }
    }
    var columns = Table.empty
    if let resolvedSchema {
      columns = try query(
        link, RemoteCatalog.columnsQuery(RemoteTableName(schema: resolvedSchema, name: table)),
        span: name.span)
    }
    guard let resolvedSchema, columns.rowCount > 0 else {
      throw Diagnostic.error(
        "R011", "connection `\(link.name)` has no table or view `\(key)`", at: name.span,
        help: "`datasets \(link.name)` lists its tables and views")
    }
    let shape = RemoteCatalog.shape(
      of: RemoteTableName(schema: resolvedSchema, name: table), columns: columns,
      dialect: link.dialect)
    link.shapes[key] = shape
    return RemoteTableRef(link: link, shape: shape)
  }

  func remoteTableListing(_ link: RemoteLink, span: SourceSpan) throws(Diagnostic) -> TableOutput {
    let table = try query(link, RemoteCatalog.tablesQuery, span: span)
    return TableOutput(table, limit: max(context.maxRows, table.rowCount))
  }

  func remoteSchemaListing(_ remote: RemoteTableRef) -> TableOutput {
    let columns = remote.shape.columns
    let table = Table([
      ("column", Column(strings: columns.map(\.name))),
      ("type", Column(strings: columns.map { $0.type.rawValue })),
      ("remote type", Column(strings: columns.map(\.remoteType))),
      ("note", Column(strings: columns.map { $0.note ?? "" })),
    ])
    return TableOutput(table, limit: max(context.maxRows, columns.count))
  }

  /// Every row of a remote table, as dsw types it.
  func pull(_ remote: RemoteTableRef, span: SourceSpan) throws(Diagnostic) -> Table {
    let sql = "SELECT * FROM " + remote.shape.relation.sql
    let table = try query(remote.link, sql, span: span, label: remote.link.name)
    return try conform(table, to: remote.shape.schema, link: remote.link, sql: sql, span: span)
  }

  // MARK: Running SQL

  /// Runs `work` on `link`'s connection, opened again when it dropped; a
  /// failure becomes the user's error, quoting `sql` where the server points.
  func onConnection<T>(
    _ link: RemoteLink, sql: String?, span: SourceSpan?,
    _ work: (any RemoteConnection) throws(RemoteFailure) -> T
  ) throws(Diagnostic) -> T {
    let connection = try open(link, span: span)
    do throws(RemoteFailure) {
      return try work(connection)
    } catch {
      throw diagnostic(error, link: link, sql: sql, span: span)
    }
  }

  /// Runs a query on `link`; with a `label`, a progress line counts the rows
  /// as they arrive (catalog queries have none).
  func query(_ link: RemoteLink, _ sql: String, span: SourceSpan, label: String? = nil)
    throws(Diagnostic) -> Table
  {
    let progress = context.progress
    let limits = context.limits
    return try onConnection(link, sql: sql, span: span) { connection throws(RemoteFailure) in
      try connection.query(sql, limits: limits) { rows in
        if let label { progress("\(label): \(rows.formatted) rows", -1) }
      }
    }
  }

  func execute(_ link: RemoteLink, _ sql: String, span: SourceSpan) throws(Diagnostic) {
    let limits = context.limits
    try onConnection(link, sql: sql, span: span) { connection throws(RemoteFailure) in
      try connection.execute(sql, limits: limits)
    }
  }

  /// The result of a compiled statement with the types the compiler gave
  /// its columns: the wire may carry an integer where dsw computes a double.
  func conform(
    _ table: Table, to schema: Schema, link: RemoteLink, sql: String, span: SourceSpan
  ) throws(Diagnostic) -> Table {
    guard table.columnCount == schema.count else {
      throw Diagnostic.error(
        "R013",
        "`\(link.name)` returned \(table.columnCount) columns where \(schema.count) were expected",
        at: span)
    }
    var columns: [Column] = []
    for (column, field) in zip(table.columns, schema.fields) {
      if column.type == field.type {
        columns.append(column)
      } else if column.type == .int, field.type == .double {
        columns.append(try Cast.apply(column, to: .double, span: span))
      } else {
        throw Diagnostic.error(
          "R013",
          "`\(link.name)` returned column `\(field.name)` as \(column.type.rawValue) where dsw expects \(field.type.rawValue)",
          at: span)
      }
    }
    return Table(names: schema.names, columns: columns, rowCount: table.rowCount)
  }

  /// A failure of remote work as the user reads it: what happened, on which
  /// connection, and, for a server error, the SQL with a caret. A lost
  /// connection is closed here, so the next statement opens a new one.
  func diagnostic(_ failure: RemoteFailure, link: RemoteLink, sql: String?, span: SourceSpan?)
    -> Diagnostic
  {
    let target = link.request.target
    let place = "`\(link.name)` (\(target.host):\(target.port))"
    switch failure.kind {
    case .interrupted:
      return Diagnostic.interrupted
    case .unreachable:
      return .error(
        "R003", "cannot reach \(place): \(failure.message)", at: span,
        help: "check the host and port, and that the server accepts TCP connections")
    case .authentication:
      return .error(
        "R004", "\(place) refused the login of `\(target.user)`: \(failure.message)", at: span,
        help: failure.hint
          ?? "give the password in the variable named by `password_env: \"VAR\"`, in PGPASSWORD, or in ~/.pgpass"
      )
    case .tls:
      return .error(
        "R005", "TLS with \(place) failed: \(failure.message)", at: span,
        help: failure.hint ?? "sslmode is `\(target.tlsMode.rawValue)`")
    case .setting:
      return .error("R002", failure.message, at: span, help: failure.hint)
    case .lost:
      // Forget the connection now: it may not know yet that it is closed.
      link.close()
      return .error(
        "R007", "the connection \(place) was lost: \(failure.message)", at: span,
        help: "the next statement connects again")
    case .unreadable:
      return .error("R014", failure.message, at: span, help: failure.hint)
    case .memoryLimit:
      return .error("E501", failure.message, at: span, help: failure.hint)
    case .server:
      var notes: [String] = []
      if let detail = failure.detail { notes.append(detail) }
      if let sql { notes += Self.excerpt(of: sql, at: failure.position) }
      if failure.sqlState == "57014" {
        return .error(
          "R008", "`\(link.name)` stopped the statement: \(failure.message)", at: span,
          notes: notes,
          help: "a statement timeout stops long queries; `connect` sets it with `statement_timeout`"
        )
      }
      let state = failure.sqlState.map { " (SQLSTATE \($0))" } ?? ""
      return .error(
        "R006", "`\(link.name)` reported an error: \(failure.message)\(state)", at: span,
        notes: notes, help: failure.hint)
    }
  }

  /// The line of `sql` holding 1-based character `position`, with a caret
  /// under it; the whole statement's first line when there is no position.
  static func excerpt(of sql: String, at position: Int?) -> [String] {
    let lines = sql.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.replacingOccurrences(of: "\t", with: " ")
    }
    guard let position, position >= 1 else {
      return ["in the SQL: " + (lines.first ?? "") + (lines.count > 1 ? " …" : "")]
    }
    var remaining = position - 1
    for (number, line) in lines.enumerated() {
      let length = line.count + 1
      if remaining < length {
        let shown = String(line.prefix(200))
        let caret = String(repeating: " ", count: min(remaining, shown.count)) + "^"
        return ["in the SQL, line \(number + 1):", "  " + shown, "  " + caret]
      }
      remaining -= length
    }
    return ["in the SQL: " + (lines.first ?? "")]
  }
}
