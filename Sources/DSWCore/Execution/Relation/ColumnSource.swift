/// Columns by position, for evaluating expressions: a table, or a relation
/// whose columns are gathered when they are read.
protocol ColumnSource {
  var rowCount: Int { get }
  func column(at index: Int) -> Column
}

extension Table: ColumnSource {
  func column(at index: Int) -> Column { columns[index] }
}
