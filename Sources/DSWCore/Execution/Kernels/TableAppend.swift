/// `append`: a union of two tables by column name.
enum TableAppend {
  static func append(_ top: Table, _ bottom: Table) throws(Diagnostic) -> Table {
    var names = top.names
    for name in bottom.names where !names.contains(name) { names.append(name) }
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
    var validity: Bitmap?
    if first.validity != nil || second.validity != nil {
      var bitmap = Bitmap(count: first.count + second.count, value: true)
      for row in 0..<first.count where first.isNull(row) { bitmap.clear(row) }
      for row in 0..<second.count where second.isNull(row) { bitmap.clear(first.count + row) }
      validity = bitmap
    }
    switch (first.storage, second.storage) {
    case (.double(let a), .double(let b)): return Column(doubles: a + b, validity: validity)
    case (.bool(let a), .bool(let b)): return Column(bools: a + b, validity: validity)
    case (.string(let codesA, let dictionaryA), .string(let codesB, let dictionaryB)):
      var builder = StringColumnBuilder(capacity: codesA.count + codesB.count)
      let remapA = dictionaryA.strings.map { builder.intern($0) }
      let remapB = dictionaryB.strings.map { builder.intern($0) }
      var codes = codesA.map { $0 >= 0 ? remapA[Int($0)] : -1 }
      codes += codesB.map { $0 >= 0 ? remapB[Int($0)] : -1 }
      return Column(codes: codes, dictionary: builder.dictionary)
    default:
      return Column.integerBacked(
        first.type, first.int64Values + second.int64Values, validity: validity)
    }
  }
}
