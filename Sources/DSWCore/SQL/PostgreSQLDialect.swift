/// dsw's semantics in PostgreSQL (version 12 or later).
///
/// Types: `int` is `bigint`, `double` is `double precision`, `bool` is
/// `boolean`, `string` is `text`, `date` is `date`, and `timestamp` is
/// `timestamp` (without time zone) holding UTC. The statement assumes the
/// session's time zone is UTC (`sessionSetup`), so text with an offset
/// converts to the right instant and nothing depends on the server's zone.
///
/// Where PostgreSQL's own behaviour differs from dsw's, the SQL spells out
/// dsw's: floored `//` and `%`, null on division by zero, IEEE comparisons
/// with NaN, strings ordered by code point (`COLLATE "C"`), nulls last in
/// both directions, rounding half away from zero, math outside its domain as
/// null. docs/sql.md lists the mapping and what stays local.
public struct PostgreSQLDialect: SQLDialect {
  public init() {}

  public var name: String { "PostgreSQL" }

  public var sessionSetup: [String] { ["SET TIME ZONE 'UTC'"] }

  public func identifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  public func typeName(_ type: DataType) -> String {
    switch type {
    case .int: "bigint"
    case .double: "double precision"
    case .bool: "boolean"
    case .string: "text"
    case .date: "date"
    case .timestamp: "timestamp"
    }
  }

