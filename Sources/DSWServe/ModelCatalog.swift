import DSWCore

/// The models being served at one moment: an immutable snapshot, swapped
/// whole on reload so a request sees one consistent set from start to end.
struct ModelCatalog: Sendable {
  private(set) var names: [String] = []
  private var versionsByName: [String: [ServedModel]] = [:]

  init(_ models: [ServedModel]) {
    for model in models {
      if versionsByName[model.name] == nil { names.append(model.name) }
      versionsByName[model.name, default: []].append(model)
    }
    for name in names { versionsByName[name]?.sort { $0.version < $1.version } }
  }

  var count: Int { versionsByName.values.reduce(0) { $0 + $1.count } }

  /// Every version of `name`, oldest first (empty when unknown).
  func versions(of name: String) -> [ServedModel] { versionsByName[name] ?? [] }

  /// Every model, by name then version.
  var all: [ServedModel] { names.flatMap { versions(of: $0) } }

  /// The model a path segment names: `conv` (the latest version) or `conv@2`.
  func resolve(_ segment: String) throws(Problem) -> ServedModel {
    var name = segment
    var version: Int?
    if let at = segment.lastIndex(of: "@") {
      name = String(segment[..<at])
      let digits = segment[segment.index(after: at)...]
      guard let number = Int(digits), number >= 1, digits.allSatisfy(\.isASCII) else {
        throw Problem.badVersion(segment)
      }
      version = number
    }
    let candidates = versions(of: name)
    guard let latest = candidates.last else {
      throw Problem.unknownModel(name, suggestion: Suggestion.closest(to: name, among: names))
    }
    guard let version else { return latest }
    guard let match = candidates.first(where: { $0.version == version }) else {
      throw Problem.unknownVersion(name, version: version, known: candidates.map(\.version))
    }
    return match
  }
}
