import Foundation

extension ExpressionWriter {
  /// Whitespace as dsw's `trim` strips it: tab, the line breaks and every
  /// Unicode space separator.
  static let blanks =
    "U&'\\0009\\000A\\000B\\000C\\000D\\0020\\0085\\00A0\\1680\\2000\\2001\\2002\\2003\\2004\\2005\\2006\\2007\\2008\\2009\\200A\\2028\\2029\\202F\\205F\\3000'"

  func call(_ function: ScalarFunction, _ arguments: [BoundExpr], type: DataType)
    throws(SQLUnsupported) -> SQLFragment
  {
    var args: [SQLFragment] = []
    for argument in arguments { args.append(try write(argument)) }
    func call(_ name: String, _ parts: [String], _ resultType: DataType = type) -> SQLFragment {
      SQLFragment("\(name)(\(parts.joined(separator: ", ")))", type: resultType)
    }
    func literalText(_ index: Int) -> String? {
      if case .literal(.string(let text)) = arguments[index].kind { return text }
      return nil
    }
    switch function {
    case .ifThenElse:
      return SQLFragment(
        "CASE WHEN \(args[0].text) THEN \(args[1].text) ELSE \(args[2].text) END", type: type)
    case .coalesce:
      return call("COALESCE", args.map(\.text))
    case .greatest, .least:
      let name = function == .greatest ? "GREATEST" : "LEAST"
      let parts = args.map { $0.type == .string ? $0.operand + " COLLATE \"C\"" : $0.text }
      return call(name, parts)
    case .lower, .upper:
      return call(function.rawValue, [args[0].text])
    case .trim, .ltrim, .rtrim:
      let name = function == .trim ? "btrim" : function.rawValue
      return call(name, [args[0].text, args.count == 2 ? args[1].text : Self.blanks])
    case .length:
      return SQLFragment("CAST(char_length(\(args[0].text)) AS bigint)", type: .int)
    case .substr:
      let start = int32(args[1])
      guard args.count == 3 else { return call("substr", [args[0].text, start]) }
      // A negative length gives "" in dsw and an error in PostgreSQL.
      let count = int32(
        SQLFragment(
          "CASE WHEN \(args[2].operand) < 0 THEN 0 ELSE \(args[2].text) END", type: .int),
        clampBelow: false)
      return call("substr", [args[0].text, start, count])
    case .lpad, .rpad:
      let length = int32(args[1])
      return call(
        function.rawValue, [args[0].text, length] + (args.count == 3 ? [args[2].text] : []))
    case .concat:
      return call("concat", args.map { text($0).text })
    case .concatWs:
      return call("concat_ws", [args[0].text] + args.dropFirst().map { text($0).text })
    case .splitPart:
      let n = args[2]
      if case .literal(.int(let value)) = arguments[2].kind, value != 0 {
        return call("split_part", [args[0].text, args[1].text, int32(n)])
      }
      return SQLFragment(
        "CASE WHEN \(n.operand) = 0 THEN '' ELSE split_part(\(args[0].text), \(args[1].text), \(int32(n))) END",
        type: .string)
    case .replace:
      return call("replace", args.map(\.text))
    case .contains:
      return .predicate("strpos(\(args[0].text), \(args[1].text)) > 0")
    case .startsWith:
      return call("starts_with", [args[0].text, args[1].text])
    case .endsWith:
      return .predicate(
        "right(\(args[0].text), char_length(\(args[1].text))) = \(args[1].operand)")
    case .like, .ilike:
      let word = function == .like ? "LIKE" : "ILIKE"
      return .predicate("\(args[0].operand) \(word) \(args[1].operand)")
    case .regexpMatches, .regexpExtract, .regexpReplace:
      return try regexCall(function, arguments, args)
    case .date, .tryDate:
      return try dateOf(arguments, args, lenient: function == .tryDate)
    case .timestamp:
      switch args[0].type {
      case .string:
        return guarded(
          args[0], pattern: Self.timestampPattern, to: .timestamp,
          read: "CAST(CAST(btrim(\(args[0].text)) AS timestamptz) AS timestamp)", lenient: false)
      default: return try cast(args[0], to: .timestamp, lenient: false)
      }
    case .year, .month, .day, .hour, .weekday:
      let field =
        switch function {
        case .weekday: "ISODOW"
        default: function.rawValue.uppercased()
        }
      return SQLFragment("CAST(EXTRACT(\(field) FROM \(args[0].text)) AS bigint)", type: .int)
    case .dateTrunc:
      guard let unit = literalText(0) else { throw SQLUnsupported("a unit that is not a constant") }
      if args[1].type == .date {
        if ["hour", "minute", "second"].contains(unit) { return args[1] }
        return SQLFragment(
          "CAST(date_trunc('\(unit)', CAST(\(args[1].text) AS timestamp)) AS date)", type: .date)
      }
      return call("date_trunc", ["'\(unit)'", args[1].text])
    case .dateAdd:
      return try dateAdd(arguments, args, type: type)
    case .daysBetween:
      let a = try cast(args[0], to: .date, lenient: false)
      let b = try cast(args[1], to: .date, lenient: false)
      return SQLFragment("CAST(\(b.operand) - \(a.operand) AS bigint)", type: .int)
    case .hoursBetween, .minutesBetween:
      let a = try cast(args[0], to: .timestamp, lenient: false)
      let b = try cast(args[1], to: .timestamp, lenient: false)
      let size = function == .hoursBetween ? 3600 : 60
      return SQLFragment(
        "CAST(trunc((EXTRACT(EPOCH FROM \(b.text)) - EXTRACT(EPOCH FROM \(a.text))) / \(size)) AS bigint)",
        type: .int)
    case .abs:
      return finite(call("abs", [args[0].text]), type)
    case .floor, .ceil:
      if args[0].type == .int { return args[0] }
      return finite(call(function.rawValue, [args[0].text]), type)
    case .round:
      return try round(arguments, args, type: type)
    case .pow:
      let x = try double(arguments[0]).operand
      // PostgreSQL raises where the result is not real; dsw gives null.
      guard let exponent = dialect.bareDouble(arguments[1]),
        let value = arguments[1].constant?.doubleValue
      else {
        let y = try double(arguments[1]).operand
        return finite(
          SQLFragment(
            "CASE WHEN (\(x) < 0 AND \(y) <> trunc(\(y))) OR (\(x) = 0 AND \(y) < 0) THEN NULL ELSE power(\(x), \(y)) END",
            type: .double), .double)
      }
      var refused: [String] = []
      if value != value.rounded(.towardZero) { refused.append("\(x) < 0") }
      if value < 0 { refused.append("\(x) = 0") }
      let power = "power(\(x), \(exponent.text))"
      if refused.isEmpty { return finite(SQLFragment(power, type: .double), .double) }
      return finite(
        SQLFragment(
          "CASE WHEN \(refused.joined(separator: " OR ")) THEN NULL ELSE \(power) END",
          type: .double), .double)
    case .sqrt:
      let x = try double(arguments[0]).operand
      return finite(SQLFragment("CASE WHEN \(x) >= 0 THEN sqrt(\(x)) END", type: .double), .double)
    case .exp:
      let x = try double(arguments[0]).operand
      // PostgreSQL raises on overflow and underflow where IEEE gives ∞ and 0.
      return finite(
        SQLFragment(
          "CASE WHEN \(x) > 709.782712893384 THEN NULL WHEN \(x) < -745.2 THEN 0 ELSE exp(\(x)) END",
          type: .double), .double)
    case .log, .ln, .log10:
      let x = try double(arguments[0]).operand
      let name = function == .log10 ? "log" : "ln"
      return finite(
        SQLFragment("CASE WHEN \(x) > 0 THEN \(name)(\(x)) END", type: .double), .double)
    }
  }

