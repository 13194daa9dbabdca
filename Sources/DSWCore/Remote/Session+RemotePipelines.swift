/// Pipelines over remote tables, and writing datasets back to an engine.
extension Session {
  /// Runs a pipeline whose source is a remote table: its longest prefix that
  /// compiles runs on the engine as one statement, the rest runs here on the
  /// result. A local dataset it joins or appends travels to a temporary table
  /// when it is small enough.
  func runRemote(_ pipeline: Pipeline, on source: RemoteTableRef) throws(Diagnostic)
    -> PipelineResult
  {
    let link = source.link
    let (compilation, locals) = try remotePlan(pipeline, on: source)
    var notes: [String] = []
    var uploaded: [String] = []
    defer {
      for name in uploaded {
        try? execute(
          link, "DROP TABLE IF EXISTS pg_temp." + link.dialect.identifier(name), span: .unknown)
      }
    }
    for (name, local) in locals.sorted(by: { $0.value.step < $1.value.step })
    where local.step < compilation.pushedSteps {
      let table = Self.uploadName(name)
      try upload(
        local.dataset.table, to: link, schema: "pg_temp", name: table, temporary: true,
        span: pipeline.source.span)
      uploaded.append(table)
      notes.append(
        "sent local `\(name)` (\(local.dataset.table.rowCount.formatted) rows) to a temporary table on `\(link.name)` for this query"
      )
    }
    let fetched = try query(link, compilation.sql, span: pipeline.source.span, label: link.name)
    let table = try conform(
      fetched, to: compilation.schema, link: link, sql: compilation.sql, span: pipeline.source.span)
    if compilation.isComplete {
      return PipelineResult(table: table, display: .table, notes: notes)
    }
    let rest = Pipeline(
      source: pipeline.source, transforms: compilation.localSteps, span: pipeline.span)
    let overlay = ResultEnvironment(base: environment, name: pipeline.source.text, table: table)
    var result = try PipelineExecutor(environment: overlay, source: currentSource).run(rest)
    result.notes = notes
    return result
  }

  static func uploadName(_ dataset: String) -> String { "__dsw_local_" + dataset }

  /// The statement a pipeline over a remote table sends, and the local
  /// datasets it joins or appends (sent to temporary tables when a run
  /// pushes their step), with the index of that step.
  func remotePlan(_ pipeline: Pipeline, on source: RemoteTableRef) throws(Diagnostic)
    -> (compilation: SQLCompilation, locals: [String: (dataset: Dataset, step: Int)])
  {
    let link = source.link
    var relations: [String: SQLRelation] = [pipeline.source.text: source.shape.relation]
    var locals: [String: (dataset: Dataset, step: Int)] = [:]
    for (index, transform) in pipeline.transforms.enumerated() {
      let other: Name
      switch transform.kind {
      case .join(_, let dataset, _), .append(let dataset): other = dataset
      default: continue
      }
      if let remote = try remoteTable(other) {
        guard remote.link === link else {
          throw Diagnostic.error(
            "R012",
            "`\(other.text)` is on connection `\(remote.link.name)`, and this pipeline runs on `\(link.name)`",
            at: other.span,
            help:
              "one statement runs on one engine: `let x = from \(other.text)` brings it here first")
        }
        relations[other.text] = remote.shape.relation
        continue
      }
      let dataset = try self.dataset(named: other)
      guard dataset.rowCount <= Self.remoteUploadLimit else {
        throw Diagnostic.error(
          "R012",
          "`\(other.text)` is local (\(dataset.rowCount.formatted) rows) and `\(pipeline.source.text)` is on `\(link.name)`; a local side over \(Self.remoteUploadLimit.formatted) rows is not sent for one query",
          at: other.span,
          help:
            "`export \(other.text) to \(link.name).public.\(other.text)` puts it on the engine for good; or filter it below \(Self.remoteUploadLimit.formatted) rows"
        )
      }
      if locals[other.text] == nil {
        locals[other.text] = (dataset, index)
        relations[other.text] = SQLRelation(
          sql: "pg_temp." + link.dialect.identifier(Self.uploadName(other.text)))
      }
    }
    let compiler = SQLCompiler(
      dialect: link.dialect, environment: environment, source: currentSource,
      relation: { relations[$0] })
    return (try compiler.compile(pipeline), locals)
  }

  /// Creates the table `name` in `schema` with `table`'s columns and copies
  /// its rows in; the caller holds the transaction.
  private func upload(
    _ table: Table, to link: RemoteLink, schema: String, name: String, temporary: Bool,
    span: SourceSpan
  ) throws(Diagnostic) {
    let dialect = link.dialect
    let qualified = dialect.identifier(schema) + "." + dialect.identifier(name)
    let definition = createTable(
      table, named: temporary ? dialect.identifier(name) : qualified,
      dialect: dialect, temporary: temporary)
    if temporary {
      try execute(link, "DROP TABLE IF EXISTS " + qualified, span: span)
    }
    try execute(link, definition, span: span)
    try copy(table, to: link, schema: schema, name: name, span: span)
  }

