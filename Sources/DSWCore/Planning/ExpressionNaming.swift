import Foundation

/// Names an unnamed expression after itself, as DESIGN.md §4 says:
/// `sum(v1)` → `sum_v1`, `count()` → `count`, a column → its name.
public enum ExpressionNaming {
  public static func defaultName(for expr: Expr) -> String {
    switch expr.kind {
    case .name(let name): return name
    case .literal(let value): return literalText(value)
    case .call(let function, let arguments):
      let parts = arguments.map(defaultName(for:)).filter { !$0.isEmpty }
      return ([function] + parts).joined(separator: "_")
    case .unary(let op, let operand):
      return (op == .not ? "not_" : "neg_") + defaultName(for: operand)
    case .binary(let op, let lhs, let rhs):
      return defaultName(for: lhs) + "_" + operatorWord(op) + "_" + defaultName(for: rhs)
    case .isNull(let operand, let negated):
      return defaultName(for: operand) + (negated ? "_is_not_null" : "_is_null")
    case .inList(let operand, _, let negated):
      return defaultName(for: operand) + (negated ? "_not_in" : "_in")
    case .caseWhen: return "case"
    case .list: return "list"
    }
  }

  private static func literalText(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .int(let number): String(number)
    case .double(let number): String(number).replacingOccurrences(of: ".", with: "_")
    case .bool(let flag): String(flag)
    case .string(let text): text.filter { $0.isLetter || $0.isNumber || $0 == "_" }
    case .date, .timestamp: "time"
    }
  }

  private static func operatorWord(_ op: BinaryOperator) -> String {
    switch op {
    case .add: "plus"
    case .subtract: "minus"
    case .multiply: "times"
    case .divide: "div"
    case .integerDivide: "idiv"
    case .modulo: "mod"
    case .equal: "eq"
    case .notEqual: "ne"
    case .less: "lt"
    case .lessEqual: "le"
    case .greater: "gt"
    case .greaterEqual: "ge"
    case .and: "and"
    case .or: "or"
    case .concatenate: "concat"
    }
  }
}
