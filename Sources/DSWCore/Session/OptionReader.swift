/// Reads a statement's `(name: value, ...)` options, checking names and types.
struct OptionReader {
  let context: String
  private var values: [String: (value: Value, option: Option)] = [:]
  private let parameters: [String: Value]

  /// Evaluates every option (constants and parameters) and rejects unknown names.
  /// The parser has already refused an option given twice (E114).
  init(_ options: [Option], valid: [String], context: String, parameters: [String: Value])
    throws(Diagnostic)
  {
    self.context = context
    self.parameters = parameters
    let binder = ExpressionBinder(schema: Schema([]), parameters: parameters)
    for option in options {
      guard valid.contains(option.name.text) else {
        throw OptionErrors.unknown(option.name, valid: valid, context: context)
      }
      switch option.value.kind {
      case .list, .dictionary:
        // Read by `list`, `names` and `dictionary`, which know their items' types.
        values[option.name.text] = (.null, option)
      default:
        let bound = try binder.bind(option.value)
        let one = Table(names: [], columns: [], rowCount: 1)
        let value = try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0)
        values[option.name.text] = (value, option)
      }
    }
  }

  func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(Diagnostic) -> Int
  {
    guard let entry = values[name] else { return fallback }
    guard case .int(let number) = entry.value, range.contains(Int(clamping: number)) else {
      throw Diagnostic.error(
        "E232",
        "`\(name)` must be a whole number from \(range.lowerBound.formatted) to \(range.upperBound.formatted)",
        at: entry.option.value.span)
    }
    return Int(number)
  }

  func bool(_ name: String, default fallback: Bool) throws(Diagnostic) -> Bool {
    guard let entry = values[name] else { return fallback }
    guard case .bool(let flag) = entry.value else {
      throw Diagnostic.error("E232", "`\(name)` must be true or false", at: entry.option.value.span)
    }
    return flag
  }

  func string(_ name: String, allowed: [String]? = nil) throws(Diagnostic) -> String? {
    guard let entry = values[name] else { return nil }
    guard case .string(let text) = entry.value else {
      throw Diagnostic.error("E232", "`\(name)` must be a string", at: entry.option.value.span)
    }
    if let allowed, !allowed.contains(text) {
      throw Diagnostic.error(
        "E232", "`\(name)` must be one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "),
        at: entry.option.value.span, help: UnknownName.suggestion(text, allowed))
    }
    return text
  }

  func date(_ name: String, default fallback: Int64) throws(Diagnostic) -> Int64 {
    guard let entry = values[name] else { return fallback }
    switch entry.value {
    case .date(let days): return days
    case .string(let text):
      if let days = CivilTime.parseDate(Substring(text)) { return days }
    default: break
    }
    throw Diagnostic.error(
      "E232", "`\(name)` must be a date, such as date(\"2024-01-01\")", at: entry.option.value.span)
  }

  func span(of name: String) -> SourceSpan? { values[name]?.option.value.span }

  /// Whether the option was given at all.
  func has(_ name: String) -> Bool { values[name] != nil }

  /// The constant value of an option, unchecked, for a format to check.
  func value(_ name: String) -> Value? { values[name]?.value }

  /// The value of an option, for options given as a list or a dictionary.
  func expression(_ name: String) -> Expr? { values[name]?.option.value }

  /// A list of strings, such as `["NA", "N/A"]`; a single string is a list of one.
  func strings(_ name: String) throws(Diagnostic) -> [String]? {
    guard let entry = values[name] else { return nil }
    return try strings(entry.option.value, what: "`\(name)`")
  }

  /// The strings of a string or a list of strings; `what` names it in errors.
  func strings(_ expr: Expr, what: String) throws(Diagnostic) -> [String] {
    let items: [Expr]
    if case .list(let list) = expr.kind { items = list } else { items = [expr] }
    var texts: [String] = []
    for item in items {
      guard case .string(let text) = try constant(item) else {
        throw Diagnostic.error(
          "E232", "\(what) must be a string or a list of strings, such as [\"NA\", \"-\"]",
          at: item.span)
      }
      texts.append(text)
    }
    return texts
  }

  /// Column names, such as `[a, b]` (bare or quoted names).
  func names(_ name: String) throws(Diagnostic) -> [Name]? {
    guard let entry = values[name] else { return nil }
    guard case .list(let items) = entry.option.value.kind else {
      throw Diagnostic.error(
        "E232", "`\(name)` must be a list of column names, such as [id, zip]",
        at: entry.option.value.span)
    }
    var names: [Name] = []
    for item in items {
      switch item.kind {
      case .name(let text), .literal(.string(let text)): names.append(Name(text, span: item.span))
      default:
        throw Diagnostic.error(
          "E232", "`\(name)` must be a list of column names, such as [id, zip]", at: item.span)
      }
    }
    return names
  }

  /// The entries of a `{name: value}` option.
  func dictionary(_ name: String, example: String) throws(Diagnostic) -> [Option]? {
    guard let entry = values[name] else { return nil }
    guard case .dictionary(let entries) = entry.option.value.kind else {
      throw Diagnostic.error(
        "E232", "`\(name)` must be a dictionary, such as \(example)", at: entry.option.value.span)
    }
    return entries
  }

  /// The value of a constant expression (literals, parameters, arithmetic).
  func constant(_ expr: Expr) throws(Diagnostic) -> Value {
    if case .list = expr.kind { return .null }
    if case .dictionary = expr.kind { return .null }
    let bound = try ExpressionBinder(schema: Schema([]), parameters: parameters).bind(expr)
    let one = Table(names: [], columns: [], rowCount: 1)
    return try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0)
  }
}