  private func createTable(
    _ table: Table, named relation: String, dialect: any SQLDialect, temporary: Bool,
    ifMissing: Bool = false
  ) -> String {
    let columns = zip(table.names, table.types).map { name, type in
      dialect.identifier(name) + " " + dialect.typeName(type)
    }
    return "CREATE " + (temporary ? "TEMPORARY " : "") + "TABLE "
      + (ifMissing ? "IF NOT EXISTS " : "") + relation + " ("
      + columns.joined(separator: ", ") + ")"
  }

  private func copy(
    _ table: Table, to link: RemoteLink, schema: String, name: String, span: SourceSpan
  )
    throws(Diagnostic)
  {
    let limits = context.limits
    _ = try onConnection(link, sql: nil, span: span) { connection throws(RemoteFailure) in
      try connection.copy(table, schema: schema, name: name, limits: limits)
    }
  }

  /// `export DATASET to CONNECTION.schema.table (mode: …)`: one transaction,
  /// so a failure leaves the target as it was.
  func exportToEngine(_ dataset: Dataset, target: Name, options: [Option]) throws(Diagnostic)
    -> [CellOutput]
  {
    let reader = try OptionReader(
      options, valid: OptionNames.exportToTable, context: "`export` to a table",
      parameters: parameters)
    let mode = try reader.string("mode", allowed: ["create", "replace", "append"]) ?? "create"
    guard let prefix = RemoteName.connection(of: target.text) else {
      throw RemoteName.malformedTarget(target)
    }
    let link = try self.link(Name(prefix, span: target.span))
    let (givenSchema, name) = try RemoteName.parts(of: target)
    let dialect = link.dialect
    var schema = givenSchema ?? ""
    if givenSchema == nil {
      let current = try query(
        link, "SELECT CAST(current_schema() AS text)", span: target.span,
        label: link.name)
      guard current.rowCount == 1, case .string(let found) = current.columns[0].value(at: 0) else {
        throw Diagnostic.error(
          "R011", "connection `\(link.name)` has no current schema to create `\(name)` in",
          at: target.span, help: "write `\(link.name).schema.\(name)`")
      }
      schema = found
    }
    let qualified = dialect.identifier(schema) + "." + dialect.identifier(name)
    let table = dataset.table
    try execute(link, "BEGIN", span: target.span)
    do throws(Diagnostic) {
      switch mode {
      case "replace":
        try execute(link, "DROP TABLE IF EXISTS " + qualified, span: target.span)
        try execute(
          link, createTable(table, named: qualified, dialect: dialect, temporary: false),
          span: target.span)
      case "append":
        try execute(
          link,
          createTable(table, named: qualified, dialect: dialect, temporary: false, ifMissing: true),
          span: target.span)
      default:
        do throws(Diagnostic) {
          try execute(
            link, createTable(table, named: qualified, dialect: dialect, temporary: false),
            span: target.span)
        } catch  where error.code == "R006" && error.message.contains("already exists") {
          var refused = error
          refused.help =
            "`mode: \"replace\"` replaces it, `mode: \"append\"` adds the rows to it"
          throw refused
        }
      }
      try copy(table, to: link, schema: schema, name: name, span: target.span)
      try execute(link, "COMMIT", span: target.span)
    } catch {
      if link.isOpen { try? execute(link, "ROLLBACK", span: target.span) }
      throw error
    }
    link.shapes = [:]
    let verb = ["create": "created", "replace": "replaced", "append": "appended to"][mode] ?? mode
    return [
      .text(
        "wrote \(table.rowCount.formatted) rows of \(dataset.name) to \(link.name).\(schema).\(name) (\(verb))"
      )
    ]
  }
}

/// The environment of a pipeline's local steps after a remote prefix: the
/// prefix's result stands in for the source.
struct ResultEnvironment: PipelineEnvironment {
  let base: SessionEnvironment
  let name: String
  let table: Table

  func dataset(_ name: Name) throws(Diagnostic) -> Table {
    name.text == self.name ? table : try base.dataset(name)
  }

  func schema(_ name: Name) throws(Diagnostic) -> Schema {
    name.text == self.name ? Schema(of: table) : try base.schema(name)
  }

  func scan(_ request: ScanRequest) throws(Diagnostic) -> Table {
    request.source.text == name ? table : try base.scan(request)
  }

  var parameters: [String: Value] { base.parameters }

  func scoreFields(_ step: ScoreStep, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    try base.scoreFields(step, input: input)
  }

  func score(_ step: ScoreStep, table: Table) throws(Diagnostic) -> [(String, Column)] {
    try base.score(step, table: table)
  }

  var limits: ExecutionLimits { base.limits }
}
