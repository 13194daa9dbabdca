/// Checks a notebook's cells in order without running any: each statement
/// is planned against the schemas known so far, with the same planner and
/// the same diagnostics as a run.
///
/// Schemas come from what can be known without the work: the generators'
/// fixed columns, a sample of each loaded file (read through `FileAccess`,
/// inside the sandbox), and each `let`'s planned output. A cell that needs
/// a schema that cannot be known is skipped with a note, not failed.
public struct NotebookChecker {
  let files: any FileAccess
  let sandbox: PathSandbox
  /// File formats outside the core, whose footers give a schema.
  let formats: [any ExternalFormat]
  var environment = CheckingEnvironment()
  /// Set once a cell could not be parsed: names it defines are unknown, so
  /// an unknown dataset or model later is a note, not an error.
  var missedDefinitions = false

  public init(files: any FileAccess, sandbox: PathSandbox, formats: [any ExternalFormat] = []) {
    self.files = files
    self.sandbox = sandbox
    self.formats = formats
  }

  /// What checking one cell found.
  public struct CellCheck: Sendable {
    /// Errors and warnings, located in the cell's source.
    public var diagnostics: [Diagnostic] = []
    /// Why statements were not checked.
    public var notes: [String] = []
  }

  /// Records that a cell could not be parsed, so its definitions are unknown.
  public mutating func skipUnparsedCell() {
    missedDefinitions = true
  }

  /// Checks a parsed cell. A statement that fails leaves what it defines
  /// unknown, so later statements are checked without false errors.
  public mutating func check(_ program: Program, source: String) -> CellCheck {
    var result = CellCheck()
    for statement in program.statements {
      do throws(Diagnostic) {
        if let note = try check(statement, source: source) { result.notes.append(note) }
      } catch {
        forget(statement, reason: "its statement failed to check")
        if missedDefinitions, ["E212", "M040"].contains(error.code) {
          result.notes.append(
            "not checked: \(error.message), perhaps defined in a cell that does not parse")
        } else {
          result.diagnostics.append(error)
        }
      }
    }
    return result
  }

  /// Checks one statement and records what it defines; returns a note when
  /// it could not be checked.
  private mutating func check(_ statement: Statement, source: String) throws(Diagnostic) -> String?
  {
    let planner = PipelinePlanner(environment: environment, source: source)
    switch statement.kind {
    case .param(let name, let expr):
      environment.parameters[name.text] = try ParameterValue.evaluate(
        expr, parameters: environment.parameters)
    case .synth(let generator, let options):
      try synthesize(generator, options: options)
    case .load(let path, let pathSpan, let name, let options):
      let shape = try sample(path, pathSpan: pathSpan, options: options)
      environment.define(name.text, shape)
      if case .unknown(let reason) = shape { return "`\(name.text)` is not checked: \(reason)" }
    case .letBinding(let name, let pipeline):
      if let reason = try environment.unknownInput(of: pipeline) {
        environment.define(name.text, .unknown(reason: reason))
        return "`\(name.text)` is not checked: \(reason)"
      }
      if let schema = try planner.check(pipeline) {
        environment.define(name.text, .known(schema))
      } else {
        environment.define(name.text, .unknown(reason: "`pivot` makes its columns from the data"))
      }
    case .pipeline(let pipeline):
      if let reason = try environment.unknownInput(of: pipeline) {
        return "a pipeline is not checked: \(reason)"
      }
      try planner.check(pipeline)
    case .schema(let name), .describe(let name), .export(let name, _, _, _):
      _ = try environment.shape(name)
    case .correlate(let name, let columns):
      // Over no rows, the statement checks its columns and does no work.
      guard case .known(let schema) = try environment.shape(name) else { return nil }
      _ = try Correlation.matrix(schema.emptyTable, columns: columns, span: name.span)
    case .funnel(let name, let options):
      guard case .known(let schema) = try environment.shape(name) else { return nil }
      _ = try Funnel.run(
        schema.emptyTable, options: options, parameters: environment.parameters, span: name.span)
    case .expect(let name, let conditions):
      guard case .known(let schema) = try environment.shape(name) else { return nil }
      _ = try planner.plan(Transform(.expect(conditions), span: statement.span), input: schema)
    case .drop(let name):
      _ = try environment.shape(name)
      environment.remove(name.text)
    case .train(let name, let algorithm, let dataset, let arguments):
      let shape = try environment.shape(dataset)
      environment.defineModel(
        name.text, ModelTraining.shape(algorithm: algorithm, arguments: arguments, input: shape))
    case .tune(let name, let algorithm, let dataset, let arguments):
      let shape = try environment.shape(dataset)
      let constructor = arguments.filter { !["search", "trials", "metric"].contains($0.name.text) }
      environment.defineModel(
        name.text, ModelTraining.shape(algorithm: algorithm, arguments: constructor, input: shape))
    case .compare(let references):
      for reference in references { _ = try environment.model(reference) }
    case .evaluate(let reference), .saveModel(let reference, _, _):
      _ = try environment.model(reference)
    case .explain(let reference, let options):
      let shape = try environment.model(reference)
      let chosen = try ExplainOptions(options)
      if let algorithm = shape.algorithm, [.kmeans, .bgnbd, .gammaGamma].contains(algorithm) {
        throw ExplainDiagnostics.notExplainable(
          reference.name.text, algorithm: algorithm, at: reference.name.span)
      }
      if let feature = chosen.feature, let features = shape.features,
        !features.contains(feature.text)
      {
        throw ExplainDiagnostics.unknownFeature(
          feature.text, model: reference.name.text, features: features, at: feature.span)
      }
      if let data = chosen.data { _ = try environment.shape(data) }
    case .loadModel(let path, let pathSpan, let name):
      environment.defineModel(name.text, try readModel(path, pathSpan: pathSpan))
    case .ingest(let name, let target, let column, let namespace):
      return try ingest(name, target: target, column: column, namespace: namespace)
    case .audience(let name, let pipeline):
      return try audience(name, pipeline: pipeline, planner: planner)
    case .overlap(let first, let second):
      for name in [first, second] { try checkIdentity(of: name) }
    case .activate(let name, _, _, _, _):
      try checkIdentity(of: name)
    case .connect(let name, let url, _):
      _ = try ConnectionString.parse(
        try Session.connectionURL(url, parameters: environment.parameters), span: url.span)
      environment.connections.insert(name.text)
    case .disconnect(let name), .remoteDatasets(let name):
      try environment.connection(name)
      if case .disconnect = statement.kind { environment.connections.remove(name.text) }
    case .sqlQuery(let name, let connection, _, _):
      try environment.connection(connection)
      if let name {
        environment.define(
          name.text, .unknown(reason: "its columns come from SQL run on `\(connection.text)`"))
        return
          "`\(name.text)` is not checked: its columns come from SQL run on `\(connection.text)`"
      }
    case .exportToEngine(let name, let target, _):
      _ = try environment.shape(name)
      guard let connection = RemoteName.connection(of: target.text) else {
        throw RemoteName.malformedTarget(target)
      }
      try environment.connection(Name(connection, span: target.span))
    case .datasets, .models, .audiences, .connections, .runs:
      break
    }
    return nil
  }

