/// Arity and type rules of aggregate and window functions.
enum AggregateTyping {
  static func bind(
    _ function: AggregateFunction, _ arguments: [Expr], binder: ExpressionBinder, span: SourceSpan
  ) throws(Diagnostic) -> CollectedCall {
    let name = function.rawValue
    func arity(_ count: Int) throws(Diagnostic) {
      guard arguments.count == count else {
        throw TypeErrors.arity(
          name, expected: "\(count) argument\(count == 1 ? "" : "s")", got: arguments.count,
          span: span, signature: function.signature)
      }
    }
    func call(_ args: [BoundExpr], _ type: DataType, parameter: Double? = nil) -> CollectedCall {
      CollectedCall(
        function: .aggregate(function), arguments: args, parameter: parameter, type: type,
        span: span)
    }
    func numeric(_ expr: BoundExpr) throws(Diagnostic) {
      guard expr.type.isNumeric || expr.type == .bool || expr.isNullLiteral else {
        throw TypeErrors.argument(name, position: 1, expected: "a number", found: expr)
      }
    }

    switch function {
    case .count:
      if arguments.isEmpty { return call([], .int) }
      try arity(1)
      return call([try binder.bind(arguments[0])], .int)
    case .countDistinct:
      try arity(1)
      return call([try binder.bind(arguments[0])], .int)
    case .countIf:
      try arity(1)
      let condition = try TypeErrors.requireBool(
        try binder.bind(arguments[0]), context: "`count_if`")
      return call([condition], .int)
    case .sum:
      try arity(1)
      let argument = try binder.bind(arguments[0])
      try numeric(argument)
      return call([argument], argument.type == .double ? .double : .int)
    case .mean, .avg, .median, .stddev, .variance:
      try arity(1)
      let argument = try binder.bind(arguments[0])
      try numeric(argument)
      return call([argument], .double)
    case .quantile:
      try arity(2)
      let argument = try binder.bind(arguments[0])
      try numeric(argument)
      let q = try binder.bind(arguments[1])
      guard let level = q.constant?.doubleValue, (0...1).contains(level) else {
        throw Diagnostic.error(
          "E207", "the second argument of `quantile` must be a constant between 0 and 1",
          at: q.span)
      }
      return call([argument], .double, parameter: level)
    case .corr:
      try arity(2)
      let x = try binder.bind(arguments[0])
      let y = try binder.bind(arguments[1])
      try numeric(x)
      guard y.type.isNumeric || y.type == .bool else {
        throw TypeErrors.argument(name, position: 2, expected: "a number", found: y)
      }
      return call([x, y], .double)
    case .min, .max, .first, .last:
      try arity(1)
      let argument = try binder.bind(arguments[0])
      return call([argument], argument.type)
    }
  }

  static func bindWindow(
    _ function: WindowFunction, _ arguments: [Expr], binder: ExpressionBinder, span: SourceSpan
  ) throws(Diagnostic) -> CollectedCall {
    let name = function.rawValue
    func arity(_ range: ClosedRange<Int>, _ signature: String) throws(Diagnostic) {
      guard range.contains(arguments.count) else {
        let expected =
          range.lowerBound == range.upperBound
          ? "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
          : "\(range.lowerBound) or \(range.upperBound) arguments"
        throw TypeErrors.arity(
          name, expected: expected, got: arguments.count, span: span, signature: signature)
      }
    }
    func call(_ args: [BoundExpr], _ type: DataType, parameter: Double? = nil) -> CollectedCall {
      CollectedCall(
        function: .window(function), arguments: args, parameter: parameter, type: type, span: span)
    }
    func positiveConstant(_ expr: Expr, allowZero: Bool) throws(Diagnostic) -> Double {
      let bound = try binder.bind(expr)
      guard case .literal(.int(let value)) = bound.kind, value > 0 || (allowZero && value == 0)
      else {
        throw Diagnostic.error(
          "E207", "the count in `\(name)` must be a positive integer constant", at: expr.span)
      }
      // No table has more rows than Int32 indexes: larger counts act the same.
      return Double(min(value, Int64(Int32.max)))
    }

    switch function {
    case .rowNumber, .rank, .denseRank, .runningCount:
      try arity(0...0, "\(name)()")
      return call([], .int)
    case .ntile:
      try arity(1...1, "ntile(n)")
      return call([], .int, parameter: try positiveConstant(arguments[0], allowZero: false))
    case .lag, .lead:
      try arity(1...2, "\(name)(x [, n])")
      let value = try binder.bind(arguments[0])
      let offset = arguments.count == 2 ? try positiveConstant(arguments[1], allowZero: true) : 1
      return call([value], value.type, parameter: offset)
    case .runningSum, .runningMean:
      try arity(1...1, "\(name)(x)")
      let value = try binder.bind(arguments[0])
      guard value.type.isNumeric || value.type == .bool else {
        throw TypeErrors.argument(name, position: 1, expected: "a number", found: value)
      }
      let type: DataType =
        function == .runningMean ? .double : (value.type == .double ? .double : .int)
      return call([value], type)
    }
  }
}
