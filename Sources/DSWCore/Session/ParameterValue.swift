/// Converts `-p NAME=VALUE` text to the type the `param` statement declared.
public enum ParameterValue {
  /// The value a `param NAME = EXPR` declares: a constant, or one computed
  /// from constants and earlier parameters.
  static func evaluate(_ expr: Expr, parameters: [String: Value]) throws(Diagnostic) -> Value {
    let binder = ExpressionBinder(schema: Schema([]), parameters: parameters)
    let bound = try binder.bind(expr)
    let one = Table(names: [], columns: [], rowCount: 1)
    return try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0)
  }

  public static func convert(_ text: String, like declared: Value, name: String, span: SourceSpan)
    throws(Diagnostic) -> Value
  {
    let converted: Value?
    switch declared {
    case .int: converted = Int64(text).map(Value.int)
    case .double: converted = Double(text).map(Value.double)
    case .bool:
      converted = text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
    case .date: converted = CivilTime.parseDate(Substring(text)).map(Value.date)
    case .timestamp: converted = CivilTime.parseTimestamp(Substring(text)).map(Value.timestamp)
    case .string, .null: converted = .string(text)
    }
    guard let converted else {
      let type = declared.type?.rawValue ?? "string"
      throw Diagnostic.error(
        "P001", "-p \(name)=\(text): `\(name)` is \(article(type)) \(type), and \"\(text)\" is not",
        at: span, help: example(type).map { "for example -p \(name)=\($0)" })
    }
    return converted
  }

  private static func article(_ type: String) -> String {
    type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
  }

  private static func example(_ type: String) -> String? {
    switch type {
    case "int": "500"
    case "double": "0.5"
    case "bool": "true"
    case "date": "2024-03-01"
    case "timestamp": "2024-03-01T12:00:00Z"
    default: nil
    }
  }
}
