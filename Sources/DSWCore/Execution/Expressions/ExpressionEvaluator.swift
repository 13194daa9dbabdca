/// Evaluates bound expressions over a table, a whole column at a time.
///
/// Every operator and function is a loop over typed arrays; nulls travel in
/// validity bitmaps. String functions of one string argument run once per
/// dictionary entry rather than once per row.
public struct ExpressionEvaluator {
  /// Where the expression's columns come from: a table, or a relation that
  /// gathers a column only when an expression reads it.
  let input: any ColumnSource
  /// Polled before each operator: each is one pass over the rows, so Ctrl-C
  /// waits for at most one pass, not the whole expression.
  var limits: ExecutionLimits = .none

  public init(table: Table) { input = table }

  init(_ input: any ColumnSource, limits: ExecutionLimits = .none) {
    self.input = input
    self.limits = limits
  }

  init(table: Table, limits: ExecutionLimits) {
    input = table
    self.limits = limits
  }

  public var rowCount: Int { input.rowCount }

  public func evaluate(_ expr: BoundExpr) throws(Diagnostic) -> Column {
    try limits.poll()
    switch expr.kind {
    case .column(let index):
      return try input.column(at: index)
    case .literal(let value):
      return Column.constant(value, type: expr.type, count: rowCount)
    case .negate(let operand):
      return try negate(try evaluate(operand), span: expr.span)
    case .not(let operand):
      return Logic.not(try evaluate(operand))
    case .arithmetic(let op, let lhs, let rhs):
      return try Arithmetic.apply(
        op, try evaluate(lhs), try evaluate(rhs), resultType: expr.type, span: expr.span)
    case .comparison(let op, let lhs, let rhs):
      return try compare(op, lhs, rhs)
    case .and(let lhs, let rhs):
      // The right side runs only where the left is not false.
      let left = try evaluate(lhs)
      return Logic.and(left, try evaluate(rhs, onlyAt: rows(of: left) { $0 != false }))
    case .or(let lhs, let rhs):
      // The right side runs only where the left is not true.
      let left = try evaluate(lhs)
      return Logic.or(left, try evaluate(rhs, onlyAt: rows(of: left) { $0 != true }))
    case .isNull(let operand, let negated):
      let column = try evaluate(operand)
      var flags = [Bool](repeating: negated, count: rowCount)
      if let validity = column.validity {
        for row in 0..<rowCount { flags[row] = validity[row] == negated }
      }
      return Column(bools: flags)
    case .inList(let operand, let values, let negated):
      return Membership.evaluate(try evaluate(operand), values, negated: negated)
    case .caseWhen(let branches, let otherwise):
      return try evaluateCase(branches, otherwise: otherwise, type: expr.type)
    case .call(.ifThenElse, let arguments) where arguments.count == 3:
      return try evaluateCase(
        [(arguments[0], arguments[1])], otherwise: arguments[2], type: expr.type)
    case .call(.coalesce, let arguments):
      return try evaluateCoalesce(arguments, type: expr.type)
    case .call(let function, let arguments):
      let columns = try arguments.map { (argument) throws(Diagnostic) in try evaluate(argument) }
      return try ScalarKernels.apply(
        function, columns, arguments: arguments, resultType: expr.type, rowCount: rowCount,
        span: expr.span)
    case .cast(let operand):
      return try Cast.apply(try evaluate(operand), to: expr.type, span: expr.span)
    case .tryCast(let operand):
      return try Cast.apply(try evaluate(operand), to: expr.type, span: expr.span, lenient: true)
    }
  }

  /// `expr` as if evaluated only at `rows` (ascending positions); the values
  /// at other rows are not to be read. A branch that no row takes raises no
  /// error (a failing cast, an overflow), as in SQL.
  ///
  /// Expressions are row-wise, so the branch first runs over every row, the
  /// fast path; only when that fails does it run again on its own rows, so
  /// that an error there is one a row that takes the branch raises.
  func evaluate(_ expr: BoundExpr, onlyAt rows: @autoclosure () -> [Int32]) throws(Diagnostic)
    -> Column
  {
    do {
      return try evaluate(expr)
    } catch {
      let rows = rows()
      if rows.count == rowCount { throw error }
      if rows.isEmpty { return Column.nulls(expr.type, count: rowCount) }
      let part = try ExpressionEvaluator(CachedColumns(input, rows: rows), limits: limits)
        .evaluate(expr)
      var placement = [Int32](repeating: -1, count: rowCount)
      for (position, row) in rows.enumerated() { placement[Int(row)] = Int32(position) }
      return part.gather(placement)
    }
  }

  /// The rows whose boolean value (nil for null) passes `test`.
  private func rows(of column: Column, where test: (Bool?) -> Bool) -> [Int32] {
    let flags = column.boolValues
    var rows: [Int32] = []
    rows.reserveCapacity(rowCount)
    for row in 0..<rowCount where test(column.isNull(row) ? nil : flags[row]) {
      rows.append(Int32(row))
    }
    return rows
  }

  /// Sets `choice` to `branch` at the undecided rows where `condition` is true, without a
  /// branch per row: a condition is often true at random rows. A null condition's payload
  /// is false, so its rows stay undecided.
  private static func take(
    choice: inout [Int32], undecided: Int32, branch: Int32, where condition: Column
  ) {
    let flags = condition.boolValues
    guard flags.count == choice.count else { return }
    choice.withUnsafeMutableBufferPointer { choice in
      flags.withUnsafeBufferPointer { flags in
        flags.withMemoryRebound(to: UInt8.self) { flags in
          for row in choice.indices {
            let old = choice[row]
            let taken = Int32(flags[row]) & (old == undecided ? 1 : 0)
            choice[row] = old &+ taken &* (branch &- old)
          }
        }
      }
    }
  }

