/// Columns by position, for evaluating expressions: a table, or a relation
/// whose columns are gathered when they are read.
protocol ColumnSource {
  var rowCount: Int { get }
  func column(at index: Int) -> Column
}

extension Table: ColumnSource {
  func column(at index: Int) -> Column { columns[index] }
}

/// Columns fetched once each, on first read: a relation's columns gathered
/// late, or the rows a branch of `case`, `if`, `coalesce`, `and` or `or`
/// runs on.
final class CachedColumns: ColumnSource {
  let rowCount: Int
  private let fetch: (Int) -> Column
  private var fetched: [Int: Column] = [:]

  init(rowCount: Int, fetch: @escaping (Int) -> Column) {
    self.rowCount = rowCount
    self.fetch = fetch
  }

  /// A relation's columns, each gathered once.
  convenience init(_ relation: Relation) {
    self.init(rowCount: relation.rowCount, fetch: relation.column(at:))
  }

  /// The rows `rows` of `input`, each column gathered once.
  convenience init(_ input: any ColumnSource, rows: [Int32]) {
    self.init(rowCount: rows.count) { input.column(at: $0).gather(rows) }
  }

  func column(at index: Int) -> Column {
    if let column = fetched[index] { return column }
    let column = fetch(index)
    fetched[index] = column
    return column
  }
}
