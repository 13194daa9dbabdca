/// Data-quality expectations: conditions every row must meet.
///
/// As in SQL CHECK constraints, a row fails when its condition is false; a
/// condition that is null for a row (it reads a null) does not fail it.
/// Write `x is not null` to require values.
public enum Expectations {
  static func check(_ expectations: [ExpectationPlan], table: Table, span: SourceSpan)
    throws(Diagnostic)
  {
    let evaluator = ExpressionEvaluator(table: table)
    var failures: [(plan: ExpectationPlan, rows: [Int])] = []
    for expectation in expectations {
      let column = try evaluator.evaluate(expectation.condition)
      let flags = column.boolValues
      var violating: [Int] = []
      for row in 0..<table.rowCount where !flags[row] && !column.isNull(row) {
        violating.append(row)
      }
      if !violating.isEmpty { failures.append((expectation, violating)) }
    }
    guard let first = failures.first else { return }
    var notes: [String] = []
    for failure in failures {
      let count = failure.rows.count
      if failure.plan.text != first.plan.text {
        notes.append(
          "`\(failure.plan.text)` also fails: \(count.formatted) of \(table.rowCount.formatted) rows"
        )
      }
    }
    let columns = referencedColumns(first.plan.condition)
    for row in first.rows.prefix(5) {
      let values = columns.map { index in
        "\(table.names[index]) = \(display(table.columns[index].value(at: row)))"
      }
      notes.append("row \(row + 1): " + values.joined(separator: ", "))
    }
    if first.rows.count > 5 { notes.append("… and \((first.rows.count - 5).formatted) more rows") }
    throw Diagnostic.error(
      "E401",
      "expectation failed: `\(first.plan.text)` is false for \(first.rows.count.formatted) of \(table.rowCount.formatted) rows",
      at: first.plan.condition.span, notes: notes)
  }

  static func display(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .string(let text): "\"\(text)\""
    default: ValueText.plain(value)
    }
  }

  /// The input columns an expression reads, in first-use order.
  static func referencedColumns(_ expr: BoundExpr) -> [Int] {
    var found: [Int] = []
    func visit(_ expr: BoundExpr) {
      switch expr.kind {
      case .column(let index): if !found.contains(index) { found.append(index) }
      case .literal: break
      case .negate(let inner), .not(let inner), .cast(let inner), .tryCast(let inner): visit(inner)
      case .isNull(let inner, _), .inList(let inner, _, _): visit(inner)
      case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b),
        .or(let a, let b):
        visit(a)
        visit(b)
      case .caseWhen(let branches, let otherwise):
        for branch in branches {
          visit(branch.condition)
          visit(branch.result)
        }
        if let otherwise { visit(otherwise) }
      case .call(_, let arguments): arguments.forEach(visit)
      }
    }
    visit(expr)
    return found
  }
}
