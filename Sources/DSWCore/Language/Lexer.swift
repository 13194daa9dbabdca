/// What the lexer made of a source text: its tokens and the problems it found.
public struct LexResult: Sendable {
  /// The tokens, newlines included, ending with one `.end` token.
  public var tokens: [Token]
  public var diagnostics: [Diagnostic]
  /// True when the text ends inside a string literal (the REPL waits for more).
  public var endsInsideString: Bool
}

/// Turns cell source into tokens with spans.
///
/// The lexer never stops at an error: it reports a diagnostic, emits an
/// `.invalid` token in place of the bad text and carries on, so the parser can
/// still split the cell into statements and check the others.
public struct Lexer {
  private var cursor: SourceCursor
  private var tokens: [Token] = []
  private var diagnostics: [Diagnostic] = []
  private var endsInsideString = false

  private init(_ source: String) {
    cursor = SourceCursor(source)
  }

  public static func tokenize(_ source: String) -> LexResult {
    var lexer = Lexer(source)
    lexer.run()
    return LexResult(
      tokens: lexer.tokens, diagnostics: lexer.diagnostics,
      endsInsideString: lexer.endsInsideString)
  }

  private mutating func run() {
    while let character = cursor.peek() {
      let start = cursor.position
      if character.isLineBreak {
        cursor.advance()
        emit(.newline, from: start)
      } else if character == "#" {
        while let next = cursor.peek(), !next.isLineBreak { cursor.advance() }
      } else if character.isWhitespace {
        cursor.advance()
      } else if character.isIdentifierStart {
        lexIdentifier()
      } else if character.isASCIIDigit {
        lexNumber()
      } else if character == "\"", cursor.peek(1) == "\"", cursor.peek(2) == "\"" {
        lexTripleQuotedString()
      } else if character == "\"" || character == "'" {
        lexString(quote: character)
      } else if character == "`" {
        lexQuotedName()
      } else {
        lexSymbol(character)
      }
    }
    let end = cursor.position
    tokens.append(
      Token(
        .end, span: SourceSpan(offset: end.offset, length: 0, line: end.line, column: end.column),
        endLine: end.line, endColumn: end.column))
  }

  private mutating func emit(_ kind: Token.Kind, from start: SourcePosition) {
    let end = cursor.position
    tokens.append(
      Token(
        kind, span: cursor.span(from: start), endLine: end.line, endColumn: end.column))
  }

  private mutating func fail(
    _ code: String, _ message: String, at span: SourceSpan, help: String? = nil,
    from start: SourcePosition
  ) {
    diagnostics.append(.error(code, message, at: span, help: help))
    emit(.invalid, from: start)
  }

  private mutating func lexIdentifier() {
    let start = cursor.position
    var text = ""
    while true {
      while let next = cursor.peek(), next.isIdentifierContinue {
        text.append(next)
        cursor.advance()
      }
      // A dot continues the path only when a name follows it: `a.b` is one
      // token, while `a.` leaves the dot to be reported on its own.
      guard cursor.peek() == ".", let after = cursor.peek(1), after.isIdentifierStart else {
        break
      }
      text.append(".")
      cursor.advance()
    }
    emit(.identifier(text, quoted: false), from: start)
  }

  private mutating func lexNumber() {
    let start = cursor.position
    var text = ""
    var isFloat = false
    readDigits(into: &text)
    if cursor.peek() == ".", let after = cursor.peek(1), after.isASCIIDigit {
      isFloat = true
      text.append(".")
      cursor.advance()
      readDigits(into: &text)
    }
    if let marker = cursor.peek(), marker == "e" || marker == "E" {
      let signed = cursor.peek(1) == "+" || cursor.peek(1) == "-"
      if let digit = cursor.peek(signed ? 2 : 1), digit.isASCIIDigit {
        isFloat = true
        text.append("e")
        cursor.advance()
        if signed, let sign = cursor.peek() {
          text.append(sign)
          cursor.advance()
        }
        readDigits(into: &text)
      }
    }
    if let next = cursor.peek(), next.isIdentifierContinue {
      while let more = cursor.peek(), more.isIdentifierContinue { cursor.advance() }
      let span = cursor.span(from: start)
      fail(
        "E103", "invalid number `\(cursor.text(of: span))`", at: span,
        help: "a name cannot start with a digit; quote it with backquotes", from: start)
      return
    }
    let span = cursor.span(from: start)
    if isFloat {
      guard let value = Double(text), value.isFinite else {
        fail("E103", "number literal too large", at: span, from: start)
        return
      }
      emit(.float(value), from: start)
    } else {
      guard let value = Int64(text) else {
        fail(
          "E103", "integer literal too large", at: span,
          help: "integers must lie between -9223372036854775808 and 9223372036854775807",
          from: start)
        return
      }
      emit(.integer(value), from: start)
    }
  }

  /// Digits with optional `_` separators between them (`20_000`).
  private mutating func readDigits(into text: inout String) {
    while let next = cursor.peek() {
      if next.isASCIIDigit {
        text.append(next)
        cursor.advance()
      } else if next == "_", let after = cursor.peek(1), after.isASCIIDigit {
        cursor.advance()
      } else {
        break
      }
    }
  }

