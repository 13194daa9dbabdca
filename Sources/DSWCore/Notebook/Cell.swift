/// One cell of a notebook: markdown or code, with the outputs of its last run.
public struct Cell: Sendable, Hashable, Identifiable {
  /// Eight characters from `[a-z0-9]`, unique in the notebook and stable for
  /// the cell's life (see `CellID`).
  public var id: String
  public var kind: CellKind
  /// The cell's text; lines are joined with `\n`. The file stores it as an
  /// array of lines, with `""` as `[]`.
  public var source: String
  /// The outputs of the last run; nil when the cell never ran (and always for
  /// markdown cells).
  public var outputs: [CellOutput]?
  /// The record of the last run; nil when the cell never ran.
  public var execution: Execution?
  /// The cell's `metadata` object, kept as read: tools (such as `dsw teach`,
  /// which reads `teach`) store their own keys here, and a save keeps them.
  public var metadata: [String: JSONValue]
  /// The runs its `train` and `tune` statements recorded in the last run.
  public var runs: [RunRecord] = []

  public init(
    id: String, kind: CellKind, source: String, outputs: [CellOutput]? = nil,
    execution: Execution? = nil, metadata: [String: JSONValue] = [:]
  ) {
    self.id = id
    self.kind = kind
    self.source = source
    self.outputs = outputs
    self.execution = execution
    self.metadata = metadata
  }

  /// The source as the file stores it: lines without their `\n`.
  public var sourceLines: [String] {
    if source.isEmpty { return [] }
    // Split on the byte, not on Characters: "\r\n" is a single Character.
    return source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
  }
}
