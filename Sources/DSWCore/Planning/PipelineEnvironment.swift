/// What planning a pipeline needs: schemas by name, parameters and the
/// columns models add. Running a session supplies it from its tables;
/// `dsw check` supplies it from schemas alone, without running anything.
public protocol SchemaEnvironment {
  /// The schema of the dataset called `name`, or an "unknown dataset" diagnostic.
  func schema(_ name: Name) throws(Diagnostic) -> Schema
  var parameters: [String: Value] { get }
  /// The columns a `score` step adds, after checking the input has the models' features.
  func scoreFields(_ step: ScoreStep, input: Schema) throws(Diagnostic) -> [Schema.Field]
}

/// What planning and executing a pipeline needs from the session around it.
public protocol PipelineEnvironment: SchemaEnvironment {
  /// The dataset called `name`, or an "unknown dataset" diagnostic.
  func dataset(_ name: Name) throws(Diagnostic) -> Table
  /// The source of a pipeline: for a dataset of files, only the columns it
  /// reads, of the row groups its leading filters cannot rule out.
  func scan(_ request: ScanRequest) throws(Diagnostic) -> Table
  /// Scores `table` as the `score` step asks: the columns to add, by name.
  func score(_ step: ScoreStep, table: Table) throws(Diagnostic) -> [(String, Column)]
  /// Ctrl-C and the memory limit, which long kernels respect.
  var limits: ExecutionLimits { get }
}

extension PipelineEnvironment {
  public func scan(_ request: ScanRequest) throws(Diagnostic) -> Table {
    try dataset(request.source)
  }

  public func schema(_ name: Name) throws(Diagnostic) -> Schema {
    Schema(of: try dataset(name))
  }
}
