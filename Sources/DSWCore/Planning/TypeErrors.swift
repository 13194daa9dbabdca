/// Diagnostics for type mismatches. Each names the types involved.
enum TypeErrors {
  /// Checks that `expr` is a condition; a null literal becomes a boolean null.
  static func requireBool(_ expr: BoundExpr, context: String) throws(Diagnostic) -> BoundExpr {
    if expr.isNullLiteral { return Coercion.retype(expr, .bool) }
    guard expr.type == .bool else {
      throw Diagnostic.error(
        "E208", "\(context) needs a boolean, but this is `\(expr.type.rawValue)`", at: expr.span,
        help: expr.type.isNumeric ? "compare it, for example `x > 0`" : nil)
    }
    return expr
  }

  static func operand(_ op: String, expected: String, found: BoundExpr) -> Diagnostic {
    Diagnostic.error(
      "E202", "`\(op)` expects \(expected), but this is `\(found.type.rawValue)`", at: found.span)
  }

  static func argument(
    _ function: String, position: Int, expected: String, found: BoundExpr
  ) -> Diagnostic {
    Diagnostic.error(
      "E207",
      "argument \(position) of `\(function)` must be \(expected), but this is `\(found.type.rawValue)`",
      at: found.span)
  }

  static func arity(
    _ function: String, expected: String, got: Int, span: SourceSpan, signature: String
  ) -> Diagnostic {
    Diagnostic.error(
      "E204", "`\(function)` takes \(expected), got \(got)", at: span,
      help: "write `\(signature)`")
  }
}
