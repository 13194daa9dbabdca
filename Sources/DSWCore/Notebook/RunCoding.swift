/// Reads and writes the `runs` of a cell: the run history its `train` and
/// `tune` statements recorded, one object per run (docs/notebook-format.md).
///
/// Metrics and parameters are objects keyed by name, so a change shows in a
/// diff as the one line that changed; metric values are rounded to 9
/// significant digits, as fingerprints round them. Reading restores the
/// order `evaluate` shows (headline first) and the constructor's parameter
/// order.
enum RunCoding {
  static let keys = [
    "algorithm", "data", "dataset", "duration_ms", "kind", "metrics", "metrics_sd", "model",
    "parameters", "rows", "validation", "version",
  ]

  /// Metric names in the order reports show them; others follow by name.
  static let metricOrder = [
    "AUC", "log loss", "accuracy", "precision", "recall", "F1", "RMSE", "MAE", "R²", "MAPE %",
    "silhouette", "WCSS", "k",
  ]

  static func json(_ run: RunRecord) -> JSONValue {
    var object: [String: JSONValue] = [
      "algorithm": .string(run.algorithm),
      "data": .string(run.data),
      "dataset": .string(run.dataset),
      "duration_ms": .int(Int64(run.durationMs)),
      "kind": .string(run.kind.rawValue),
      "metrics": .object(
        Dictionary(
          run.metrics.map { ($0.name, number($0.value)) }, uniquingKeysWith: { first, _ in first })),
      "model": .string(run.model),
      "parameters": .object(
        Dictionary(
          run.parameters.map { ($0.name, OutputCoding.json($0.value)) },
          uniquingKeysWith: { first, _ in first })),
      "rows": .int(Int64(run.rows)),
      "validation": .string(run.validation),
      "version": .int(Int64(run.version)),
    ]
    let spreads = run.metrics.compactMap { metric in metric.sd.map { (metric.name, number($0)) } }
    if !spreads.isEmpty {
      object["metrics_sd"] = .object(Dictionary(spreads, uniquingKeysWith: { first, _ in first }))
    }
    return .object(object)
  }

  private static func number(_ value: Double) -> JSONValue {
    .double(Fingerprint.roundedToNineDigits(value))
  }

  static func decode(_ node: JSONNode, context: DecodeContext) throws(Diagnostic) -> RunRecord {
    let reader = try JSONObjectReader(
      node, label: "each run", what: "a run", allowed: keys, context: context)
    let kindNode = try reader.required("kind")
    let kindText = try context.string(kindNode, "\"kind\"")
    guard let kind = RunRecord.Kind(rawValue: kindText) else {
      throw context.error(
        "N050", "unknown run kind \(JSONWriter.quoted(kindText)); expected train or tune",
        at: kindNode)
    }
    let algorithm = try reader.string("algorithm")
    var parameters: [ModelParameter] = []
    for member in try context.object(try reader.required("parameters"), "\"parameters\"") {
      let value: Value
      switch member.value.content {
      case .int(let number): value = .int(number)
      case .double(let number): value = .double(number)
      case .string(let text): value = .string(text)
      case .bool(let flag): value = .bool(flag)
      case .null: value = .null
      default:
        throw context.typeError(
          "each parameter", "a number, a string, a boolean or null", member.value)
      }
      parameters.append(ModelParameter(name: member.key, value: value))
    }
    let order =
      ModelAlgorithm(rawValue: algorithm).map {
        TrainingRequest.parameterNames($0) + ["split", "cv", "seed"]
      } ?? []
    parameters = ordered(parameters, by: order, name: \.name)

    var spreads: [String: Double] = [:]
    if let node = reader.optional("metrics_sd") {
      for member in try context.object(node, "\"metrics_sd\"") {
        spreads[member.key] = try context.number(member.value, "each metric")
      }
    }
    var metrics: [RunRecord.Metric] = []
    for member in try context.object(try reader.required("metrics"), "\"metrics\"") {
      metrics.append(
        RunRecord.Metric(
          name: member.key, value: try context.number(member.value, "each metric"),
          sd: spreads[member.key]))
    }
    metrics = ordered(metrics, by: metricOrder, name: \.name)
    return RunRecord(
      model: try reader.string("model"), version: try reader.int("version"), kind: kind,
      algorithm: algorithm, dataset: try reader.string("dataset"),
      data: try reader.string("data"), rows: try reader.int("rows"),
      validation: try reader.string("validation"), parameters: parameters, metrics: metrics,
      durationMs: try reader.int("duration_ms"))
  }

  /// `items` in the order of `order`; names it lacks follow, by name.
  private static func ordered<Item>(
    _ items: [Item], by order: [String], name: (Item) -> String
  ) -> [Item] {
    items.sorted { left, right in
      let (a, b) = (order.firstIndex(of: name(left)), order.firstIndex(of: name(right)))
      switch (a, b) {
      case (let a?, let b?): return a < b
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return name(left) < name(right)
      }
    }
  }
}
