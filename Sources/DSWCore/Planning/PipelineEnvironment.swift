/// What planning and executing a pipeline needs from the session around it.
public protocol PipelineEnvironment {
  /// The dataset called `name`, or an "unknown dataset" diagnostic.
  func dataset(_ name: Name) throws(Diagnostic) -> Table
  var parameters: [String: Value] { get }
  /// The columns `score MODEL` adds, after checking the input has the model's features.
  func scoreFields(_ model: ModelRef, input: Schema) throws(Diagnostic) -> [Schema.Field]
  /// Scores `table` with the model: the columns to add, by name.
  func score(_ model: ModelRef, table: Table) throws(Diagnostic) -> [(String, Column)]
  /// Ctrl-C and the memory limit, which long kernels respect.
  var limits: ExecutionLimits { get }
}
