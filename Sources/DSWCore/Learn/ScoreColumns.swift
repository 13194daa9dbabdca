/// The columns `score MODEL` adds, from the model's features and task.
///
/// One rule for running and for `dsw check`, which knows a model's
/// features before it is trained but not always its task.
enum ScoreColumns {
  /// Checks that `input` has every feature, then names the added columns.
  /// A nil task (a `gbt` not yet trained) adds every column scoring may add.
  static func fields(
    features: [String], task: ModelTask?, reference: ModelRef, input: Schema
  ) throws(Diagnostic) -> [Schema.Field] {
    for feature in features where input.index(of: feature) == nil {
      throw Diagnostic.error(
        "E720", "the input has no column `\(feature)`, a feature of `\(reference.name.text)`",
        at: reference.name.span,
        notes: [
          "`\(reference.name.text)` was trained on "
            + features.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
            + (features.count > 8 ? ", …" : "")
        ],
        help: UnknownName.suggestion(feature, input.names))
    }
    switch task {
    case .binaryClassification, nil:
      return [.init(name: "score", type: .double), .init(name: "decile", type: .int)]
    case .regression:
      return [.init(name: "score", type: .double)]
    case .clustering:
      return [.init(name: "score", type: .int), .init(name: "distance", type: .double)]
    }
  }
}