  private mutating func lexString(quote: Character) {
    let start = cursor.position
    let openingSpan = SourceSpan(
      offset: start.offset, length: 1, line: start.line, column: start.column)
    cursor.advance()
    var value = ""
    var badEscape: (span: SourceSpan, text: String)?
    while true {
      guard let character = cursor.peek() else {
        endsInsideString = true
        fail(
          "E101", "unterminated string", at: openingSpan,
          help: "add a closing `\(quote)`", from: start)
        return
      }
      if character == quote {
        cursor.advance()
        break
      }
      if character == "\\" {
        let escapeStart = cursor.position
        cursor.advance()
        if let resolved = readEscape(quote: quote) {
          value.append(resolved)
        } else if badEscape == nil {
          let span = cursor.span(from: escapeStart)
          badEscape = (span, cursor.text(of: span))
        }
        continue
      }
      value.append(character)
      cursor.advance()
    }
    if let badEscape {
      if badEscape.text.hasPrefix("\\u") {
        fail(
          "E102", "invalid unicode escape in a string", at: badEscape.span,
          help: "write `\\u{` with 1 to 8 hex digits and `}`, as in `\\u{e9}`", from: start)
      } else {
        fail(
          "E102", "unknown escape `\(DisplayText.escaped(badEscape.text))` in a string",
          at: badEscape.span,
          help:
            "the escapes are \\\" \\' \\\\ \\n \\t \\r and \\u{hex}; write \\\\ for a backslash",
          from: start)
      }
      return
    }
    emit(.string(value), from: start)
  }

  /// `"""…"""`: text taken as written, line breaks included and no escapes,
  /// so a SQL query pastes in unchanged. It ends at the first `"""`.
  private mutating func lexTripleQuotedString() {
    let start = cursor.position
    let openingSpan = SourceSpan(
      offset: start.offset, length: 3, line: start.line, column: start.column)
    for _ in 0..<3 { cursor.advance() }
    var value = ""
    while true {
      guard let character = cursor.peek() else {
        endsInsideString = true
        fail(
          "E101", "unterminated string", at: openingSpan, help: "add a closing `\"\"\"`",
          from: start)
        return
      }
      if character == "\"", cursor.peek(1) == "\"", cursor.peek(2) == "\"" {
        for _ in 0..<3 { cursor.advance() }
        break
      }
      value.append(character)
      cursor.advance()
    }
    emit(.string(value), from: start)
  }

  /// Reads the escape after a backslash; nil when it is not a valid escape.
  private mutating func readEscape(quote: Character) -> Character? {
    guard let character = cursor.peek(), !character.isLineBreak else { return nil }
    cursor.advance()
    switch character {
    case "\"", "'", "\\": return character
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "0": return "\0"
    case "u":
      guard cursor.peek() == "{" else { return nil }
      cursor.advance()
      var hex = ""
      while let digit = cursor.peek(), digit.isHexDigit, hex.count < 8 {
        hex.append(digit)
        cursor.advance()
      }
      guard cursor.peek() == "}" else { return nil }
      cursor.advance()
      guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
        return nil
      }
      return Character(scalar)
    default:
      return nil
    }
  }

  private mutating func lexQuotedName() {
    let start = cursor.position
    cursor.advance()
    var text = ""
    while let character = cursor.peek(), character != "`", !character.isLineBreak {
      text.append(character)
      cursor.advance()
    }
    guard cursor.peek() == "`" else {
      let opening = SourceSpan(
        offset: start.offset, length: 1, line: start.line, column: start.column)
      fail(
        "E111", "unterminated quoted name", at: opening,
        help: "close the name with a backquote before the end of the line", from: start)
      return
    }
    cursor.advance()
    if text.isEmpty {
      fail("E111", "empty quoted name", at: cursor.span(from: start), from: start)
      return
    }
    emit(.identifier(text, quoted: true), from: start)
  }

  private mutating func lexSymbol(_ character: Character) {
    let start = cursor.position
    if let second = cursor.peek(1),
      let symbol = Token.Symbol(rawValue: String(character) + String(second))
    {
      cursor.advance()
      cursor.advance()
      emit(.symbol(symbol), from: start)
      return
    }
    if character == "&", cursor.peek(1) == character {
      cursor.advance()
      cursor.advance()
      let span = cursor.span(from: start)
      fail("E100", "unexpected `&&`", at: span, help: "write `and`", from: start)
      return
    }
    cursor.advance()
    if let symbol = Token.Symbol(rawValue: String(character)) {
      emit(.symbol(symbol), from: start)
      return
    }
    let help: String? =
      switch character {
      case "!": "write `!=` to compare, or `not` to negate"
      case "&": "write `and`"
      case ";": "put each statement on its own line"
      default: nil
      }
    let span = cursor.span(from: start)
    fail(
      "E100", "unexpected character `\(DisplayText.escaped(String(character)))`", at: span,
      help: help, from: start)
  }
}

extension Character {
  /// Only `\n` and `\r\n` break lines, so the lexer and the renderers agree.
  public var isLineBreak: Bool { self == "\n" || self == "\r\n" }
  var isASCIIDigit: Bool { isASCII && isWholeNumber }
  var isIdentifierStart: Bool { self == "_" || isLetter }
  var isIdentifierContinue: Bool { self == "_" || isLetter || isASCIIDigit }
}
