/// The diagnostics the data loaders raise, in one place so codes stay stable.
///
/// Codes: `L001` ragged row, `L002` unterminated quote, `L003` invalid UTF-8,
/// `L004` stray quote in an unquoted field, `L005` text after a closing quote,
/// `L006` unusable delimiter, `L007` more columns than the limit, `L008` a value
/// that does not convert to the type `types:` set, `L009` an option naming a
/// column the file does not have; JSON: `L010`
/// syntax, `L011` a record that is not an object, `L012` nesting too deep,
/// `L013` a number too large, `L014` two keys that flatten to one column,
/// `L015` more distinct keys than the limit; `X001` interrupted.
public enum LoadDiagnostics {
  /// The most columns a CSV may have. A table this wide is almost always a
  /// file read with the wrong layout, and the limit keeps the per-column
  /// buffers of loading and writing bounded.
  static let maximumCSVColumns = 100_000
  /// The most distinct keys (columns) a JSON file may have. JSON records are
  /// sparse but a table is dense, so keys × records is what memory holds:
  /// 20,000 records with a key of their own each would be 400 million cells.
  static let maximumJSONKeys = 10_000

  static func tooManyColumns(_ count: Int) -> Diagnostic {
    .error(
      "L007",
      "the first record has \(count.formatted) fields, more than the limit of "
        + "\(maximumCSVColumns.formatted) columns",
      help: "check the delimiter (`delimiter:`), or split the file into narrower ones")
  }

  static func keyClash(_ name: String, line: Int, column: Int) -> Diagnostic {
    .error(
      "L014", "line \(line), column \(column): two keys of one record make the column `\(name)`",
      notes: [
        "nested keys are joined with `.`, so {\"a\": {\"b\": 1}} and {\"a.b\": 2} name the same column"
      ],
      help: "rename one of the two keys in the file")
  }

  static func tooManyKeys(_ count: Int, line: Int, column: Int) -> Diagnostic {
    .error(
      "L015",
      "line \(line), column \(column): the file has \(count.formatted) distinct keys, more than "
        + "the limit of \(maximumJSONKeys.formatted) columns",
      notes: [
        "each distinct key (nested keys joined with `.`) becomes a column; "
          + "the key here is number \((maximumJSONKeys + 1).formatted)"
      ],
      help: "keep varying names as values, such as {\"key\": \"k1\", \"value\": 1}")
  }

  /// A bad row: where it starts and what was wrong, before it becomes a `Diagnostic`.
  struct RowProblem: Sendable {
    var code: String
    /// 1-based physical line of the problem in the file.
    var line: Int
    /// What was wrong, without the line (this is the reason listed for skipped rows).
    var reason: String
  }

  static let skipHelp = "to leave bad rows out and list them, load with (on_error: \"skip\")"

  static func diagnostic(_ problem: RowProblem) -> Diagnostic {
    .error(problem.code, "line \(problem.line): \(problem.reason)", help: skipHelp)
  }

  static func ragged(line: Int, expected: Int, found: Int) -> RowProblem {
    RowProblem(
      code: "L001", line: line,
      reason: "expected \(expected) \(fields(expected)) but found \(found)")
  }

  static func unterminatedQuote(line: Int, field: Int) -> RowProblem {
    RowProblem(
      code: "L002", line: line,
      reason: "the quote that opens field \(field) is never closed")
  }

  static func invalidUTF8(line: Int, byte: UInt8, field: Int) -> RowProblem {
    RowProblem(
      code: "L003", line: line,
      reason: "invalid UTF-8 byte 0x\(hex(byte)) in field \(field)")
  }

  static func strayQuote(line: Int, field: Int) -> RowProblem {
    RowProblem(
      code: "L004", line: line,
      reason: "a quote inside unquoted field \(field); quote the whole field and double "
        + "the inner quote (\"\")")
  }

  static func textAfterQuote(line: Int, field: Int) -> RowProblem {
    RowProblem(
      code: "L005", line: line,
      reason: "text after the closing quote of field \(field)")
  }

  static func notConvertible(line: Int, column: String, value: String, type: DataType)
    -> RowProblem
  {
    RowProblem(
      code: "L008", line: line,
      reason:
        "column `\(column)`: \"\(DisplayText.escaped(value))\" is not \(type == .int ? "an" : "a") \(type.rawValue)"
    )
  }

  /// L009: `types:`, `null:` or `columns:` names a column the file lacks.
  public static func unknownColumn(_ name: String, option: String, known: [String]) -> Diagnostic {
    .error(
      "L009", "`\(option)` names the column `\(name)`, which the file does not have",
      notes: [
        "the columns are " + known.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
          + (known.count > 20 ? ", …" : "")
      ],
      help: UnknownName.suggestion(name, known))
  }

  static let interrupted = Diagnostic.error("X001", "interrupted")

  private static func fields(_ count: Int) -> String { count == 1 ? "field" : "fields" }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
