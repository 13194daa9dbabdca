/// One lexical unit of dsw source, with the span of its text.
///
/// Keywords are not token kinds: the language's keywords are contextual, so a
/// word stays an identifier and the parser decides what it means where it sits.
public struct Token: Sendable, Hashable {
  /// What a token is.
  public enum Kind: Sendable, Hashable {
    /// A name or a word; `quoted` is true for a backquoted name, which is never
    /// a keyword. Dotted paths (`web.webPageDetails.name`) are one identifier.
    case identifier(String, quoted: Bool)
    case integer(Int64)
    case float(Double)
    /// A string literal with its escapes resolved.
    case string(String)
    case symbol(Symbol)
    /// A line break; significant, since newlines separate statements.
    case newline
    /// Text the lexer could not read; a diagnostic has already been reported.
    case invalid
    /// The end of a statement (or of the input).
    case end
  }

  /// The punctuation and operators of the language.
  public enum Symbol: String, Sendable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case slashSlash = "//"
    case percent = "%"
    case equalEqual = "=="
    case bangEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equal = "="
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case comma = ","
    case colon = ":"
    case pipe = "|"
    case pipePipe = "||"
    case at = "@"
  }

  public var kind: Kind
  public var span: SourceSpan
  /// The line and column just after the token's last character.
  public var endLine: Int
  public var endColumn: Int

  public init(_ kind: Kind, span: SourceSpan, endLine: Int, endColumn: Int) {
    self.kind = kind
    self.span = span
    self.endLine = endLine
    self.endColumn = endColumn
  }

  /// A zero-length span just after this token: where "found end of line" points.
  var spanAfter: SourceSpan {
    SourceSpan(
      offset: span.offset + span.length, length: 0, line: endLine, column: endColumn)
  }

  /// The unquoted word this token spells, if it is a plain identifier.
  var word: String? {
    if case .identifier(let text, quoted: false) = kind { text } else { nil }
  }

  func isWord(_ text: String) -> Bool { word == text }

  func isSymbol(_ symbol: Symbol) -> Bool {
    if case .symbol(let found) = kind { found == symbol } else { false }
  }

  var isEnd: Bool {
    switch kind {
    case .end, .newline: true
    default: false
    }
  }
}
