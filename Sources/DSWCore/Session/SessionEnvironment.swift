/// The session as pipelines see it: datasets by name, parameters, models.
struct SessionEnvironment: PipelineEnvironment {
  let session: Session

  func dataset(_ name: Name) throws(Diagnostic) -> Table {
    return try session.dataset(named: name).table
  }

  func schema(_ name: Name) throws(Diagnostic) -> Schema {
    // A dataset of files knows its schema from their footers.
    if let external = session.datasets[name.text]?.external { return external.schema }
    // A remote table's columns come from the engine's catalog.
    if let remote = try session.remoteTable(name) { return remote.shape.schema }
    return Schema(of: try dataset(name))
  }

  func scan(_ request: ScanRequest) throws(Diagnostic) -> Table {
    try session.scan(request)
  }

  var parameters: [String: Value] { session.parameters }

  func scoreFields(_ step: ScoreStep, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    try session.scoreFields(step, input: input)
  }

  func score(_ step: ScoreStep, table: Table) throws(Diagnostic) -> [(String, Column)] {
    try session.score(step, table: table)
  }

  var limits: ExecutionLimits { session.context.limits }
}
