extension Session {
  /// The SQL form of `pipeline` over the session's datasets. A local dataset
  /// reads as a table of its own name, with no row order; over a remote
  /// table, it is the statement a run sends to the engine.
  public func compileSQL(
    _ pipeline: Pipeline, source: String, dialect: any SQLDialect = PostgreSQLDialect()
  ) throws(Diagnostic) -> SQLCompilation {
    if let remote = try remoteTable(pipeline.source) {
      let saved = currentSource
      currentSource = source
      defer { currentSource = saved }
      return try remotePlan(pipeline, on: remote).compilation
    }
    let compiler = SQLCompiler(
      dialect: dialect, environment: SessionEnvironment(session: self), source: source)
    return try compiler.compile(pipeline)
  }

  /// True when `pipeline` reads a table of a connection.
  public func readsRemoteTable(_ pipeline: Pipeline) -> Bool {
    (try? remoteTable(pipeline.source)) != nil
  }
}

/// A pipeline of a cell, named for display: `let f`, `audience a`, or the
/// cell's bare pipeline.
public struct SQLCellPipeline: Sendable {
  public var label: String
  public var pipeline: Pipeline
  public var statementSpan: SourceSpan

  /// The pipelines of a cell's statements, in order.
  public static func all(in program: Program) -> [SQLCellPipeline] {
    program.statements.compactMap { statement in
      switch statement.kind {
      case .letBinding(let name, let pipeline):
        SQLCellPipeline(
          label: "let \(name.text)", pipeline: pipeline, statementSpan: statement.span)
      case .pipeline(let pipeline):
        SQLCellPipeline(label: "pipeline", pipeline: pipeline, statementSpan: statement.span)
      case .audience(let name, let pipeline):
        SQLCellPipeline(
          label: "audience \(name.text)", pipeline: pipeline, statementSpan: statement.span)
      default: nil
      }
    }
  }
}