  /// An int argument where PostgreSQL takes a 32-bit `integer`: literals as
  /// they are, columns clamped (dsw saturates at the int limits).
  func int32(_ fragment: SQLFragment, clampBelow: Bool = true) -> String {
    if let number = Int64(fragment.text) {
      return String(min(max(number, Int64(Int32.min)), Int64(Int32.max)))
    }
    // A CASE, not GREATEST and LEAST, which would turn a null into a limit.
    let x = fragment.operand
    let low = clampBelow ? " WHEN \(x) < -2147483648 THEN -2147483648" : ""
    return
      "CAST(CASE WHEN \(x) > 2147483647 THEN 2147483647\(low) ELSE \(fragment.text) END AS integer)"
  }

  private func round(_ arguments: [BoundExpr], _ args: [SQLFragment], type: DataType)
    throws(SQLUnsupported) -> SQLFragment
  {
    var digits: Int64 = 0
    if args.count == 2 {
      guard case .literal(.int(let value)) = arguments[1].kind else {
        throw SQLUnsupported("`round` with a number of digits that is not a constant")
      }
      digits = value
    }
    if args[0].type == .int {
      guard digits < 0 else { return args[0] }
      guard digits > -19 else {
        return SQLFragment("CASE WHEN \(args[0].operand) IS NULL THEN NULL ELSE 0 END", type: .int)
      }
      var scale: Int64 = 1
      for _ in 0..<(-digits) { scale *= 10 }
      let x = args[0].operand
      return SQLFragment(
        "CASE WHEN abs(\(x) % \(scale)) * 2 < \(scale) THEN \(x) - \(x) % \(scale) WHEN \(x) < 0 THEN \(x) - \(x) % \(scale) - \(scale) ELSE \(x) - \(x) % \(scale) + \(scale) END",
        type: .int)
    }
    // As dsw: scale, round half away from zero, scale back; more digits
    // than a double holds change nothing, and fewer give 0.
    let scale = Foundation.pow(10, Double(digits))
    if digits == 0 { return finite(roundHalfAway(args[0]), .double) }
    if !scale.isFinite { return finite(args[0], .double) }
    if scale == 0 {
      return finite(
        SQLFragment(
          "CASE WHEN \(args[0].operand) IS NULL THEN NULL ELSE \(args[0].operand) * 0 END",
          type: .double), .double)
    }
    let scaled = SQLFragment(
      "\(args[0].operand) * \(String(scale))", type: .double, isAtomic: false)
    // Where scaling would overflow (an error in PostgreSQL), dsw keeps the value.
    let limit = Double.greatestFiniteMagnitude / scale
    guard limit.isFinite else {
      return finite(
        SQLFragment(
          "(\(roundHalfAway(scaled).text)) / \(String(scale))", type: .double, isAtomic: false),
        .double)
    }
    return finite(
      SQLFragment(
        "CASE WHEN abs(\(args[0].text)) > \(String(limit)) THEN \(args[0].text) ELSE (\(roundHalfAway(scaled).text)) / \(String(scale)) END",
        type: .double), .double)
  }