  /// A string literal. Standard-conforming: only `'` is doubled.
  func string(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  func typedNull(_ type: DataType) -> SQLFragment {
    SQLFragment("CAST(NULL AS \(typeName(type)))", type: type)
  }

  func literal(_ value: Value, type: DataType) -> SQLFragment {
    switch value {
    case .null: return typedNull(type)
    case .int(let number):
      if number == .min { return SQLFragment("CAST('\(number)' AS bigint)", type: .int) }
      return SQLFragment(String(number), type: .int, isAtomic: number >= 0)
    case .double(let number):
      guard number.isFinite else {
        return SQLFragment(
          "CAST('\(ValueText.doubleText(number))' AS double precision)", type: .double)
      }
      return SQLFragment(
        "CAST(\(String(number)) AS double precision)", type: .double)
    case .bool(let flag): return SQLFragment(flag ? "TRUE" : "FALSE", type: .bool)
    case .string(let text): return SQLFragment(string(text), type: .string)
    case .date: return SQLFragment("DATE " + string(ValueText.plain(value)), type: .date)
    case .timestamp:
      return SQLFragment("TIMESTAMP " + string(ValueText.plain(value)), type: .timestamp)
    }
  }

  /// A double literal as a bare number, for an operand beside a double
  /// expression (PostgreSQL reads it as `numeric` and converts it).
  func bareDouble(_ expr: BoundExpr) -> SQLFragment? {
    guard case .literal(let value) = expr.kind, let number = value.doubleValue,
      number.isFinite, expr.type == .double || expr.type == .int
    else { return nil }
    let text = value.type == .int ? ValueText.plain(value) : String(number)
    return SQLFragment(text, type: .double, isAtomic: number >= 0 && !text.hasPrefix("-"))
  }

  public func orderTerm(_ key: SQLFragment, descending: Bool) -> String {
    let collated = key.type == .string ? key.operand + " COLLATE \"C\"" : groupKey(key)
    return collated + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST")
  }

  /// A bare integer in `GROUP BY` or `ORDER BY` names an output column by
  /// position; a constant key is cast, so it stays a value.
  public func groupKey(_ key: SQLFragment) -> String {
    guard !key.text.isEmpty, key.text.allSatisfy(\.isNumber) else { return key.text }
    return "CAST(\(key.text) AS \(typeName(key.type)))"
  }

  public func expression(_ expr: BoundExpr, column: (Int) -> SQLFragment) throws(SQLUnsupported)
    -> SQLFragment
  {
    let result = withoutActuallyEscaping(column) { column in
      do throws(SQLUnsupported) {
        return Result<SQLFragment, SQLUnsupported>.success(
          try ExpressionWriter(dialect: self, column: column).write(expr))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

/// Writes one expression tree; `column` gives the input's columns.
struct ExpressionWriter {
  let dialect: PostgreSQLDialect
  let column: (Int) -> SQLFragment

  func write(_ expr: BoundExpr) throws(SQLUnsupported) -> SQLFragment {
    switch expr.kind {
    case .column(let index):
      return column(index)
    case .literal(let value):
      return dialect.literal(value, type: expr.type)
    case .negate(let inner):
      return SQLFragment("-" + (try write(inner)).operand, type: expr.type, isAtomic: false)
    case .not(let inner):
      return SQLFragment("NOT " + (try write(inner)).operand, type: .bool, isAtomic: false)
    case .arithmetic(let op, let lhs, let rhs):
      return try arithmetic(op, lhs, rhs, type: expr.type)
    case .comparison(let op, let lhs, let rhs):
      return try comparison(op, lhs, rhs)
    case .and(let lhs, let rhs), .or(let lhs, let rhs):
      let word: String
      if case .and = expr.kind { word = "AND" } else { word = "OR" }
      var fragment = SQLFragment(
        "\(try write(lhs).operand(of: word)) \(word) \(try write(rhs).operand(of: word))",
        type: .bool, isAtomic: false)
      fragment.connective = word
      return fragment
    case .isNull(let inner, let negated):
      return .predicate("\(try write(inner).operand) IS \(negated ? "NOT " : "")NULL")
    case .inList(let inner, let values, let negated):
      return try inList(inner, values, negated: negated)
    case .caseWhen(let branches, let otherwise):
      var text = "CASE"
      for branch in branches {
        text += " WHEN \(try write(branch.condition).text) THEN \(try write(branch.result).text)"
      }
      if let otherwise { text += " ELSE \(try write(otherwise).text)" }
      return SQLFragment(text + " END", type: expr.type)
    case .call(let function, let arguments):
      return try call(function, arguments, type: expr.type)
    case .cast(let inner):
      return try cast(try write(inner), to: expr.type, lenient: false)
    case .tryCast(let inner):
      return try cast(try write(inner), to: expr.type, lenient: true)
    }
  }

  /// Doubles that are not finite (NaN, ±Infinity) become null, as dsw's
  /// math functions give.
  func finite(_ fragment: SQLFragment, _ type: DataType) -> SQLFragment {
    guard type == .double else { return fragment }
    return SQLFragment(
      "NULLIF(NULLIF(NULLIF(\(fragment.text), 'NaN'), 'Infinity'), '-Infinity')", type: .double)
  }

  func double(_ expr: BoundExpr) throws(SQLUnsupported) -> SQLFragment {
    let fragment = try write(expr)
    if fragment.type == .double { return fragment }
    return SQLFragment("CAST(\(fragment.text) AS double precision)", type: .double)
  }

  /// An operand beside `other`: a literal reads bare when the other side is
  /// an expression of its type, so `"v" > 1` reads as written.
  func operand(_ expr: BoundExpr, beside other: BoundExpr) throws(SQLUnsupported) -> SQLFragment {
    if other.constant == nil, case .literal(let value) = expr.kind, value != .null {
      if expr.type == .double, let bare = dialect.bareDouble(expr) { return bare }
      if expr.type == .int, case .int(let number) = value, number != .min {
        return SQLFragment(String(number), type: .int, isAtomic: number >= 0)
      }
    }
    if other.constant != nil, expr.constant != nil, expr.type == .int,
      case .literal(.int(let number)) = expr.kind, number != .min
    {
      // Two literals: PostgreSQL would compute in 32 bits.
      return SQLFragment("CAST(\(number) AS bigint)", type: .int)
    }
    return try write(expr)
  }

  private func arithmetic(_ op: BinaryOperator, _ lhs: BoundExpr, _ rhs: BoundExpr, type: DataType)
    throws(SQLUnsupported) -> SQLFragment
  {
    switch op {
    case .concatenate:
      return SQLFragment(
        "\(try write(lhs).operand) || \(try write(rhs).operand)", type: .string, isAtomic: false)
    case .divide:
      let left = lhs.type == .double ? try write(lhs) : try double(lhs)
      let right = try double(rhs)
      if let bare = dialect.bareDouble(rhs), (rhs.constant?.doubleValue ?? 0) != 0 {
        return SQLFragment("\(left.operand) / \(bare.operand)", type: .double, isAtomic: false)
      }
      return SQLFragment(
        "\(left.operand) / NULLIF(\(right.text), 0)", type: .double, isAtomic: false)
    case .integerDivide:
      if lhs.type == .int, rhs.type == .int {
        let a = try operand(lhs, beside: rhs).operand
        let b = try operand(rhs, beside: lhs).operand
        if case .literal(.int(let divisor)) = rhs.kind, divisor != 0 {
          // SQL truncates; dsw floors: one less where the remainder's sign
          // differs from the divisor's.
          let off = divisor > 0 ? "< 0" : "> 0"
          return SQLFragment(
            "CASE WHEN \(a) % \(b) \(off) THEN \(a) / \(b) - 1 ELSE \(a) / \(b) END", type: .int)
        }
        return SQLFragment(
          "CASE WHEN \(b) = 0 THEN NULL WHEN \(a) % \(b) <> 0 AND (\(a) < 0) <> (\(b) < 0) THEN \(a) / \(b) - 1 ELSE \(a) / \(b) END",
          type: .int)
      }
      let a = try double(lhs).operand
      if let bare = dialect.bareDouble(rhs), (rhs.constant?.doubleValue ?? 0) != 0 {
        return SQLFragment("CAST(floor(\(a) / \(bare.operand)) AS bigint)", type: .int)
      }
      let b = try double(rhs).text
      return SQLFragment("CAST(floor(\(a) / NULLIF(\(b), 0)) AS bigint)", type: .int)
    case .modulo:
      guard lhs.type == .int, rhs.type == .int else {
        throw SQLUnsupported(
          "PostgreSQL has no remainder of doubles that matches dsw's `%` exactly")
      }
      let a = try operand(lhs, beside: rhs).operand
      let b = try operand(rhs, beside: lhs).operand
      if case .literal(.int(let divisor)) = rhs.kind, divisor != 0 {
        // The remainder takes the divisor's sign, as dsw's does.
        let off = divisor > 0 ? "< 0" : "> 0"
        return SQLFragment(
          "CASE WHEN \(a) % \(b) \(off) THEN \(a) % \(b) + \(b) ELSE \(a) % \(b) END", type: .int)
      }
      return SQLFragment(
        "CASE WHEN \(b) = 0 THEN NULL WHEN \(a) % \(b) <> 0 AND (\(a) % \(b) < 0) <> (\(b) < 0) THEN \(a) % \(b) + \(b) ELSE \(a) % \(b) END",
        type: .int)
    default:
      let left = try operand(lhs, beside: rhs)
      let right = try operand(rhs, beside: lhs)
      return SQLFragment(
        "\(left.operand) \(op.rawValue) \(right.operand)", type: type, isAtomic: false)
    }
  }

  private func comparison(_ op: BinaryOperator, _ lhs: BoundExpr, _ rhs: BoundExpr)
    throws(SQLUnsupported) -> SQLFragment
  {
    let sqlOp =
      switch op {
      case .equal: "="
      case .notEqual: "<>"
      default: op.rawValue
      }
    let left = try operand(lhs, beside: rhs)
    let right = try operand(rhs, beside: lhs)
    let ordering = op != .equal && op != .notEqual
    if lhs.type == .string, ordering {
      return .predicate("\(left.operand) \(sqlOp) \(right.operand) COLLATE \"C\"")
    }
    let plain = SQLFragment.predicate("\(left.operand) \(sqlOp) \(right.operand)")
    guard lhs.type == .double || rhs.type == .double else { return plain }
    // PostgreSQL holds NaN equal to itself and above every number; dsw
    // compares as IEEE does, where NaN is unequal to everything.
    let leftFinite = lhs.constant?.doubleValue?.isFinite ?? false
    let rightFinite = rhs.constant?.doubleValue?.isFinite ?? false
    if rightFinite || leftFinite {
      let (other, greater) =
        rightFinite
        ? (left, op == .greater || op == .greaterEqual)
        : (right, op == .less || op == .lessEqual)
      // Against a number, only "above" differs: NaN is above it in PostgreSQL.
      if !greater { return plain }
      var guarded = SQLFragment(
        "\(plain.text) AND \(other.operand) <> 'NaN'", type: .bool, isAtomic: false)
      guarded.connective = "AND"
      return guarded
    }
    let nanResult = op == .notEqual ? "TRUE" : "FALSE"
    return SQLFragment(
      "CASE WHEN \(left.operand) IS NULL OR \(right.operand) IS NULL THEN NULL WHEN \(left.operand) = 'NaN' OR \(right.operand) = 'NaN' THEN \(nanResult) ELSE \(plain.text) END",
      type: .bool)
  }

  private func inList(_ inner: BoundExpr, _ values: [Value], negated: Bool)
    throws(SQLUnsupported) -> SQLFragment
  {
    if values.contains(where: { $0.doubleValue?.isNaN ?? false }) {
      throw SQLUnsupported("an `in` list holding NaN")
    }
    let operand = try write(inner)
    let items = values.map { value in
      if inner.type == .double,
        let bare = dialect.bareDouble(
          BoundExpr(.literal(value), type: .double, span: .unknown))
      {
        return bare.text
      }
      return dialect.literal(value, type: inner.type).text
    }
    return .predicate(
      "\(operand.operand) \(negated ? "NOT IN" : "IN") (\(items.joined(separator: ", ")))")
  }
}
