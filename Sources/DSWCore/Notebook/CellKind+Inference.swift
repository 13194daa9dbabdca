extension CellKind {
  /// The kind a new cell gets from its statements (DESIGN.md §3): the first
  /// statement that is not a plain query decides; otherwise `query`.
  public static func infer(from program: Program) -> CellKind {
    for statement in program.statements {
      switch statement.kind {
      case .train, .evaluate, .tune: return .train
      case .ingest: return .ingest
      case .audience, .activate: return .audience
      case .pipeline(let pipeline), .letBinding(_, let pipeline):
        if pipeline.transforms.contains(where: { if case .score = $0.kind { true } else { false } })
        {
          return .score
        }
      default: continue
      }
    }
    return .query
  }

  /// The kind inferred from source text; `query` when it does not parse.
  public static func infer(fromSource source: String) -> CellKind {
    (try? Parser.parseProgram(source)).map(infer(from:)) ?? .query
  }
}
