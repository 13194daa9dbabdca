/// The diagnostics the data loaders raise, in one place so codes stay stable.
///
/// Codes: `L001` ragged row, `L002` unterminated quote, `L003` invalid UTF-8,
/// `L004` stray quote in an unquoted field, `L005` text after a closing quote,
/// `L006` unusable delimiter; JSON: `L010` syntax, `L011` a record that is not
/// an object, `L012` nesting too deep, `L013` a number too large; `X001`
/// interrupted.
enum LoadDiagnostics {
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

  static let interrupted = Diagnostic.error("X001", "interrupted")

  private static func fields(_ count: Int) -> String { count == 1 ? "field" : "fields" }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