  /// The rows whose entry in `choice` is `value`.
  private func rows(in choice: [Int32], equalTo value: Int32) -> [Int32] {
    var rows: [Int32] = []
    for row in 0..<rowCount where choice[row] == value { rows.append(Int32(row)) }
    return rows
  }

  /// `coalesce(a, b, …)`: each argument runs only on the rows still null.
  private func evaluateCoalesce(_ arguments: [BoundExpr], type: DataType) throws(Diagnostic)
    -> Column
  {
    var choice = [Int32](repeating: -1, count: rowCount)
    var pending = (0..<rowCount).map { Int32($0) }
    var columns: [Column] = []
    for (index, argument) in arguments.enumerated() {
      let column = try evaluate(argument, onlyAt: pending)
      columns.append(column)
      pending = pending.filter { row in
        if column.isNull(Int(row)) { return true }
        choice[Int(row)] = Int32(index)
        return false
      }
    }
    return ColumnChoice.choose(choice, from: columns, type: type)
  }

  /// Evaluates a predicate and returns the rows where it is true (not null).
  public func selection(_ predicate: BoundExpr) throws(Diagnostic) -> [Int32] {
    // A null row's payload is false, so the validity bitmap need not be read.
    Self.rows(where: try evaluate(predicate).boolValues)
  }

  /// The rows whose flag is `value`, found without a branch: every row's
  /// number is written, and the cursor moves past it only when the row passes.
  static func rows(where flags: [Bool], is value: Bool = true) -> [Int32] {
    [Int32](uninitializedCount: flags.count) { rows, initialized in
      var count = 0
      let flip: UInt8 = value ? 0 : 1
      // A Bool is stored as the byte 0 or 1: adding it keeps the loop
      // free of a branch the compiler would otherwise make of `? 1 : 0`.
      flags.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: UInt8.self) { bytes in
          for row in 0..<bytes.count {
            rows[count] = Int32(truncatingIfNeeded: row)
            count &+= Int(bytes[row] ^ flip)
          }
        }
      }
      initialized = count
    }
  }

  private func negate(_ column: Column, span: SourceSpan) throws(Diagnostic) -> Column {
    switch column.storage {
    case .double(let values): return Column(doubles: values.map { -$0 }, validity: column.validity)
    case .int(let values):
      var result = [Int64](repeating: 0, count: values.count)
      for row in 0..<values.count {
        let (negated, overflow) = Int64(0).subtractingReportingOverflow(values[row])
        if overflow, !column.isNull(row) { throw Arithmetic.overflow(span) }
        result[row] = negated
      }
      return Column(ints: result, validity: column.validity)
    default: return column
    }
  }

  private func compare(_ op: BinaryOperator, _ lhs: BoundExpr, _ rhs: BoundExpr)
    throws(Diagnostic) -> Column
  {
    // A string column against a constant compares once per dictionary entry.
    if lhs.type == .string, case .literal(let value) = rhs.kind {
      return Comparison.stringAgainstConstant(op, try evaluate(lhs), value)
    }
    if rhs.type == .string, case .literal(let value) = lhs.kind {
      return Comparison.stringAgainstConstant(op.flipped, try evaluate(rhs), value)
    }
    return Comparison.apply(op, try evaluate(lhs), try evaluate(rhs))
  }

  /// `case` and `if`: each condition runs on the rows no earlier branch
  /// took, and each result only on the rows that take it.
  private func evaluateCase(
    _ branches: [(condition: BoundExpr, result: BoundExpr)], otherwise: BoundExpr?,
    type: DataType
  ) throws(Diagnostic) -> Column {
    // choice[row] is the branch whose result the row takes; -1 is null. The row lists a
    // branch runs on are only made when its fast path over all rows fails.
    let undecided: Int32 = -2
    var choice = [Int32](repeating: undecided, count: rowCount)
    var results: [Column] = []
    for (index, branch) in branches.enumerated() {
      let condition = try evaluate(branch.condition, onlyAt: rows(in: choice, equalTo: undecided))
      let branchNumber = Int32(index)
      Self.take(choice: &choice, undecided: undecided, branch: branchNumber, where: condition)
      results.append(try evaluate(branch.result, onlyAt: rows(in: choice, equalTo: branchNumber)))
    }
    let fallback: Int32 = otherwise == nil ? -1 : Int32(branches.count)
    choice.withUnsafeMutableBufferPointer { choice in
      // A select, not a branch: the rows alternate unpredictably.
      for row in choice.indices { choice[row] = choice[row] == undecided ? fallback : choice[row] }
    }
    if let otherwise {
      results.append(try evaluate(otherwise, onlyAt: rows(in: choice, equalTo: fallback)))
    }
    return ColumnChoice.choose(choice, from: results, type: type)
  }
}

extension BinaryOperator {
  /// The operator with its operands swapped (`a < b` is `b > a`).
  var flipped: BinaryOperator {
    switch self {
    case .less: .greater
    case .lessEqual: .greaterEqual
    case .greater: .less
    case .greaterEqual: .lessEqual
    default: self
    }
  }
}
