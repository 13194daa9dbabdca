/// `append`: a union of two tables by column name.
enum TableAppend {
  static func append(
    _ top: Table, _ bottom: Table, limits: ExecutionLimits = .none, span: SourceSpan? = nil
  ) throws(Diagnostic) -> Table {
    var names = top.names
    for name in bottom.names where !names.contains(name) { names.append(name) }
    let width = names.reduce(0) { width, name in
      let type = top.column(named: name)?.type ?? bottom.column(named: name)?.type
      return width + 1 + (type?.payloadWidth ?? 8)
    }
    try limits.admitTable(
      "this append", rows: top.rowCount + bottom.rowCount, bytesPerRow: width, at: span,
      help: "filter or aggregate one side first")
    var columns: [Column] = []
    for name in names {
      let upper = top.column(named: name)
      let lower = bottom.column(named: name)
      let type = commonType(upper?.type, lower?.type)
      let first =
        try upper.map { (column) throws(Diagnostic) in
          try Cast.apply(column, to: type, span: .unknown)
        }
        ?? Column.nulls(type, count: top.rowCount)
      let second =
        try lower.map { (column) throws(Diagnostic) in
          try Cast.apply(column, to: type, span: .unknown)
        }
        ?? Column.nulls(type, count: bottom.rowCount)
      columns.append(concatenate(first, second))
    }
    return Table(names: names, columns: columns, rowCount: top.rowCount + bottom.rowCount)
  }

  private static func commonType(_ a: DataType?, _ b: DataType?) -> DataType {
    guard let a else { return b ?? .string }
    guard let b, a != b else { return a }
    if a.isNumeric, b.isNumeric { return .double }
    if a.isTemporal, b.isTemporal { return .timestamp }
    return a
  }

  /// Two columns of one type, one after the other.
  static func concatenate(_ first: Column, _ second: Column) -> Column {
    Column.concatenated([first, second], type: first.type)
  }
}
