import DSWCore
import Foundation

/// What `GET /v1/models` and `GET /v1/models/{name}` say about served models:
/// per version, the task, the features with their types, the training
/// metrics and the training date. Never a training row.
enum ModelDescription {
  static func list(_ catalog: ModelCatalog) -> JSONValue {
    .object(["models": .array(catalog.names.map { entry(catalog.versions(of: $0)) })])
  }

  /// One name with the given versions (all, or the one a `name@v` path names).
  static func entry(_ versions: [ServedModel]) -> JSONValue {
    .object([
      "name": .string(versions.first?.name ?? ""),
      "latest": .int(Int64(versions.last?.version ?? 0)),
      "versions": .array(versions.map(version)),
    ])
  }

  static func version(_ served: ServedModel) -> JSONValue {
    let model = served.model
    var object: [String: JSONValue] = [
      "version": .int(Int64(served.version)),
      "algorithm": .string(model.algorithm.rawValue),
      "task": .string(model.task.rawValue),
      "features": .array(model.features.map(feature)),
      "metrics": .object(
        Dictionary(
          model.metrics.map { ($0.name, JSONValue.double($0.value)) },
          uniquingKeysWith: { first, _ in first })),
      "answer": .array(served.scoreColumns.map { .string($0 + "s") }),
      "training_rows": .int(Int64(model.trainingRowCount)),
      "holdout_rows": .int(Int64(model.holdoutRowCount)),
      "trained_at": served.trainedAt.map { .string(timestamp($0)) } ?? .null,
    ]
    object["target"] = model.target.map(JSONValue.string) ?? .null
    if let positive = model.positiveClass { object["positive_class"] = OutputCoding.json(positive) }
    return .object(object)
  }

  private static func feature(_ spec: FeatureSpec) -> JSONValue {
    var object: [String: JSONValue] = [
      "name": .string(spec.name), "type": .string(spec.type.rawValue),
    ]
    switch spec.encoding {
    case .numeric: object["encoding"] = .string("numeric")
    case .categorical(let categories):
      object["encoding"] = .string("categorical")
      object["categories"] = .array(categories.map(JSONValue.string))
    }
    return .object(object)
  }

  static func timestamp(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    // Whole seconds: a training date needs no more.
    return CivilTime.formatTimestamp(micros: micros - micros % 1_000_000)
  }
}
