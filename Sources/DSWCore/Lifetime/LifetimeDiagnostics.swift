// The diagnostics of the lifetime-value models and of `score`'s options.
// Codes are stable; messages are tested verbatim in LifetimeTests.
//
//   M090  a role column (frequency, recency, age, monetary) that is not numeric
//   M091  a customer history that cannot be (negative frequency, recency past age…)
//   M092  too few customers to fit
//   M093  the maximum-likelihood fit did not converge
//   M094  a role column with nulls
//   M095  `score` given models it cannot combine
//   M096  a `score` option the model does not take, or a needed one missing

enum LifetimeDiagnostics {
  static func notNumeric(_ column: String, role: String, at span: SourceSpan?) -> Diagnostic {
    .error("M090", "`\(column)` (\(role)) must be a numeric column", at: span)
  }

  static func invalidHistory(_ problem: String, row: Int, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M091", "\(problem) on row \((row + 1).formatted)", at: span,
      notes: [
        "frequency counts repeat purchases (0 or more); recency is the time from the first to the last purchase, between 0 and age; age is the time from the first purchase to the end of the observation"
      ])
  }

  static func tooFewCustomers(_ message: String, at span: SourceSpan?) -> Diagnostic {
    .error("M092", message, at: span)
  }

  static func notConverged(_ algorithm: ModelAlgorithm, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M093", "the \(algorithm.rawValue) fit did not converge", at: span,
      help: "check the columns' units and values: the data may not fit the model")
  }

  static func missingValues(_ column: String, count: Int, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M094", "`\(column)` has \(count.formatted) null or non-finite values", at: span,
      help: "fill them (`coalesce`) or filter the rows out first")
  }

  static func cannotCombine(_ names: [String], at span: SourceSpan?) -> Diagnostic {
    .error(
      "M095", "`score` cannot combine " + names.map { "`\($0)`" }.joined(separator: " and "),
      at: span,
      help: "score one model at a time, or a bgnbd and a gamma_gamma model together for `clv`")
  }

  static func optionNotTaken(_ option: String, reason: String, at span: SourceSpan?) -> Diagnostic {
    .error("M096", "`score` takes no `\(option):` here: \(reason)", at: span)
  }

  static func optionNeeded(_ option: String, reason: String, example: String, at span: SourceSpan?)
    -> Diagnostic
  {
    .error(
      "M096", "`score` needs `\(option):` \(reason)", at: span, help: "for example: \(example)")
  }
}
