import Testing

@testable import DSWCore

/// Precedence and associativity, checked through a compact prefix form.
@Suite struct ExpressionParserTests {
  static func prefix(_ expr: Expr) -> String {
    switch expr.kind {
    case .literal(let value):
      switch value {
      case .int(let number): return String(number)
      case .double(let number): return String(number)
      case .string(let text): return "'\(text)'"
      case .bool(let flag): return String(flag)
      case .null: return "null"
      default: return "?"
      }
    case .name(let name): return name
    case .unary(let op, let operand): return "(\(op.rawValue) \(prefix(operand)))"
    case .binary(let op, let left, let right):
      return "(\(op.rawValue) \(prefix(left)) \(prefix(right)))"
    case .call(let function, let arguments):
      return "\(function)(\(arguments.map(prefix).joined(separator: " ")))"
    case .inList(let operand, let items, let negated):
      return
        "(\(negated ? "not-in" : "in") \(prefix(operand)) [\(items.map(prefix).joined(separator: " "))])"
    case .isNull(let operand, let negated):
      return "(\(negated ? "is-not-null" : "is-null") \(prefix(operand)))"
    case .caseWhen(let branches, let otherwise):
      let parts = branches.map { "\(prefix($0.condition)) -> \(prefix($0.result))" }
      return
        "(case \(parts.joined(separator: "; "))\(otherwise.map { "; else \(prefix($0))" } ?? ""))"
    case .list(let items): return "[\(items.map(prefix).joined(separator: " "))]"
    case .dictionary(let entries):
      return "{\(entries.map { "\($0.name.text): \(prefix($0.value))" }.joined(separator: " "))}"
    }
  }

  static func parse(_ text: String) throws -> String {
    let program = try Parser.parseProgram("from t | filter " + text)
    guard case .pipeline(let pipeline) = program.statements.first?.kind,
      case .filter(let condition) = pipeline.transforms.first?.kind
    else { throw Diagnostic.error("T000", "no filter") }
    return prefix(condition)
  }

  static let cases: [(String, String)] = [
    ("a or b and c", "(or a (and b c))"),
    ("a and b or c", "(or (and a b) c)"),
    ("not a and b", "(and (not a) b)"),
    ("not a == b", "(not (== a b))"),
    ("not not a", "(not (not a))"),
    ("a == b + c * d", "(== a (+ b (* c d)))"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b * c // d % e", "(% (// (* (/ a b) c) d) e)"),
    ("-a * b", "(* (- a) b)"),
    ("- -a", "(- (- a))"),
    ("-3 + -2.5", "(+ -3 -2.5)"),
    ("a - -3", "(- a -3)"),
    ("(a + b) * c", "(* (+ a b) c)"),
    ("a + b < c - d", "(< (+ a b) (- c d))"),
    ("a != b and c <= d or e > f", "(or (and (!= a b) (<= c d)) (> e f))"),
    ("x in [1, 2, 3] or y not in ['a']", "(or (in x [1 2 3]) (not-in y ['a']))"),
    ("x + 1 in [2]", "(in (+ x 1) [2])"),
    ("x is null and y is not null", "(and (is-null x) (is-not-null y))"),
    ("not x is null", "(not (is-null x))"),
    ("f(a, g(b), c + 1) >= 0", "(>= f(a g(b) (+ c 1)) 0)"),
    ("if(c, a, b) == 1", "(== if(c a b) 1)"),
    ("count() > 0", "(> count() 0)"),
    ("case when a then 1 else 2 end + 1", "(+ (case a -> 1; else 2) 1)"),
    (
      "case when a > 1 then 'x' when b then 'y' end == 'x'",
      "(== (case (> a 1) -> 'x'; b -> 'y') 'x')"
    ),
    ("true and false or null", "(or (and true false) null)"),
    ("`end` == date", "(== end date)"),
    ("first > last", "(> first last)"),
  ]

  @Test(arguments: cases)
  func precedence(source: String, expected: String) throws {
    #expect(try Self.parse(source) == expected)
  }
}
