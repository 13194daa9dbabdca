/// The catalog's trained models, by name and version.
///
/// Registering a name again adds a version; `conv` means the latest version,
/// `conv@1` the first.
public struct ModelRegistry: Sendable {
  private var entries: [(name: String, versions: [TrainedModel])] = []

  public init() {}

  /// Model names in the order they were first registered.
  public var names: [String] { entries.map(\.name) }

  /// The version numbers of `name` (1...n), or empty when unknown.
  public func versions(of name: String) -> [Int] {
    guard let entry = entries.first(where: { $0.name == name }) else { return [] }
    return Array(1...entry.versions.count)
  }

  /// Stores `model` under `name` and returns its version number.
  @discardableResult
  public mutating func register(name: String, model: TrainedModel) -> Int {
    if let index = entries.firstIndex(where: { $0.name == name }) {
      entries[index].versions.append(model)
      return entries[index].versions.count
    }
    entries.append((name, [model]))
    return 1
  }

  /// The model `name` at `version` (nil: the latest).
  public func resolve(
    name: String, version: Int? = nil, at span: SourceSpan? = nil
  ) throws(Diagnostic) -> TrainedModel {
    guard let entry = entries.first(where: { $0.name == name }) else {
      throw LearnDiagnostics.unknownModel(name, known: names, at: span)
    }
    guard let version else { return entry.versions[entry.versions.count - 1] }
    guard version >= 1 && version <= entry.versions.count else {
      throw LearnDiagnostics.unknownVersion(
        name, version: version, versions: Array(1...entry.versions.count), at: span)
    }
    return entry.versions[version - 1]
  }

  /// The model a `conv` or `conv@2` reference names; errors point at the name.
  public func resolve(_ reference: ModelRef) throws(Diagnostic) -> TrainedModel {
    try resolve(name: reference.name.text, version: reference.version, at: reference.name.span)
  }

  /// One row per version: name, version, algorithm, task, target, features,
  /// training rows and the headline metric.
  public func list() -> TableOutput {
    var rows: [[Value]] = []
    for entry in entries {
      for (index, model) in entry.versions.enumerated() {
        rows.append([
          .string(entry.name), .int(Int64(index + 1)), .string(model.algorithm.rawValue),
          .string(model.task.rawValue), model.target.map(Value.string) ?? .null,
          .string(Self.featureSummary(model.features.map(\.name))),
          .int(Int64(model.trainingRowCount)),
          model.headline.map { .string($0.name) } ?? .null,
          model.headline.map { .double($0.value) } ?? .null,
        ])
      }
    }
    return TableOutput(
      columns: [
        "name", "version", "algorithm", "task", "target", "features", "rows", "metric", "value",
      ],
      types: [.string, .int, .string, .string, .string, .string, .int, .string, .double],
      rows: rows, totalRows: rows.count)
  }

  /// Up to three names in full; more as a count with the first three.
  static func featureSummary(_ names: [String]) -> String {
    if names.count <= 3 { return names.joined(separator: ", ") }
    return "\(names.count) (\(names.prefix(3).joined(separator: ", ")), …)"
  }
}
