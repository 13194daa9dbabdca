extension ExpressionWriter {
  /// Text that dsw's date and timestamp parsers accept: `YYYY-MM-DD`, then
  /// optionally a time, fractions and a `Z` or `±HH:MM` offset.
  static let timestampPattern =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
  static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
  static let intPattern = "^[+-]?[0-9]+$"
  static let doublePattern =
    "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$|^[+-]?(nan|inf|infinity)$"

  /// A value that does not convert: an error naming it, as dsw's E302 does
  /// (PostgreSQL reports the text it could not read), or null for `try_cast`.
  func failure(_ text: SQLFragment, _ type: DataType, lenient: Bool) -> String {
    if lenient { return "NULL" }
    return
      "CAST('cannot convert to \(type.rawValue): ' || \(text.operand) AS \(dialect.typeName(type)))"
  }

  /// A string checked against `pattern` before PostgreSQL reads it, since
  /// its input functions accept forms dsw refuses.
  func guarded(
    _ text: SQLFragment, pattern: String, caseInsensitive: Bool = false, to type: DataType,
    read: String, lenient: Bool
  ) -> SQLFragment {
    let trimmed = "btrim(\(text.text))"
    let match = caseInsensitive ? "~*" : "~"
    var condition = "\(trimmed) \(match) \(dialect.string(pattern))"
    if lenient, type == .date || type == .timestamp {
      // PostgreSQL raises on a day the month lacks; `try_` gives null.
      let day = "CAST(substr(\(trimmed), 9, 2) AS integer)"
      let month = "CAST(substr(\(trimmed), 6, 2) AS integer)"
      let monthStart = "CAST(substr(\(trimmed), 1, 7) || '-01' AS date)"
      condition =
        "CASE WHEN \(condition) AND \(month) BETWEEN 1 AND 12 THEN \(day) BETWEEN 1 AND EXTRACT(DAY FROM \(monthStart) + INTERVAL '1 month' - INTERVAL '1 day') END"
    }
    return SQLFragment(
      "CASE WHEN \(condition) THEN \(read) ELSE \(failure(text, type, lenient: lenient)) END",
      type: type)
  }

  func cast(_ inner: SQLFragment, to target: DataType, lenient: Bool) throws(SQLUnsupported)
    -> SQLFragment
  {
    let source = inner.type
    if source == target { return inner }
    let name = dialect.typeName(target)
    func plain() -> SQLFragment { SQLFragment("CAST(\(inner.text) AS \(name))", type: target) }
    switch (source, target) {
    case (_, .string):
      return text(inner)
    case (.int, .double), (.date, .timestamp), (.timestamp, .date):
      return plain()
    case (.bool, .int), (.bool, .double):
      return SQLFragment("CAST(CAST(\(inner.text) AS integer) AS \(name))", type: target)
    case (.int, .bool), (.double, .bool):
      return .predicate("\(inner.operand) <> 0")
    case (.double, .int):
      // Half away from zero, exactly: the fraction of a double is exact.
      let rounded = roundHalfAway(inner)
      if lenient {
        return SQLFragment(
          "CASE WHEN \(inner.operand) BETWEEN -9223372036854775808 AND 9223372036854774784 THEN CAST(\(rounded.text) AS bigint) END",
          type: .int)
      }
      return SQLFragment("CAST(\(rounded.text) AS bigint)", type: .int)
    case (.date, .int):
      return SQLFragment("CAST(\(inner.operand) - DATE '1970-01-01' AS bigint)", type: .int)
    case (.timestamp, .int):
      return SQLFragment(
        "CAST(EXTRACT(EPOCH FROM \(inner.text)) * 1000000 AS bigint)", type: .int)
    case (.int, .date):
      // dsw's dates lie within ±100,000,000 days of 1970.
      let x = inner.operand
      return SQLFragment(
        "CASE WHEN \(x) BETWEEN -100000000 AND 100000000 THEN DATE '1970-01-01' + CAST(\(x) AS integer) ELSE \(failure(inner, .date, lenient: lenient)) END",
        type: .date)
    case (.int, .timestamp):
      let x = inner.operand
      return SQLFragment(
        "CASE WHEN \(x) BETWEEN -8640000000000000000 AND 8640000000000000000 THEN TIMESTAMP '1970-01-01' + \(x) / 86400000000 * INTERVAL '1 day' + \(x) % 86400000000 * INTERVAL '1 microsecond' ELSE \(failure(inner, .timestamp, lenient: lenient)) END",
        type: .timestamp)
    case (.string, .int):
      return guarded(
        inner, pattern: Self.intPattern, to: .int, read: "CAST(btrim(\(inner.text)) AS bigint)",
        lenient: lenient)
    case (.string, .double):
      return guarded(
        inner, pattern: Self.doublePattern, caseInsensitive: true, to: .double,
        read: "CAST(btrim(\(inner.text)) AS double precision)", lenient: lenient)
    case (.string, .bool):
      let word = "lower(btrim(\(inner.text)))"
      return SQLFragment(
        "CASE WHEN \(word) IN ('true', 't', 'yes', '1') THEN TRUE WHEN \(word) IN ('false', 'f', 'no', '0') THEN FALSE ELSE \(failure(inner, .bool, lenient: lenient)) END",
        type: .bool)
    case (.string, .date):
      return guarded(
        inner, pattern: Self.datePattern, to: .date, read: "CAST(btrim(\(inner.text)) AS date)",
        lenient: lenient)
    case (.string, .timestamp):
      return guarded(
        inner, pattern: Self.timestampPattern, to: .timestamp,
        read: "CAST(CAST(btrim(\(inner.text)) AS timestamptz) AS timestamp)", lenient: lenient)
    default:
      throw SQLUnsupported("a cast from \(source.rawValue) to \(target.rawValue)")
    }
  }

  /// `round` of a double, half away from zero (PostgreSQL's `round` of a
  /// double rounds half to even).
  func roundHalfAway(_ value: SQLFragment) -> SQLFragment {
    // trunc(2 × fraction) is 1 or -1 exactly when the fraction reaches ±0.5,
    // and every step is exact in binary floating point.
    let x = value.operand
    return SQLFragment(
      "trunc(\(x)) + trunc(2 * (\(x) - trunc(\(x))))", type: .double, isAtomic: false)
  }

  /// dsw's plain text of a value, as `cast(x, "string")` and `concat` write it.
  func text(_ value: SQLFragment) -> SQLFragment {
    switch value.type {
    case .string:
      return value
    case .int, .bool:
      return SQLFragment("CAST(\(value.text) AS text)", type: .string)
    case .double:
      // PostgreSQL writes the shortest round trip too, but `1` for 1.0.
      return SQLFragment(
        "regexp_replace(CAST(\(value.text) AS text), '^(-?[0-9]+)$', '\\1.0')", type: .string)
    case .date:
      return SQLFragment("to_char(\(value.text), 'YYYY-MM-DD')", type: .string)
    case .timestamp:
      let x = value.text
      return SQLFragment(
        "to_char(\(x), 'YYYY-MM-DD\"T\"HH24:MI:SS') || rtrim(rtrim(to_char(\(x), '.US'), '0'), '.') || 'Z'",
        type: .string, isAtomic: false)
    }
  }
}
