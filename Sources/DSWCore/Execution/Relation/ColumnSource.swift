/// Columns by position, for evaluating expressions: a table, or a relation
/// whose columns are gathered when they are read.
protocol ColumnSource {
  var rowCount: Int { get }
  /// Throws when gathering the column was interrupted (Ctrl-C).
  func column(at index: Int) throws(Diagnostic) -> Column
}

extension Table: ColumnSource {
  func column(at index: Int) -> Column { columns[index] }
}

/// Columns fetched once each, on first read: a relation's columns gathered
/// late, or the rows a branch of `case`, `if`, `coalesce`, `and` or `or`
/// runs on.
final class CachedColumns: ColumnSource {
  let rowCount: Int
  private let fetch: (Int) throws(Diagnostic) -> Column
  private var fetched: [Int: Column] = [:]

  init(rowCount: Int, fetch: @escaping (Int) throws(Diagnostic) -> Column) {
    self.rowCount = rowCount
    self.fetch = fetch
  }

  /// A relation's columns, each gathered once, polling `limits` as it gathers.
  convenience init(_ relation: Relation, limits: ExecutionLimits = .none) {
    self.init(rowCount: relation.rowCount) { (index) throws(Diagnostic) in
      try relation.column(at: index, limits: limits)
    }
  }

  /// The rows `rows` of `input`, each column gathered once.
  convenience init(_ input: any ColumnSource, rows: [Int32]) {
    self.init(rowCount: rows.count) { (index) throws(Diagnostic) in
      try input.column(at: index).gather(rows)
    }
  }

  func column(at index: Int) throws(Diagnostic) -> Column {
    if let column = fetched[index] { return column }
    let column = try fetch(index)
    fetched[index] = column
    return column
  }
}
