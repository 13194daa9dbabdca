import DSWCore

/// The names a cell adds to the session (datasets, models, audiences,
/// parameters), so skipping it can warn about what later cells will miss.
enum CellProducts {
  /// The names `source` would create, in order; empty when it creates none
  /// or does not parse.
  static func names(in source: String) -> [String] {
    guard let program = try? Parser.parseProgram(source) else { return [] }
    var names: [String] = []
    for statement in program.statements {
      switch statement.kind {
      case .param(let name, _), .load(_, _, let name, _), .letBinding(let name, _),
        .train(let name, _, _, _), .loadModel(_, _, let name), .audience(let name, _):
        names.append(name.text)
      case .synth(let generator, let options):
        names += synthesized(generator.text, options: options)
      default:
        continue
      }
    }
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }

  /// `synth cmle` makes `profiles` and `events`; `synth groupby` makes its
  /// `as:` name, or `groupby`.
  private static func synthesized(_ generator: String, options: [Option]) -> [String] {
    if generator == "cmle" { return ["profiles", "events"] }
    for option in options where option.name.text == "as" {
      if case .literal(.string(let name)) = option.value.kind { return [name] }
      if case .name(let name) = option.value.kind { return [name] }
    }
    return [generator]
  }
}