  /// Marks what a failed statement would have defined as unknown.
  private mutating func forget(_ statement: Statement, reason: String) {
    switch statement.kind {
    case .load(_, _, let name, _), .letBinding(let name, _), .sqlQuery(let name?, _, _, _):
      environment.define(name.text, .unknown(reason: reason))
    case .connect(let name, _, _):
      environment.connections.insert(name.text)
    case .train(let name, _, _, _), .tune(let name, _, _, _), .loadModel(_, _, let name):
      environment.defineModel(name.text, .init(features: nil, task: nil))
    case .audience(let name, _):
      environment.audiences[name.text] = .unknown(reason: reason)
      if !environment.audienceOrder.contains(name.text) {
        environment.audienceOrder.append(name.text)
      }
    case .ingest:
      environment.unknownProfile = reason
    default: break
    }
  }
}

extension NotebookChecker {
  /// What `dsw sql` shows for one pipeline of a cell.
  public enum SQLOutcome: Sendable {
    case compiled(SQLCompilation)
    /// The pipeline does not plan: the diagnostic a run would report.
    case failed(Diagnostic)
    /// The schemas it reads are not known without running.
    case unknown(String)
  }

  /// Compiles the pipelines of a cell against the schemas known before it,
  /// statement by statement (a `let` defines what later ones read), then
  /// checks the cell as `check` does.
  public mutating func compileSQL(
    _ program: Program, source: String, dialect: any SQLDialect = PostgreSQLDialect()
  ) -> [(SQLCellPipeline, SQLOutcome)] {
    var results: [(SQLCellPipeline, SQLOutcome)] = []
    for statement in program.statements {
      for item in SQLCellPipeline.all(in: Program(statements: [statement])) {
        let outcome: SQLOutcome
        do throws(Diagnostic) {
          if let reason = try environment.unknownInput(of: item.pipeline) {
            outcome = .unknown(reason)
          } else {
            let compiler = SQLCompiler(dialect: dialect, environment: environment, source: source)
            outcome = .compiled(try compiler.compile(item.pipeline))
          }
        } catch {
          outcome = .failed(error)
        }
        results.append((item, outcome))
      }
      _ = check(Program(statements: [statement]), source: source)
    }
    return results
  }
}
