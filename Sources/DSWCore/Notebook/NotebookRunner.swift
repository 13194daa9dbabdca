/// Runs a notebook's code cells in order against one session.
///
/// Each cell that runs gets its outputs and an `execution` record. At the
/// first failure the run stops, unless errors are allowed; cells that never
/// ran lose their outputs and execution, as DESIGN.md §3 says.
public struct NotebookRunner {
  public struct Options {
    public var allowErrors: Bool
    public init(allowErrors: Bool = false) { self.allowErrors = allowErrors }
  }

  /// What happened to one cell.
  public struct CellReport: Sendable {
    public var index: Int
    public var cell: Cell
    public var error: Diagnostic?
  }

  public let session: Session
  /// Monotonic nanoseconds, for durations. Injected: the core reads no clock.
  public let clock: () -> UInt64
  public var options: Options

  public init(session: Session, options: Options = Options(), clock: @escaping () -> UInt64) {
    self.session = session
    self.options = options
    self.clock = clock
  }

  /// Runs `notebook`, calling `onCell` as each cell finishes. Returns the
  /// executed notebook and whether every cell that ran succeeded.
  public func run(_ notebook: Notebook, onCell: (CellReport) -> Void = { _ in })
    -> (notebook: Notebook, failed: Bool)
  {
    var result = notebook
    var counter = 0
    var failed = false
    for index in result.cells.indices where result.cells[index].kind.isCode {
      if failed && !options.allowErrors {
        result.cells[index].outputs = nil
        result.cells[index].execution = nil
        result.cells[index].runs = []
        continue
      }
      counter += 1
      let started = clock()
      let run = session.run(result.cells[index].source)
      let elapsed = Int((clock() &- started) / 1_000_000)
      var error = run.error
      if error != nil {
        error?.cell = index + 1
        error?.cellID = result.cells[index].id
      }
      result.cells[index].outputs = run.outputs
      result.cells[index].runs = run.runs
      result.cells[index].execution = Execution(
        count: counter, status: error == nil ? .ok : .error, durationMs: elapsed,
        fingerprint: Fingerprint.of(run.outputs))
      onCell(CellReport(index: index, cell: result.cells[index], error: error))
      if error != nil { failed = true }
    }
    return (result, failed)
  }

  /// The `param` names the notebook declares, for checking `-p` before running.
  public static func declaredParameters(_ notebook: Notebook) -> [String] {
    var names: [String] = []
    for cell in notebook.cells where cell.kind.isCode {
      guard let program = try? Parser.parseProgram(cell.source) else { continue }
      for statement in program.statements {
        if case .param(let name, _) = statement.kind { names.append(name.text) }
      }
    }
    return names
  }
}
