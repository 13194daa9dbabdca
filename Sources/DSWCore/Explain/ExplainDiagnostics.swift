// The diagnostics of explanations (`explain`, `score … (explain: N)`). Codes
// are stable; messages are tested verbatim in ExplainTests.
//
//   M080  the model has no feature contributions (kmeans, bgnbd, gamma_gamma)
//   M081  a gbt model file without the row counts TreeSHAP needs
//   M082  a gbt tree too deep to explain
//   M083  `feature:` names no feature of the model (did-you-mean)
//   M084  nothing to explain on: a loaded model without `data:`

enum ExplainDiagnostics {
  static func notExplainable(
    _ model: String, algorithm: ModelAlgorithm, at span: SourceSpan?
  ) -> Diagnostic {
    .error(
      "M080",
      "`\(model)` is a \(algorithm.rawValue) model, which has no feature contributions to explain",
      at: span, help: "explanations are for gbt, logistic and linear models")
  }

  static func noRowCounts(_ model: String, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M081", "`\(model)` was saved without the training row counts of its tree nodes",
      at: span, help: "train it again with this version of dsw to explain it")
  }

  static func treeTooDeep(_ model: String, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M082",
      "a tree of `\(model)` is deeper than \(TreeSHAP.maxDepth) splits, too deep to explain",
      at: span, help: "train with `depth:` or fewer `leaves:`")
  }

  static func unknownFeature(
    _ feature: String, model: String, features: [String], at span: SourceSpan?
  ) -> Diagnostic {
    .error(
      "M083", "`\(feature)` is not a feature of `\(model)`", at: span,
      help: UnknownName.suggestion(feature, features))
  }

  static func nothingToExplain(_ model: String, at span: SourceSpan?) -> Diagnostic {
    .error(
      "M084", "`\(model)` was loaded from a file and keeps no holdout rows to explain",
      at: span, help: "name the rows to explain: `explain \(model) (data: DATASET)`")
  }
}
