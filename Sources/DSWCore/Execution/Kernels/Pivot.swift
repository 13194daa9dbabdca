/// `pivot COLUMN (NAME = AGG) by KEYS`: one output column per distinct value.
///
/// Value columns are named `NAME_<value>` with characters other than letters
/// and digits replaced by `_`, in sorted order of the values. Count-like
/// aggregates give 0 for a missing combination; the others give null.
enum Pivot {
  static func run(
    _ plan: PivotPlan, table: Table, limits: ExecutionLimits = .none, span: SourceSpan? = nil
  ) throws(Diagnostic) -> Table {
    let keyColumns = plan.keys.map { table.columns[$0] }
    let keyGrouping = try Grouping.group(keyColumns, rowCount: table.rowCount, limits: limits)
    let spread = table.columns[plan.column]
    let valueGrouping = try Grouping.group([spread], rowCount: table.rowCount, limits: limits)
    let keyGroups = table.rowCount == 0 ? 0 : keyGrouping.groupCount
    let valueGroups = table.rowCount == 0 ? 0 : valueGrouping.groupCount
    // The output is keys × values cells: refuse it before building it.
    try limits.admit(
      "this pivot", rows: keyGroups,
      bytesPerRow: valueGroups.multipliedReportingOverflow(by: plan.call.type.payloadWidth + 4)
        .partialValue + keyColumns.reduce(0) { $0 + $1.type.payloadWidth },
      unit: "rows of \(valueGroups.formatted) columns", at: span,
      help: "pivot a column with fewer distinct values, or filter it first")
    // Cells: one per (key group, value group) pair.
    let cellGrouping = try Grouping.group(
      [
        Column(ints: keyGrouping.groupIDs.map { Int64($0) }),
        Column(ints: valueGrouping.groupIDs.map { Int64($0) }),
      ],
      rowCount: table.rowCount, limits: limits)
    try limits.poll()
    let evaluator = ExpressionEvaluator(table: table, limits: limits)
    let arguments = try plan.call.arguments.map { (argument) throws(Diagnostic) in
      try evaluator.evaluate(argument)
    }
    guard case .aggregate(let function) = plan.call.function else { return table }
    let cellValues = try GroupedAggregation.compute(
      function, arguments: arguments, parameter: plan.call.parameter, type: plan.call.type,
      grouping: cellGrouping, span: plan.call.span, limits: limits)
    var result = Table(
      names: plan.keys.map { table.names[$0] },
      columns: keyColumns.map { $0.gather(keyGrouping.firstRows) },
      rowCount: keyGroups)
    if table.rowCount == 0 { return result }
    // The cells of each value group (CSR layout), so that building a column
    // visits only its own cells.
    var starts = [Int](repeating: 0, count: valueGroups + 1)
    for cell in 0..<cellGrouping.groupCount {
      let row = Int(cellGrouping.firstRows[cell])
      starts[Int(valueGrouping.groupIDs[row]) + 1] += 1
    }
    for group in 0..<valueGroups { starts[group + 1] += starts[group] }
    var cursor = starts
    var cellsByValue = [Int32](repeating: 0, count: cellGrouping.groupCount)
    for cell in 0..<cellGrouping.groupCount {
      let group = Int(valueGrouping.groupIDs[Int(cellGrouping.firstRows[cell])])
      cellsByValue[cursor[group]] = Int32(cell)
      cursor[group] += 1
    }
    // Value labels in sorted order.
    let labels = valueGrouping.firstRows.map { spread.value(at: Int($0)) }
    let order = labels.indices.sorted { ValueOrder.less(labels[$0], labels[$1]) }
    let zeroFill = [.count, .countIf, .countDistinct].contains(function)
    var names = Set(result.names)
    for valueGroup in order {
      try limits.poll()
      var source = [Int32](repeating: -1, count: keyGroups)
      for position in starts[valueGroup]..<starts[valueGroup + 1] {
        let cell = Int(cellsByValue[position])
        source[Int(keyGrouping.groupIDs[Int(cellGrouping.firstRows[cell])])] = Int32(cell)
      }
      var column = cellValues.gather(source)
      if zeroFill {
        column = Column(ints: column.int64Values)
      }
      var name = plan.prefix + "_" + label(labels[valueGroup])
      while names.contains(name) { name += "_" }
      names.insert(name)
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
    case (.int(let x), .int(let y)), (.date(let x), .date(let y)),
      (.timestamp(let x), .timestamp(let y)):
      // Exactly, not as doubles: 2^53 and 2^53 + 1 are two values.
      return x < y
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
