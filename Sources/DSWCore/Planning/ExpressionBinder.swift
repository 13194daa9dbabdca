/// Resolves names and checks types of an expression against an input schema.
///
/// Names resolve to the input's columns first, then to notebook parameters
/// (a column shadows a parameter). In `aggregate` and `window` items, calls
/// to aggregate and window functions are lifted into a `CallCollector`.
struct ExpressionBinder {
  enum Mode {
    /// Plain row expressions: aggregates and window functions are errors.
    case row
    /// `aggregate` items: calls are lifted; other names must be group keys.
    case aggregate(CallCollector, rowSchema: Schema)
    /// `window` items: calls are lifted; names are the input's columns.
    case window(CallCollector)
  }

  /// What the outer expression's names resolve against.
  let schema: Schema
  let parameters: [String: Value]
  var mode: Mode = .row

  init(schema: Schema, parameters: [String: Value], mode: Mode = .row) {
    self.schema = schema
    self.parameters = parameters
    self.mode = mode
  }

  func bind(_ expr: Expr) throws(Diagnostic) -> BoundExpr {
    switch expr.kind {
    case .literal(let value):
      return BoundExpr(.literal(value), type: value.type ?? .int, span: expr.span)
    case .name(let name):
      return try bindName(name, span: expr.span)
    case .unary(let op, let operand):
      let bound = try bind(operand)
      switch op {
      case .negate:
        guard bound.type.isNumeric else {
          throw TypeErrors.operand("-", expected: "a number", found: bound)
        }
        return BoundExpr(.negate(bound), type: bound.type, span: expr.span)
      case .not:
        let condition = try TypeErrors.requireBool(bound, context: "`not`")
        return BoundExpr(.not(condition), type: .bool, span: expr.span)
      }
    case .binary(let op, let lhs, let rhs):
      return try bindBinary(op, lhs, rhs, span: expr.span)
    case .isNull(let operand, let negated):
      let bound = try bind(operand)
      return BoundExpr(.isNull(bound, negated: negated), type: .bool, span: expr.span)
    case .inList(let operand, let items, let negated):
      return try bindInList(operand, items, negated: negated, span: expr.span)
    case .caseWhen(let branches, let otherwise):
      return try bindCase(branches, otherwise: otherwise, span: expr.span)
    case .call(let function, let arguments):
      return try bindCall(function, arguments, span: expr.span)
    case .list:
      throw Diagnostic.error(
        "E209", "a list is not allowed here", at: expr.span,
        help: "lists go after `in` (`x in [1, 2]`) or in options such as `features: [a, b]`")
    case .dictionary:
      throw Diagnostic.error(
        "E209", "a `{name: value}` dictionary is not allowed here", at: expr.span,
        help: "dictionaries go in options, such as `types: {zip: \"string\"}`")
    }
  }

  // MARK: - Names

  private func bindName(_ name: String, span: SourceSpan) throws(Diagnostic) -> BoundExpr {
    if let index = schema.index(of: name) {
      return BoundExpr(.column(index), type: schema[index].type, span: span)
    }
    if let value = parameters[name] {
      return BoundExpr(.literal(value), type: value.type ?? .int, span: span)
    }
    if case .aggregate(_, let rowSchema) = mode, rowSchema.index(of: name) != nil {
      throw Diagnostic.error(
        "E215", "`\(name)` is neither a group key nor inside an aggregate", at: span,
        help: "aggregate it (for example `first(\(name))`) or add it to `by`")
    }
    throw UnknownName.column(name, span: span, among: schema.names)
  }

  // MARK: - Operators

