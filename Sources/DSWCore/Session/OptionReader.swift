/// Reads a statement's `(name: value, ...)` options, checking names and types.
struct OptionReader {
  let context: String
  private var values: [String: (value: Value, option: Option)] = [:]

  /// Evaluates every option (constants and parameters) and rejects unknown names.
  init(_ options: [Option], valid: [String], context: String, parameters: [String: Value])
    throws(Diagnostic)
  {
    self.context = context
    let binder = ExpressionBinder(schema: Schema([]), parameters: parameters)
    for option in options {
      guard valid.contains(option.name.text) else {
        throw OptionErrors.unknown(option.name, valid: valid, context: context)
      }
      if values[option.name.text] != nil {
        throw Diagnostic.error(
          "E231", "the option `\(option.name.text)` is given twice", at: option.name.span)
      }
      let bound = try binder.bind(option.value)
      let one = Table(names: [], columns: [], rowCount: 1)
      let value = try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0)
      values[option.name.text] = (value, option)
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
}
