// The diagnostics of cross-validation, tuning and run history. Codes are
// stable; messages are tested verbatim in
// Tests/DSWCoreTests/Learn/TuningTests.swift.
//
//   M070  too few rows for the folds of `cv:`
//   M071  `tune` without `search:`, or `search:` that is not a record
//   M072  an unknown parameter in `search:` (did-you-mean)
//   M073  a searched parameter without values: an empty list, or not a list or range
//   M074  a bad range: `between(a, b)` with a >= b, `log_between` at or below 0
//   M075  a range without `trials:`, or a grid over the trial limit
//   M076  an unknown metric, or one that does not apply to the task
//   M077  a parameter both searched and fixed
//   M078  `search:`, `trials:` or `metric:` in `train`; `tune` of kmeans

/// Builds the diagnostics of validation and tuning, so each message is
/// written once.
enum TuningDiagnostics {
  static func tooFewForFolds(_ folds: Int, detail: String) -> Diagnostic {
    .error("M070", "too few rows for cv: \(folds): \(detail)", at: nil)
  }

  static func missingSearch(at span: SourceSpan?) -> Diagnostic {
    .error(
      "M071", "tune needs `search:`, the parameters to try", at: span,
      help: "write `search: {leaves: [15, 31], learning_rate: [0.05, 0.1]}`")
  }

  static func searchNotRecord(at span: SourceSpan) -> Diagnostic {
    .error(
      "M071", "`search:` takes a record of parameters and their values", at: span,
      help: "write `search: {leaves: [15, 31], learning_rate: [0.05, 0.1]}`")
  }

  static func unknownParameter(
    _ name: String, algorithm: ModelAlgorithm, at span: SourceSpan
  ) -> Diagnostic {
    let valid = TrainingRequest.parameterNames(algorithm)
    return .error(
      "M072", "`\(name)` is not a parameter of \(algorithm.rawValue) that tune can search",
      at: span,
      help: Suggestion.didYouMean(name, among: valid)
        ?? "\(algorithm.rawValue) can search: \(valid.joined(separator: ", "))")
  }

  static func emptyValues(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "M073", "`\(name)` has no values to try", at: span,
      help: "give a list such as `[15, 31]`, or a range `between(a, b)` with `trials:`")
  }

  static func notValues(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "M073",
      "`\(name)` takes a list of values, `between(a, b)` or `log_between(a, b)`", at: span,
      help: "write `\(name): [15, 31]` or `\(name): between(15, 63)`")
  }

  static func badRange(_ detail: String, at span: SourceSpan) -> Diagnostic {
    .error("M074", detail, at: span)
  }

  static func rangeNeedsTrials(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "M075", "the range of `\(name)` needs `trials:`, the number of random draws", at: span,
      help: "add `trials: 20`, or list the values to try")
  }

  static func gridTooLarge(_ size: Int, limit: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "M075",
      "the grid has \(size == Int.max ? "too many" : size.formatted) combinations; "
        + "tune tries at most \(limit.formatted)", at: span,
      help: "list fewer values, or sample the grid with `trials: N`")
  }

  static func unknownMetric(_ name: String, valid: [String], at span: SourceSpan) -> Diagnostic {
    .error(
      "M076", "unknown metric \"\(name)\"", at: span,
      help: Suggestion.didYouMean(name, among: valid)
        ?? "the metrics are \(valid.map { "\"\($0)\"" }.joined(separator: ", "))")
  }

  static func metricNotApplicable(
    _ name: String, task: ModelTask, valid: [String], at span: SourceSpan
  ) -> Diagnostic {
    .error(
      "M076", "the metric \"\(name)\" does not apply to \(task.rawValue)", at: span,
      help: "for \(task.rawValue), use \(valid.map { "\"\($0)\"" }.joined(separator: ", "))")
  }

  static func searchedAndFixed(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "M077", "`\(name)` is both searched and fixed", at: span,
      help: "keep it in `search:` or give it one value, not both")
  }

  static func tuneOnly(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error(
      "M078", "`\(name):` belongs to `tune`, which searches parameters", at: span,
      help: "write `tune NAME = gbt(DATASET, target: COLUMN, search: {…})`")
  }

  static func tuneClustering(at span: SourceSpan?) -> Diagnostic {
    .error(
      "M078", "tune searches supervised models (gbt, logistic, linear), not kmeans", at: span,
      help: "train kmeans with several `k:` values and compare their silhouettes")
  }
}