  private func bindBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    var left = try bind(lhs)
    var right = try bind(rhs)
    switch op {
    case .and, .or:
      left = try TypeErrors.requireBool(left, context: "`\(op.rawValue)`")
      right = try TypeErrors.requireBool(right, context: "`\(op.rawValue)`")
      return BoundExpr(op == .and ? .and(left, right) : .or(left, right), type: .bool, span: span)
    case .concatenate:
      return concatenation(left, right, span: span)
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      (left, right) = try Coercion.comparable(left, right, op: op)
      return BoundExpr(.comparison(op, left, right), type: .bool, span: span)
    case .add, .subtract, .multiply, .divide, .integerDivide, .modulo:
      if op == .add, left.type == .string || right.type == .string {
        throw Diagnostic.error(
          "E202", "cannot add `\(left.type.rawValue)` and `\(right.type.rawValue)`", at: span,
          help: "join strings with `a || b` or `concat(a, b)`")
      }
      guard left.type.isNumeric || left.isNullLiteral, right.type.isNumeric || right.isNullLiteral
      else {
        throw Diagnostic.error(
          "E202",
          "cannot apply `\(op.rawValue)` to `\(left.type.rawValue)` and `\(right.type.rawValue)`",
          at: span,
          help: left.type.isTemporal || right.type.isTemporal
            ? "use `date_add`, `days_between` or `minutes_between` for dates and times" : nil)
      }
      let resultType: DataType
      switch op {
      case .divide: resultType = .double
      case .integerDivide: resultType = .int
      default: resultType = left.type == .double || right.type == .double ? .double : .int
      }
      return BoundExpr(.arithmetic(op, left, right), type: resultType, span: span)
    }
  }

  /// `a || b` as SQL means it: the two as text, joined; null when either is
  /// null (where `concat` skips nulls). Both sides are always evaluated.
  private func concatenation(_ lhs: BoundExpr, _ rhs: BoundExpr, span: SourceSpan) -> BoundExpr {
    BoundExpr(.arithmetic(.concatenate, asText(lhs), asText(rhs)), type: .string, span: span)
  }

  private func asText(_ expr: BoundExpr) -> BoundExpr {
    if expr.isNullLiteral { return Coercion.retype(expr, .string) }
    return expr.type == .string ? expr : Coercion.widen(expr, to: .string)
  }

  private func bindInList(_ operand: Expr, _ items: [Expr], negated: Bool, span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    var bound = try bind(operand)
    var constants: [(value: Value, span: SourceSpan)] = []
    for item in items {
      guard let value = try bind(item).constant else {
        throw Diagnostic.error(
          "E210", "`in` lists hold constants", at: item.span,
          help: "compare with columns using `==` and `or`")
      }
      constants.append((value, item.span))
    }
    // As in a comparison, a null literal takes the list's type, an int operand
    // meets a double constant as a double, and a date operand meets a
    // timestamp as a timestamp.
    if bound.isNullLiteral, let typed = constants.first(where: { $0.value.type != nil }) {
      let listType =
        constants.contains(where: { $0.value.type == .double }) ? .double : typed.value.type
      bound = Coercion.retype(bound, listType ?? bound.type)
    } else if bound.type == .int, constants.contains(where: { $0.value.type == .double }) {
      bound = Coercion.widen(bound, to: .double)
    } else if bound.type == .date, constants.contains(where: { $0.value.type == .timestamp }) {
      bound = Coercion.widen(bound, to: .timestamp)
    }
    var values: [Value] = []
    for (value, itemSpan) in constants {
      values.append(try Coercion.convertConstant(value, to: bound.type, span: itemSpan))
    }
    return BoundExpr(.inList(bound, values, negated: negated), type: .bool, span: span)
  }

  private func bindCase(_ branches: [CaseBranch], otherwise: Expr?, span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    var bound: [(condition: BoundExpr, result: BoundExpr)] = []
    for branch in branches {
      let condition = try TypeErrors.requireBool(try bind(branch.condition), context: "`when`")
      bound.append((condition, try bind(branch.result)))
    }
    var results = bound.map(\.result)
    if let otherwise { results.append(try bind(otherwise)) }
    let unified = try Coercion.unify(results, context: "the branches of `case`")
    for index in bound.indices { bound[index].result = unified[index] }
    let elseExpr = otherwise == nil ? nil : unified.last
    let type = unified.first?.type ?? .int
    return BoundExpr(.caseWhen(bound, otherwise: elseExpr), type: type, span: span)
  }

  // MARK: - Calls

  private func bindCall(_ name: String, _ arguments: [Expr], span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    if name == "cast" || name == "try_cast" {
      return try bindCast(arguments, lenient: name == "try_cast", span: span)
    }
    if let function = ScalarFunction(rawValue: name) {
      let bound = try arguments.map { (argument) throws(Diagnostic) in try bind(argument) }
      return try ScalarTyping.bind(function, bound, span: span)
    }
    if let aggregate = AggregateFunction(rawValue: name) {
      return try liftAggregate(aggregate, arguments, span: span)
    }
    if let window = WindowFunction(rawValue: name) {
      return try liftWindow(window, arguments, span: span)
    }
    throw UnknownName.function(name, span: span)
  }

  /// `cast(x, "type")`, or `try_cast`, which gives null where `cast` would fail.
  private func bindCast(_ arguments: [Expr], lenient: Bool, span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    let name = lenient ? "try_cast" : "cast"
    guard arguments.count == 2 else {
      throw TypeErrors.arity(
        name, expected: "2 arguments", got: arguments.count, span: span,
        signature: "\(name)(x, \"int\"|\"double\"|\"bool\"|\"string\"|\"date\"|\"timestamp\")")
    }
    let operand = try bind(arguments[0])
    guard case .literal(.string(let typeName)) = arguments[1].kind,
      let target = DataType(rawValue: typeName)
    else {
      throw Diagnostic.error(
        "E207", "the second argument of `\(name)` names a type", at: arguments[1].span,
        help: "one of \"int\", \"double\", \"bool\", \"string\", \"date\", \"timestamp\"")
    }
    guard Cast.converts(operand.type, to: target) else {
      throw Cast.unsupported(operand.type, target, span: span)
    }
    return BoundExpr(lenient ? .tryCast(operand) : .cast(operand), type: target, span: span)
  }

  /// The row-level binder used for the arguments of lifted calls.
  private var rowBinder: ExpressionBinder {
    switch mode {
    case .aggregate(_, let rowSchema):
      return ExpressionBinder(schema: rowSchema, parameters: parameters)
    case .window, .row:
      return ExpressionBinder(schema: schema, parameters: parameters)
    }
  }

  private func liftAggregate(_ function: AggregateFunction, _ arguments: [Expr], span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    let collector: CallCollector
    switch mode {
    case .aggregate(let c, _): collector = c
    case .window(let c): collector = c
    case .row:
      throw Diagnostic.error(
        "E205", "`\(function.rawValue)` is an aggregate and cannot be used here", at: span,
        help: "use it inside `aggregate`, `pivot` or `window`")
    }
    let call = try AggregateTyping.bind(function, arguments, binder: rowBinder, span: span)
    let column = collector.add(call)
    return BoundExpr(.column(column), type: call.type, span: span)
  }

  private func liftWindow(_ function: WindowFunction, _ arguments: [Expr], span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    guard case .window(let collector) = mode else {
      throw Diagnostic.error(
        "E206", "`\(function.rawValue)` is a window function and needs `window`", at: span,
        help: "write `window [by KEY] order KEY derive name = \(function.rawValue)(...)`")
    }
    let call = try AggregateTyping.bindWindow(function, arguments, binder: rowBinder, span: span)
    let column = collector.add(call)
    return BoundExpr(.column(column), type: call.type, span: span)
  }
}

extension BoundExpr {
  var isNullLiteral: Bool {
    if case .literal(.null) = kind { return true }
    return false
  }
}
