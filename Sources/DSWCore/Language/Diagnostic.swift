/// A problem found in user input, as a value.
///
/// Every error a user can cause becomes one of these: it carries a stable
/// code, a message, the span it points at, notes and a help line. A single
/// renderer (`DiagnosticRenderer`) prints it with a caret.
public struct Diagnostic: Error, Sendable, Hashable {
  public enum Severity: String, Sendable, Hashable { case error, warning }

  public var severity: Severity
  /// A stable code such as `E201`; see docs/errors.md.
  public var code: String
  public var message: String
  public var span: SourceSpan?
  /// The cell (1-based number) the span is in, when known.
  public var cell: Int?
  /// The cell's id, when known.
  public var cellID: String?
  public var notes: [String]
  public var help: String?

  public init(
    _ severity: Severity = .error, code: String, message: String, span: SourceSpan? = nil,
    notes: [String] = [], help: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.span = span
    self.notes = notes
    self.help = help
  }

  public static func error(
    _ code: String, _ message: String, at span: SourceSpan? = nil, notes: [String] = [],
    help: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, code: code, message: message, span: span, notes: notes, help: help)
  }

  public static func warning(
    _ code: String, _ message: String, at span: SourceSpan? = nil, notes: [String] = [],
    help: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, code: code, message: message, span: span, notes: notes, help: help)
  }
}
