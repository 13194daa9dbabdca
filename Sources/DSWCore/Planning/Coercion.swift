/// The implicit conversions the language allows, and nothing more.
///
/// Ints widen to doubles, dates widen to timestamps, a null literal takes
/// the type it meets, and a string constant compared with a date or time is
/// parsed as one. Anything else mixing types is an error naming both.
enum Coercion {
  static func comparable(_ left: BoundExpr, _ right: BoundExpr, op: BinaryOperator)
    throws(Diagnostic) -> (BoundExpr, BoundExpr)
  {
    if left.type == right.type { return (left, right) }
    if left.isNullLiteral { return (retype(left, right.type), right) }
    if right.isNullLiteral { return (left, retype(right, left.type)) }
    if left.type.isNumeric, right.type.isNumeric {
      return (widen(left, to: .double), widen(right, to: .double))
    }
    if left.type.isTemporal, right.type.isTemporal {
      return (widen(left, to: .timestamp), widen(right, to: .timestamp))
    }
    if left.type.isTemporal, case .literal(let value) = right.kind, value.type == .string {
      return (left, try literal(value, as: left.type, span: right.span))
    }
    if right.type.isTemporal, case .literal(let value) = left.kind, value.type == .string {
      return (try literal(value, as: right.type, span: left.span), right)
    }
    throw Diagnostic.error(
      "E202", "cannot compare `\(left.type.rawValue)` with `\(right.type.rawValue)`",
      at: left.span.through(right.span),
      help: hint(left.type, right.type))
  }

  /// One common type for several expressions (the branches of `case`, `if`, `coalesce`).
  static func unify(_ exprs: [BoundExpr], context: String) throws(Diagnostic) -> [BoundExpr] {
    let typed = exprs.filter { !$0.isNullLiteral }
    guard var common = typed.first?.type else { return exprs }
    for expr in typed.dropFirst() where expr.type != common {
      if common.isNumeric, expr.type.isNumeric {
        common = .double
      } else if common.isTemporal, expr.type.isTemporal {
        common = .timestamp
      } else {
        throw Diagnostic.error(
          "E202",
          "\(context) have different types: `\(common.rawValue)` and `\(expr.type.rawValue)`",
          at: expr.span, help: "use `cast(x, \"\(common.rawValue)\")` to make them agree")
      }
    }
    return exprs.map { $0.isNullLiteral ? retype($0, common) : widen($0, to: common) }
  }

  static func widen(_ expr: BoundExpr, to type: DataType) -> BoundExpr {
    if expr.type == type { return expr }
    if case .literal(let value) = expr.kind,
      let converted = try? convertConstant(value, to: type, span: expr.span)
    {
      return BoundExpr(.literal(converted), type: type, span: expr.span)
    }
    return BoundExpr(.cast(expr), type: type, span: expr.span)
  }

  static func retype(_ expr: BoundExpr, _ type: DataType) -> BoundExpr {
    BoundExpr(expr.kind, type: type, span: expr.span)
  }

  private static func literal(_ value: Value, as type: DataType, span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    BoundExpr(.literal(try convertConstant(value, to: type, span: span)), type: type, span: span)
  }

  /// Converts a constant to `type`, parsing strings as dates and times.
  static func convertConstant(_ value: Value, to type: DataType, span: SourceSpan)
    throws(Diagnostic) -> Value
  {
    switch (value, type) {
    case (.null, _): return .null
    case (_, _) where value.type == type: return value
    case (.int(let number), .double): return .double(Double(number))
    case (.date(let days), .timestamp): return .timestamp(days * CivilTime.microsPerDay)
    case (.string(let text), .date):
      if let days = CivilTime.parseDate(Substring(text)) { return .date(days) }
      if let micros = CivilTime.parseTimestamp(Substring(text)),
        micros % CivilTime.microsPerDay == 0
      {
        return .date(micros / CivilTime.microsPerDay)
      }
      throw Diagnostic.error(
        "E211", "\"\(text)\" is not a date", at: span, help: "write dates as \"YYYY-MM-DD\"")
    case (.string(let text), .timestamp):
      if let micros = CivilTime.parseTimestamp(Substring(text)) { return .timestamp(micros) }
      throw Diagnostic.error(
        "E211", "\"\(text)\" is not a timestamp", at: span,
        help: "write timestamps as \"YYYY-MM-DD HH:MM:SS\" or \"YYYY-MM-DDTHH:MM:SSZ\"")
    default:
      throw Diagnostic.error(
        "E202",
        "expected a `\(type.rawValue)` value, but this is `\(value.type?.rawValue ?? "null")`",
        at: span)
    }
  }

  private static func hint(_ left: DataType, _ right: DataType) -> String? {
    if left == .string || right == .string {
      return "convert one side with `cast(x, \"\((left == .string ? right : left).rawValue)\")`"
    }
    return nil
  }
}
