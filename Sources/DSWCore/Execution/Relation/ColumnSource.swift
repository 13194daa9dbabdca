/// Columns by position, for evaluating expressions: a table, or a relation
/// whose columns are gathered when they are read.
protocol ColumnSource {
  var rowCount: Int { get }
  func column(at index: Int) -> Column
}

extension Table: ColumnSource {
  func column(at index: Int) -> Column { columns[index] }
}

/// Some rows of another source, gathered once per column read: what a
/// branch of `case`, `if`, `coalesce`, `and` or `or` is evaluated on.
final class SelectedColumns: ColumnSource {
  let input: any ColumnSource
  let rows: [Int32]
  private var gathered: [Int: Column] = [:]

  init(_ input: any ColumnSource, rows: [Int32]) {
    self.input = input
    self.rows = rows
  }

  var rowCount: Int { rows.count }

  func column(at index: Int) -> Column {
    if let column = gathered[index] { return column }
    let column = input.column(at: index).gather(rows)
    gathered[index] = column
    return column
  }
}
