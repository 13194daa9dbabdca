// The diagnostics of the learn layer. Codes are stable; messages are tested
// verbatim in Tests/DSWCoreTests/Learn/LearnDiagnosticsTests.swift.
//
//   M001  unknown argument of a model constructor (did-you-mean)
//   M002  an argument given twice
//   M003  an argument value of the wrong type or out of range
//   M004  a required argument is missing (`target:`, `k:`)
//   M005  an unknown column in `target:`, `features:` or `exclude:` (did-you-mean)
//   M006  an unknown algorithm (did-you-mean)
//   M007  an argument the algorithm does not take (`target:` for kmeans)
//   M010  the target has nulls
//   M011  the target is constant
//   M012  the target is multiclass (out of scope)
//   M013  a two-valued string target needs `positive:`
//   M014  `positive:` is not one of the target's values
//   M015  the target's type cannot be learned (dates, timestamps, strings as numbers)
//   M016  the algorithm does not fit the task (linear on a binary target…)
//   M020  (retired: strings past 32 categories are now grouped as "(other)")
//   M021  no features are left to train on
//   M022  the target is also listed as a feature
//   M023  too few rows to train (or to cluster into k groups)
//   M030  scoring input lacks a feature column
//   M031  scoring input has a feature column of an incompatible type
//   M040  unknown model name in the registry (did-you-mean)
//   M041  unknown model version
//   M050  a model file that is not valid
//   X001  interrupted (cooperative cancellation)

/// Builds the learn layer's diagnostics, so each message is written once.
enum LearnDiagnostics {
  static func unknownArgument(
    _ name: String, algorithm: ModelAlgorithm, valid: [String], at span: SourceSpan
  ) -> Diagnostic {
    .error(
      "M001", "unknown argument `\(name)` for \(algorithm.rawValue)", at: span,
      help: Suggestion.didYouMean(name, among: valid)
        ?? "\(algorithm.rawValue) takes: \(valid.joined(separator: ", "))")
  }

  static func duplicateArgument(_ name: String, at span: SourceSpan) -> Diagnostic {
    .error("M002", "argument `\(name)` is given more than once", at: span)
  }

  static func badValue(_ name: String, _ expectation: String, at span: SourceSpan) -> Diagnostic {
    .error("M003", "`\(name)` must be \(expectation)", at: span)
  }

  static func missingArgument(
    _ name: String, algorithm: ModelAlgorithm, example: String, at span: SourceSpan?
  ) -> Diagnostic {
    .error(
      "M004", "\(algorithm.rawValue) needs `\(name):`", at: span,
      help: "for example: \(example)")
  }

  static func unknownColumn(
    _ name: String, argument: String, columns: [String], at span: SourceSpan
  ) -> Diagnostic {
    .error(
      "M005", "unknown column `\(name)` in `\(argument):`", at: span,
      help: Suggestion.didYouMean(name, among: columns))
  }

  static func unknownAlgorithm(_ name: String, at span: SourceSpan?) -> Diagnostic {
    let names = ModelAlgorithm.allCases.map(\.rawValue)
    return .error(
      "M006", "unknown model `\(name)`", at: span,
      help: Suggestion.didYouMean(name, among: names)
        ?? "the models are: \(names.joined(separator: ", "))")
  }

  static func notTaken(_ name: String, reason: String, at span: SourceSpan) -> Diagnostic {
    .error("M007", "kmeans takes no `\(name):`: \(reason)", at: span)
  }

  static func targetHasNulls(_ target: String, count: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "M010", "target `\(target)` has \(count) null\(count == 1 ? "" : "s")", at: span,
      help: "filter them out first: `filter \(target) is not null`")
  }

  static func constantTarget(_ target: String, value: Value, at span: SourceSpan) -> Diagnostic {
    .error(
      "M011", "target `\(target)` has a single value (\(render(value))): there is nothing to learn",
      at: span)
  }

  static func multiclassTarget(_ target: String, distinct: Int, at span: SourceSpan) -> Diagnostic {
    .error(
      "M012",
      "target `\(target)` has \(distinct) distinct values: "
        + "multiclass classification is out of scope",
      at: span, help: "derive a two-valued target, such as `\(target) == \"…\"`")
  }

  static func positiveNeeded(_ target: String, values: [Value], at span: SourceSpan) -> Diagnostic {
    .error(
      "M013",
      "target `\(target)` has the values \(values.map(render).joined(separator: " and ")): "
        + "name the positive class with `positive:`", at: span,
      help: "for example: positive: \(render(values[values.count - 1]))")
  }

  static func positiveNotAValue(
    _ positive: Value, target: String, values: [Value], at span: SourceSpan
  ) -> Diagnostic {
    .error(
      "M014",
      "positive class \(render(positive)) is not a value of `\(target)` "
        + "(\(values.map(render).joined(separator: ", ")))", at: span)
  }

  static func unsupportedTarget(_ target: String, type: DataType, at span: SourceSpan) -> Diagnostic
  {
    .error(
      "M015",
      "target `\(target)` is a \(type.rawValue) column: a target must be bool, int, "
        + "double or a two-valued string", at: span)
  }

  static func taskMismatch(_ message: String, at span: SourceSpan?) -> Diagnostic {
    .error("M016", message, at: span)
  }

  static func noFeatures(at span: SourceSpan?) -> Diagnostic {
    .error("M021", "no features are left to train on", at: span)
  }

  static func targetIsFeature(_ target: String, at span: SourceSpan) -> Diagnostic {
    .error("M022", "`\(target)` is the target and cannot also be a feature", at: span)
  }

  static func tooFewRows(_ message: String, at span: SourceSpan?) -> Diagnostic {
    .error("M023", message, at: span)
  }

  static func missingFeature(_ feature: String, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M030", "the input has no column `\(feature)`, which the model uses as a feature",
      at: span)
  }

  static func featureType(
    _ feature: String, expected: DataType, actual: DataType, at span: SourceSpan?
  ) -> Diagnostic {
    .error(
      "M031",
      "feature `\(feature)` is \(article(expected)) \(expected.rawValue) in the model "
        + "but \(article(actual)) \(actual.rawValue) in the input", at: span)
  }

  static func unknownModel(_ name: String, known: [String], at span: SourceSpan?) -> Diagnostic {
    .error(
      "M040", "unknown model `\(name)`", at: span,
      help: Suggestion.didYouMean(name, among: known)
        ?? (known.isEmpty ? "no model has been trained yet" : nil))
  }

  static func unknownVersion(
    _ name: String, version: Int, versions: [Int], at span: SourceSpan?
  ) -> Diagnostic {
    .error(
      "M041",
      "model `\(name)` has no version \(version) (versions: "
        + "\(versions.map(String.init).joined(separator: ", ")))", at: span)
  }

  static func invalidModelFile(_ reason: String) -> Diagnostic {
    .error("M050", "not a valid dsw model file: \(reason)")
  }

  static let interrupted = Diagnostic.error("X001", "interrupted")

  /// A value as the language would write it.
  static func render(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .int(let payload): String(payload)
    case .double(let payload): String(payload)
    case .bool(let payload): String(payload)
    case .string(let payload): "\"\(payload)\""
    case .date(let days): "date(\"\(CivilTime.formatDate(days: days))\")"
    case .timestamp(let micros): "\"\(CivilTime.formatTimestamp(micros: micros))\""
    }
  }

  private static func article(_ type: DataType) -> String {
    type == .int ? "an" : "a"
  }
}
