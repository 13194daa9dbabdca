import Foundation

/// `cast(x, "type")` and the implicit widenings the planner inserts.
///
/// A value that cannot be converted (the string "abc" to int, say) is an
/// error that names the value, never a silent null, unless the cast is
/// `lenient` (`try_cast`), which gives null for it.
enum Cast {
  /// Whether `apply` converts `source` to `target` at all; the planner
  /// rejects the other pairs before any row is read.
  static func converts(_ source: DataType, to target: DataType) -> Bool {
    switch (source, target) {
    case _ where source == target: true
    case (.int, .double), (.bool, .double), (.double, .int), (.bool, .int), (.int, .bool),
      (.double, .bool), (.date, .timestamp), (.timestamp, .date), (.int, .timestamp),
      (.int, .date), (.timestamp, .int), (.date, .int), (_, .string), (.string, _):
      true
    default: false
    }
  }

  static func unsupported(_ source: DataType, _ target: DataType, span: SourceSpan?) -> Diagnostic {
    Diagnostic.error(
      "E202", "cannot cast `\(source.rawValue)` to `\(target.rawValue)`", at: span)
  }

  static func apply(
    _ column: Column, to type: DataType, span: SourceSpan, lenient: Bool = false
  ) throws(Diagnostic) -> Column {
    if column.type == type { return column }
    let count = column.count
    let validity = column.validity
    switch (column.type, type) {
    case (.int, .double), (.bool, .double):
      return Column(doubles: column.numericAsDoubles, validity: validity)
    case (.double, .int):
      let values = column.doubleValues
      var result = [Int64](repeating: 0, count: count)
      var converted = validity ?? Bitmap(count: count, value: true)
      for row in 0..<count where !column.isNull(row) {
        guard let exact = Int64(exactly: values[row].rounded(.toNearestOrAwayFromZero)) else {
          if lenient {
            converted.clear(row)
            continue
          }
          throw failure(String(values[row]), type, span)
        }
        result[row] = exact
      }
      return Column(ints: result, validity: converted)
    case (.bool, .int):
      return Column(ints: column.boolValues.map { $0 ? 1 : 0 }, validity: validity)
    case (.int, .bool):
      return Column(bools: column.int64Values.map { $0 != 0 }, validity: validity)
    case (.double, .bool):
      return Column(bools: column.doubleValues.map { $0 != 0 }, validity: validity)
    case (.date, .timestamp):
      return Column(
        timestamps: column.int64Values.map { $0 &* CivilTime.microsPerDay }, validity: validity)
    case (.timestamp, .date):
      return Column(dates: column.int64Values.map(CivilTime.day(ofMicros:)), validity: validity)
    case (.int, .timestamp), (.int, .date):
      let values = column.int64Values
      guard lenient else {
        try TimeRange.check(values, type, validity: validity, span: span)
        return Column.integerBacked(type, values, validity: validity)
      }
      var inRange = validity ?? Bitmap(count: count, value: true)
      for row in 0..<count where !TimeRange.contains(values[row], type) { inRange.clear(row) }
      return Column.integerBacked(type, values, validity: inRange)
    case (.timestamp, .int), (.date, .int):
      return Column(ints: column.int64Values, validity: validity)
    case (_, .string):
      return toStrings(column)
    case (.string, _):
      return try fromStrings(column, to: type, span: span, lenient: lenient)
    default:
      throw unsupported(column.type, type, span: span)
    }
  }

  static func toStrings(_ column: Column) -> Column {
    var builder = StringColumnBuilder(capacity: column.count)
    for row in 0..<column.count {
      let value = column.value(at: row)
      if value.isNull { builder.appendNull() } else { builder.append(ValueText.plain(value)) }
    }
    return builder.build()
  }

  private static func fromStrings(
    _ input: Column, to type: DataType, span: SourceSpan, lenient: Bool
  ) throws(Diagnostic) -> Column {
    let (codes, dictionary) = input.stringCodes
    // Parse each distinct string once; remember the first that fails.
    var failed: String?
    func parse<T>(_ parser: (String) -> T?) -> [T?] {
      dictionary.strings.map { text in
        let value = parser(text)
        if value == nil, failed == nil { failed = text }
        return value
      }
    }
    let converted: Column
    switch type {
    case .int:
      converted = DictionaryKernels.mapToInt64(input, type: .int) { Int64($0.trimmed) }
    case .double:
      converted = DictionaryKernels.mapToDouble(input) { Double($0.trimmed) }
    case .date:
      converted = DictionaryKernels.mapToInt64(input, type: .date) {
        CivilTime.parseDate(Substring($0.trimmed))
      }
    case .timestamp:
      converted = DictionaryKernels.mapToInt64(input, type: .timestamp) {
        CivilTime.parseTimestamp(Substring($0.trimmed))
      }
    case .bool:
      let parsed = parse { text -> Bool? in
        switch text.trimmed.lowercased() {
        case "true", "t", "yes", "1": true
        case "false", "f", "no", "0": false
        default: nil
        }
      }
      var result = [Bool](repeating: false, count: codes.count)
      var validity = Bitmap(count: codes.count, value: true)
      for row in 0..<codes.count {
        guard codes[row] >= 0, let value = parsed[Int(codes[row])] else {
          validity.clear(row)
          continue
        }
        result[row] = value
      }
      if !lenient, let failed, codes.contains(where: { $0 >= 0 && parsed[Int($0)] == nil }) {
        throw failure(failed, type, span)
      }
      return Column(bools: result, validity: validity)
    case .string:
      return input
    }
    if lenient { return converted }
    // A row that was valid before and is null now failed to parse.
    for row in 0..<codes.count where codes[row] >= 0 && converted.isNull(row) {
      throw failure(dictionary[codes[row]], type, span)
    }
    return converted
  }

  static func failure(_ text: String, _ type: DataType, _ span: SourceSpan) -> Diagnostic {
    Diagnostic.error(
      "E302", "cannot convert \"\(text)\" to `\(type.rawValue)`", at: span,
      help: "`try_cast(x, \"\(type.rawValue)\")` gives null where a value does not convert")
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

/// Plain text of a value, as casts and exports write it.
public enum ValueText {
  public static func plain(_ value: Value) -> String {
    switch value {
    case .null: ""
    case .int(let number): String(number)
    case .double(let number): doubleText(number)
    case .bool(let flag): flag ? "true" : "false"
    case .date(let days): CivilTime.formatDate(days: days)
    case .timestamp(let micros): CivilTime.formatTimestamp(micros: micros)
    case .string(let text): text
    }
  }

  /// Shortest round-trip text; integral values keep `.0` below 1e16.
  public static func doubleText(_ number: Double) -> String {
    if number.isNaN { return "NaN" }
    if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
    return String(number)
  }
}
