/// `pivot COLUMN (NAME = AGG) by KEYS`: one output column per distinct value.
///
/// Value columns are named `NAME_<value>` with characters other than letters
/// and digits replaced by `_`, in sorted order of the values. Count-like
/// aggregates give 0 for a missing combination; the others give null.
enum Pivot {
  static func run(_ plan: PivotPlan, table: Table) throws(Diagnostic) -> Table {
    let keyColumns = plan.keys.map { table.columns[$0] }
    let keyGrouping = Grouping.group(keyColumns, rowCount: table.rowCount)
    let spread = table.columns[plan.column]
    let valueGrouping = Grouping.group([spread], rowCount: table.rowCount)
    // Cells: one per (key group, value group) pair.
    let cellGrouping = Grouping.group(
      [
        Column(ints: keyGrouping.groupIDs.map { Int64($0) }),
        Column(ints: valueGrouping.groupIDs.map { Int64($0) }),
      ],
      rowCount: table.rowCount)
    let evaluator = ExpressionEvaluator(table: table)
    let arguments = try plan.call.arguments.map { (argument) throws(Diagnostic) in
      try evaluator.evaluate(argument)
    }
    guard case .aggregate(let function) = plan.call.function else { return table }
    let cellValues = try GroupedAggregation.compute(
      function, arguments: arguments, parameter: plan.call.parameter, type: plan.call.type,
      grouping: cellGrouping, span: plan.call.span)
    var result = Table(
      names: plan.keys.map { table.names[$0] },
      columns: keyColumns.map { $0.gather(keyGrouping.firstRows) },
      rowCount: table.rowCount == 0 ? 0 : keyGrouping.groupCount)
    if table.rowCount == 0 { return result }
    // Value labels in sorted order.
    let labels = valueGrouping.firstRows.map { spread.value(at: Int($0)) }
    let order = labels.indices.sorted { ValueOrder.less(labels[$0], labels[$1]) }
    let zeroFill = [.count, .countIf, .countDistinct].contains(function)
    for valueGroup in order {
      var source = [Int32](repeating: -1, count: keyGrouping.groupCount)
      for cell in 0..<cellGrouping.groupCount {
        let row = Int(cellGrouping.firstRows[cell])
        if Int(valueGrouping.groupIDs[row]) == valueGroup {
          source[Int(keyGrouping.groupIDs[row])] = Int32(cell)
        }
      }
      var column = cellValues.gather(source)
      if zeroFill {
        column = Column(ints: column.int64Values)
      }
      var name = plan.prefix + "_" + label(labels[valueGroup])
      while result.index(of: name) != nil { name += "_" }
      result.set(name, column)
    }
    return result
  }

  static func label(_ value: Value) -> String {
    let text = value.isNull ? "null" : ValueText.plain(value)
    return String(text.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }
}

/// A total order on boxed values, for small sorts of labels (nulls last).
enum ValueOrder {
  static func less(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, _): return false
    case (_, .null): return true
    case (.string(let x), .string(let y)):
      return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    default:
      if let x = a.sortNumber, let y = b.sortNumber { return x < y }
      return ValueText.plain(a) < ValueText.plain(b)
    }
  }
}

extension Value {
  var sortNumber: Double? {
    switch self {
    case .int(let number), .date(let number), .timestamp(let number): Double(number)
    case .double(let number): number
    case .bool(let flag): flag ? 1 : 0
    default: nil
    }
  }
}
