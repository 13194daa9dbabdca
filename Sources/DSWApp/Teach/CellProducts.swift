import DSWCore

/// What running a cell leaves behind in the session (datasets, models,
/// audiences, parameters, profile changes, files), so skipping it can say
/// what later cells will miss.
struct CellProducts: Equatable {
  /// The names the cell creates, in order.
  var names: [String]
  /// Whether the cell changes anything at all; false for a cell that only
  /// looks at data, which later cells never depend on.
  var changesSession: Bool

  /// The products of `source`. A cell that does not parse is assumed to
  /// change the session, since nothing better is known.
  init(source: String) {
    guard let program = try? Parser.parseProgram(source) else {
      self.init(names: [], changesSession: true)
      return
    }
    var names: [String] = []
    var changes = false
    for statement in program.statements {
      switch statement.kind {
      case .param(let name, _), .load(_, _, let name, _), .letBinding(let name, _),
        .train(let name, _, _, _), .tune(let name, _, _, _), .loadModel(_, _, let name),
        .audience(let name, _), .connect(let name, _, _), .sqlQuery(let name?, _, _, _):
        names.append(name.text)
      case .synth(let generator, let options):
        names += Self.synthesized(generator.text, options: options)
      case .ingest, .drop, .export, .saveModel, .activate, .disconnect, .exportToEngine:
        changes = true
      case .pipeline, .datasets, .schema, .describe, .correlate, .expect, .funnel, .evaluate,
        .models, .audiences, .overlap, .connections, .remoteDatasets, .sqlQuery, .explain, .runs,
        .compare:
        continue
      }
    }
    var seen: Set<String> = []
    names = names.filter { seen.insert($0).inserted }
    self.init(names: names, changesSession: changes || !names.isEmpty)
  }

  init(names: [String], changesSession: Bool) {
    self.names = names
    self.changesSession = changesSession
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
