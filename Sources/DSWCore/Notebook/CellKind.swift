/// What a cell holds, which drives its badge and colour.
///
/// Stored as its raw value in the notebook file. A kind that disagrees with
/// the cell's statements is only a warning in `dsw check`.
public enum CellKind: String, Sendable, Hashable, CaseIterable {
  case markdown
  case query
  case train
  case score
  case ingest
  case audience

  /// Code cells run; markdown cells only render, and never hold outputs.
  public var isCode: Bool { self != .markdown }
}