  private func dateOf(_ arguments: [BoundExpr], _ args: [SQLFragment], lenient: Bool)
    throws(SQLUnsupported) -> SQLFragment
  {
    guard args.count == 1 else {
      throw SQLUnsupported(
        "`date` with a format: PostgreSQL's `to_date` accepts text that dsw's format refuses")
    }
    switch args[0].type {
    case .string:
      return guarded(
        args[0], pattern: Self.timestampPattern, to: .date,
        read: "CAST(CAST(btrim(\(args[0].text)) AS timestamptz) AS date)", lenient: lenient)
    default:
      return try cast(args[0], to: .date, lenient: lenient)
    }
  }

  private func dateAdd(_ arguments: [BoundExpr], _ args: [SQLFragment], type: DataType)
    throws(SQLUnsupported) -> SQLFragment
  {
    guard case .literal(.string(let unit)) = arguments[2].kind else {
      throw SQLUnsupported("a unit that is not a constant")
    }
    let n = args[1]
    let base =
      type == .timestamp && args[0].type == .date
      ? try cast(args[0], to: .timestamp, lenient: false) : args[0]
    if base.type == .date, ["day", "week"].contains(unit) {
      let days = unit == "week" ? "\(n.operand) * 7" : n.text
      return SQLFragment(
        "\(base.operand) + CAST(\(days) AS integer)", type: .date, isAtomic: false)
    }
    let interval: String
    switch unit {
    case "year", "quarter", "month":
      let months =
        unit == "year" ? "\(n.operand) * 12" : unit == "quarter" ? "\(n.operand) * 3" : n.text
      interval = "make_interval(months => \(int32(SQLFragment(months, type: .int))))"
    case "week": interval = "\(n.operand) * INTERVAL '7 days'"
    default: interval = "\(n.operand) * INTERVAL '1 \(unit)'"
    }
    let sum = "\(base.operand) + \(interval)"
    if type == .date {
      return SQLFragment("CAST(\(sum) AS date)", type: .date)
    }
    return SQLFragment(sum, type: .timestamp, isAtomic: false)
  }
}
