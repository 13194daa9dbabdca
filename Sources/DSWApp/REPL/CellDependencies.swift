import DSWCore

/// A name a cell can define or read: datasets, models, audiences and
/// parameters live in separate namespaces.
struct CellSymbol: Hashable, Comparable {
  enum Namespace: String, Comparable {
    case dataset, model, audience, parameter

    static func < (left: Namespace, right: Namespace) -> Bool { left.rawValue < right.rawValue }
  }

  var namespace: Namespace
  /// The name; `*` stands for every name of the namespace (the listings).
  var name: String

  static func dataset(_ name: String) -> CellSymbol { CellSymbol(namespace: .dataset, name: name) }
  static func model(_ name: String) -> CellSymbol { CellSymbol(namespace: .model, name: name) }
  static func audience(_ name: String) -> CellSymbol {
    CellSymbol(namespace: .audience, name: name)
  }

  static func < (left: CellSymbol, right: CellSymbol) -> Bool {
    (left.namespace, left.name) < (right.namespace, right.name)
  }

  /// Whether reading `self` depends on a definition of `defined`.
  func dependsOn(_ defined: CellSymbol) -> Bool {
    namespace == defined.namespace && (name == defined.name || name == "*")
  }
}

/// The names a cell's statements define and read, from its parsed `Program`.
///
/// This drives staleness in the workbench: when a cell that defines a name
/// runs again or is edited, the later cells that read it are out of date.
/// A cell that does not parse defines and reads nothing.
struct CellDependencies: Equatable {
  var defines: Set<CellSymbol> = []
  var reads: Set<CellSymbol> = []

  init(defines: Set<CellSymbol> = [], reads: Set<CellSymbol> = []) {
    self.defines = defines
    self.reads = reads
  }

  init(source: String) {
    guard let program = try? Parser.parseProgram(source) else { return }
    for statement in program.statements { add(statement) }
    addParameterReads(source)
  }

  /// Whether this cell reads anything in `defined`.
  func reads(anyOf defined: Set<CellSymbol>) -> Bool {
    reads.contains { read in defined.contains { read.dependsOn($0) } }
  }

  private mutating func add(_ statement: Statement) {
    switch statement.kind {
    case .param(let name, _):
      defines.insert(CellSymbol(namespace: .parameter, name: name.text))
    case .synth(let generator, let options):
      switch generator.text {
      case "cmle": defines.formUnion([.dataset("profiles"), .dataset("events")])
      default: defines.insert(.dataset(Self.stringOption("as", in: options) ?? generator.text))
      }
    case .load(_, _, let name, _):
      defines.insert(.dataset(name.text))
    case .letBinding(let name, let pipeline):
      defines.insert(.dataset(name.text))
      add(pipeline)
    case .pipeline(let pipeline):
      add(pipeline)
    case .datasets:
      reads.insert(.dataset("*"))
    case .schema(let name), .describe(let name), .correlate(let name, _), .expect(let name, _),
      .funnel(let name, _), .export(let name, _, _, _):
      reads.insert(.dataset(name.text))
    case .drop(let name):
      reads.insert(.dataset(name.text))
      defines.insert(.dataset(name.text))
    case .train(let name, _, let dataset, _), .tune(let name, _, let dataset, _):
      defines.insert(.model(name.text))
      reads.insert(.dataset(dataset.text))
    case .runs:
      reads.insert(.model("*"))
    case .compare(let models):
      for model in models { reads.insert(.model(model.name.text)) }
    case .evaluate(let model), .saveModel(let model, _, _):
      reads.insert(.model(model.name.text))
    case .explain(let model, let options):
      reads.insert(.model(model.name.text))
      if let data = options.first(where: { $0.name.text == "data" }),
        case .name(let dataset) = data.value.kind
      {
        reads.insert(.dataset(dataset))
      }
    case .models:
      reads.insert(.model("*"))
    case .loadModel(_, _, let name):
      defines.insert(.model(name.text))
    case .ingest(let name, _, _, _):
      reads.insert(.dataset(name.text))
      defines.insert(.dataset("profile"))
    case .audience(let name, let pipeline):
      defines.insert(.audience(name.text))
      add(pipeline)
    case .audiences:
      reads.insert(.audience("*"))
    case .overlap(let first, let second):
      reads.formUnion([.audience(first.text), .audience(second.text)])
    case .activate(let name, _, _, _, _):
      reads.insert(.audience(name.text))
    case .connect(let name, _, _):
      defines.insert(.dataset(name.text))
    case .disconnect(let name):
      reads.insert(.dataset(name.text))
      defines.insert(.dataset(name.text))
    case .remoteDatasets(let name):
      reads.insert(.dataset(name.text))
    case .connections:
      break
    case .sqlQuery(let name, let connection, _, _):
      reads.insert(.dataset(connection.text))
      if let name { defines.insert(.dataset(name.text)) }
    case .exportToEngine(let name, let target, _):
      reads.insert(.dataset(name.text))
      if let connection = RemoteName.connection(of: target.text) {
        reads.insert(.dataset(connection))
      }
    }
  }

  private mutating func add(_ pipeline: Pipeline) {
    reads.insert(.dataset(pipeline.source.text))
    // `w.public.events` reads the connection `w`.
    if let connection = RemoteName.connection(of: pipeline.source.text) {
      reads.insert(.dataset(connection))
    }
    for transform in pipeline.transforms {
      switch transform.kind {
      case .join(_, let dataset, _): reads.insert(.dataset(dataset.text))
      case .append(let dataset): reads.insert(.dataset(dataset.text))
      case .score(let step):
        for model in step.models { reads.insert(.model(model.name.text)) }
      default: continue
      }
    }
  }

  /// Parameters are read inside expressions, where they look like column
  /// names; any identifier is counted as a possible parameter read. That
  /// errs on the side of calling a cell stale.
  private mutating func addParameterReads(_ source: String) {
    for token in Lexer.tokenize(source).tokens {
      if case .identifier(let word, quoted: false) = token.kind {
        reads.insert(CellSymbol(namespace: .parameter, name: word))
      }
    }
  }

  private static func stringOption(_ name: String, in options: [Option]) -> String? {
    for option in options where option.name.text == name {
      if case .literal(.string(let text)) = option.value.kind { return text }
      if case .name(let text) = option.value.kind { return text }
    }
    return nil
  }
}

/// Marks cells stale after a change, following definitions downstream.
enum Staleness {
  /// The indices of code cells after `changed` that read, directly or through
  /// other affected cells, one of `defined`. A later cell that redefines a
  /// name without reading it hides the change from the cells after it.
  static func affected(after changed: Int, defining defined: Set<CellSymbol>, in cells: [Cell])
    -> [Int]
  {
    var live = defined
    var result: [Int] = []
    var index = changed + 1
    while index < cells.count, !live.isEmpty {
      defer { index += 1 }
      let cell = cells[index]
      guard cell.kind.isCode else { continue }
      let dependencies = CellDependencies(source: cell.source)
      if dependencies.reads(anyOf: live) {
        result.append(index)
        live.formUnion(dependencies.defines)
      } else {
        live.subtract(dependencies.defines)
      }
    }
    return result
  }

  /// Sets `stale` on the cells `affected` finds that have run; returns the
  /// indices it marked.
  @discardableResult
  static func mark(after changed: Int, defining defined: Set<CellSymbol>, in cells: inout [Cell])
    -> [Int]
  {
    var marked: [Int] = []
    for index in affected(after: changed, defining: defined, in: cells) {
      guard cells[index].execution != nil else { continue }
      cells[index].execution?.status = .stale
      marked.append(index)
    }
    return marked
  }
}
