/// Arity and type rules of the scalar functions.
enum ScalarTyping {
  static let dateUnits = ["year", "quarter", "month", "week", "day", "hour", "minute", "second"]

  /// A constant format for `date(s, fmt)` must name at least one field: one
  /// with none (`""`, `"x"`) would read its one matching string as 1970-01-01
  /// instead of refusing the rest.
  private static func requireDateFields(_ format: BoundExpr) throws(Diagnostic) {
    guard case .literal(.string(let text)) = format.kind else { return }
    let bytes = Array(text.utf8)
    var index = 0
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "%") {
        if Array("YymdHMS".utf8).contains(bytes[index + 1]) { return }
        index += 2
      } else {
        index += 1
      }
    }
    throw Diagnostic.error(
      "E207", "the format \(JSONWriter.quoted(text)) of `date` has no fields", at: format.span,
      notes: ["the fields are %Y, %y, %m, %d, %H, %M and %S; %% is a percent sign"],
      help: "for example `date(s, \"%d/%m/%Y\")`")
  }

  static func bind(_ function: ScalarFunction, _ arguments: [BoundExpr], span: SourceSpan)
    throws(Diagnostic) -> BoundExpr
  {
    var args = arguments
    let name = function.rawValue
    func arity(_ range: ClosedRange<Int>) throws(Diagnostic) {
      guard range.contains(args.count) else {
        let expected =
          range.lowerBound == range.upperBound
          ? "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
          : range.upperBound == Int.max
            ? "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
            : "\(range.lowerBound) to \(range.upperBound) arguments"
        throw TypeErrors.arity(
          name, expected: expected, got: args.count, span: span, signature: function.signature)
      }
    }
    func require(_ index: Int, _ expected: String, _ test: (DataType) -> Bool) throws(Diagnostic) {
      let argument = args[index]
      if argument.isNullLiteral {
        // A null literal takes the first type the argument accepts, so the
        // kernel gets a column of the type it reads.
        if let type = DataType.allCases.first(where: test) {
          args[index] = Coercion.retype(argument, type)
        }
        return
      }
      guard test(argument.type) else {
        throw TypeErrors.argument(name, position: index + 1, expected: expected, found: argument)
      }
    }
    func unit(_ index: Int) throws(Diagnostic) {
      guard case .literal(.string(let text)) = args[index].kind, dateUnits.contains(text) else {
        throw Diagnostic.error(
          "E207", "argument \(index + 1) of `\(name)` must be a time unit", at: args[index].span,
          help: "one of " + dateUnits.map { "\"\($0)\"" }.joined(separator: ", "))
      }
    }
    func result(_ type: DataType) -> BoundExpr {
      BoundExpr(.call(function, args), type: type, span: span)
    }
    let isString: (DataType) -> Bool = { $0 == .string }
    let isNumber: (DataType) -> Bool = { $0.isNumeric }
    let isTime: (DataType) -> Bool = { $0.isTemporal }
    let isInt: (DataType) -> Bool = { $0 == .int }

    switch function {
    case .ifThenElse:
      try arity(3...3)
      args[0] = try TypeErrors.requireBool(args[0], context: "the condition of `if`")
      let unified = try Coercion.unify([args[1], args[2]], context: "the two results of `if`")
      args[1] = unified[0]
      args[2] = unified[1]
      return result(unified[0].isNullLiteral ? unified[1].type : unified[0].type)
    case .coalesce, .greatest, .least:
      try arity(1...Int.max)
      args = try Coercion.unify(args, context: "the arguments of `\(name)`")
      return result(args.first { !$0.isNullLiteral }?.type ?? .int)
    case .lower, .upper:
      try arity(1...1)
      try require(0, "a string", isString)
      return result(.string)
    case .trim, .ltrim, .rtrim:
      try arity(1...2)
      for index in args.indices { try require(index, "a string", isString) }
      return result(.string)
    case .lpad, .rpad:
      try arity(2...3)
      try require(0, "a string", isString)
      try require(1, "an int", isInt)
      if args.count == 3 { try require(2, "a string", isString) }
      return result(.string)
    case .concatWs:
      try arity(2...Int.max)
      try require(0, "a string", isString)
      return result(.string)
    case .splitPart:
      try arity(3...3)
      try require(0, "a string", isString)
      try require(1, "a string", isString)
      try require(2, "an int", isInt)
      return result(.string)
    case .like, .ilike, .regexpMatches:
      try arity(2...2)
      try require(0, "a string", isString)
      try require(1, "a pattern string", isString)
      _ = try CompiledPatterns(function, arguments: args)
      return result(.bool)
    case .regexpExtract:
      try arity(2...3)
      try require(0, "a string", isString)
      try require(1, "a pattern string", isString)
      if args.count == 3 { try require(2, "an int", isInt) }
      _ = try CompiledPatterns(function, arguments: args)
      return result(.string)
    case .regexpReplace:
      try arity(3...4)
      for index in args.indices { try require(index, "a string", isString) }
      _ = try CompiledPatterns(function, arguments: args)
      return result(.string)
    case .length:
      try arity(1...1)
      try require(0, "a string", isString)
      return result(.int)
    case .substr:
      try arity(2...3)
      try require(0, "a string", isString)
      try require(1, "an int", isInt)
      if args.count == 3 { try require(2, "an int", isInt) }
      return result(.string)
    case .concat:
      try arity(1...Int.max)
      return result(.string)
    case .replace:
      try arity(3...3)
      for index in 0..<3 { try require(index, "a string", isString) }
      return result(.string)
    case .contains, .startsWith, .endsWith:
      try arity(2...2)
      try require(0, "a string", isString)
      try require(1, "a string", isString)
      return result(.bool)
    case .date, .tryDate:
      try arity(1...2)
      if args.count == 2 {
        try require(0, "a string", isString)
        try require(1, "a format string", isString)
        try requireDateFields(args[1])
      } else {
        try require(0, "a string, date or timestamp", { $0 == .string || $0.isTemporal })
      }
      return try foldConstant(result(.date))
    case .timestamp:
      try arity(1...1)
      try require(0, "a string, date or timestamp", { $0 == .string || $0.isTemporal })
      return try foldConstant(result(.timestamp))
    case .year, .month, .day, .weekday:
      try arity(1...1)
      try require(0, "a date or timestamp", isTime)
      return result(.int)
    case .hour:
      try arity(1...1)
      try require(0, "a timestamp", isTime)
      return result(.int)
    case .dateTrunc:
      try arity(2...2)
      try unit(0)
      try require(1, "a date or timestamp", isTime)
      return result(args[1].type)
    case .dateAdd:
      try arity(3...3)
      try require(0, "a date or timestamp", isTime)
      try require(1, "an int", isInt)
      try unit(2)
      if args[0].type == .date, case .literal(.string(let unit)) = args[2].kind,
        ["hour", "minute", "second"].contains(unit)
      {
        return result(.timestamp)
      }
      return result(args[0].isNullLiteral ? .timestamp : args[0].type)
    case .daysBetween, .hoursBetween, .minutesBetween:
      try arity(2...2)
      try require(0, "a date or timestamp", isTime)
      try require(1, "a date or timestamp", isTime)
      return result(.int)
    case .abs:
      try arity(1...1)
      try require(0, "a number", isNumber)
      return result(args[0].type)
    case .round:
      try arity(1...2)
      try require(0, "a number", isNumber)
      if args.count == 2 { try require(1, "an int", isInt) }
      return result(args[0].type == .int ? .int : .double)
    case .floor, .ceil:
      try arity(1...1)
      try require(0, "a number", isNumber)
      return result(args[0].type == .int ? .int : .double)
    case .pow:
      try arity(2...2)
      try require(0, "a number", isNumber)
      try require(1, "a number", isNumber)
      return result(.double)
    case .sqrt, .exp, .log, .ln, .log10:
      try arity(1...1)
      try require(0, "a number", isNumber)
      return result(.double)
    }
  }

  /// `date("2024-01-01")` is a constant: parse it now, so a bad date is a
  /// planning error pointing at the text, not a runtime failure.
  private static func foldConstant(_ call: BoundExpr) throws(Diagnostic) -> BoundExpr {
    guard case .call(_, let args) = call.kind, args.count == 1,
      case .literal(let value) = args[0].kind
    else { return call }
    if case .timestamp(let micros) = value, call.type == .date {
      return BoundExpr(
        .literal(.date(CivilTime.day(ofMicros: micros))), type: .date, span: call.span)
    }
    // Like `date(s)` over a column: a timestamp's text gives its day.
    if case .string(let text) = value, call.type == .date,
      CivilTime.parseDate(Substring(text)) == nil,
      let micros = CivilTime.parseTimestamp(Substring(text))
    {
      return BoundExpr(
        .literal(.date(CivilTime.day(ofMicros: micros))), type: .date, span: call.span)
    }
    let folded: Value
    do throws(Diagnostic) {
      folded = try Coercion.convertConstant(value, to: call.type, span: args[0].span)
    } catch {
      // `try_date("x")` is null where `date("x")` is an error.
      guard case .call(.tryDate, _) = call.kind else { throw error }
      folded = .null
    }
    return BoundExpr(.literal(folded), type: call.type, span: call.span)
  }
}
