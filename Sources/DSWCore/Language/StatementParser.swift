/// Parses one statement's tokens by recursive descent.
///
/// The token list has no newlines and ends with an `.end` token, so looking
/// ahead never runs off the end. Helpers here read names, strings, options and
/// lists, and build the "expected X, found Y" diagnostics.
struct StatementParser {
  let tokens: [Token]
  let source: [UInt8]
  var position = 0
  /// The current depth of nested expressions; see `maximumNesting`.
  var nesting = 0
  /// Binary operators in the current top-level expression; see `maximumOperators`.
  var operatorCount = 0

  init(tokens: [Token], source: [UInt8]) {
    self.tokens = tokens.isEmpty ? [Token(.end, span: .unknown, endLine: 1, endColumn: 1)] : tokens
    self.source = source
  }

  // MARK: Looking at tokens

  var current: Token { peek(0) }

  func peek(_ ahead: Int) -> Token {
    tokens[min(position + ahead, tokens.count - 1)]
  }

  /// The token most recently consumed, or the first token before any.
  var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  var atEnd: Bool { current.isEnd }

  func isWord(_ word: String) -> Bool { current.isWord(word) }

  func isSymbol(_ symbol: Token.Symbol) -> Bool { current.isSymbol(symbol) }

  /// The source text a span covers.
  func text(of span: SourceSpan) -> String { SourceText.slice(source, span) }

  /// From `start` through the last token consumed.
  func span(from start: Token) -> SourceSpan {
    position == 0 ? start.span : start.span.through(previous.span)
  }

  // MARK: Describing tokens in messages

  /// How a found token reads in a message: "`x`", "a string", "end of line".
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .end, .newline: return "end of line"
    case .string: return "a string"
    case .invalid: return "invalid text"
    default: return "`\(shortText(token))`"
    }
  }

  /// The token's own text, shortened and made printable, for "after `x`".
  func shortText(_ token: Token) -> String {
    let raw = DisplayText.escaped(text(of: token.span))
    return raw.count > 24 ? String(raw.prefix(23)) + "…" : raw
  }

  // MARK: Errors

  /// "expected WHAT after `PREVIOUS`, found FOUND", pointing at what was found.
  func expected(_ what: String, help: String? = nil, notes: [String] = []) -> Diagnostic {
    let found = current
    let after = position > 0 ? " after `\(shortText(previous))`" : ""
    let span = found.isEnd ? previous.spanAfter : found.span
    return .error(
      "E107", "expected \(what)\(after), found \(describe(found))", at: span, notes: notes,
      help: help)
  }

  /// The error for a missing closer: E108 at the opener when the statement
  /// ended, otherwise "expected `)`" at whatever stands in its place.
  func unclosed(_ opener: Token, closer: String, expecting what: String) -> Diagnostic {
    let openerText = text(of: opener.span)
    if current.isEnd {
      let message =
        openerText == "case"
        ? "this `case` has no `end`" : "this `\(openerText)` is never closed"
      let help = closer == "end" ? "close it with `end`" : "add a `\(closer)`"
      return .error("E108", message, at: opener.span, help: help)
    }
    if current.isSymbol(.rightParen) || current.isSymbol(.rightBracket)
      || current.isSymbol(.rightBrace)
    {
      return .error(
        "E109", "expected \(what), found \(describe(current))", at: current.span,
        notes: [
          "the `\(openerText)` at line \(opener.span.line), column \(opener.span.column) "
            + "needs a `\(closer)`"
        ])
    }
    return expected(
      what,
      notes: [
        "the `\(openerText)` at line \(opener.span.line), column \(opener.span.column) "
          + "is still open"
      ])
  }

  // MARK: Reading pieces

  /// Any identifier, quoted or not: statement-level names are never reserved.
  mutating func parseName(_ what: String, help: String? = nil) throws(Diagnostic) -> Name {
    guard case .identifier(let text, _) = current.kind else {
      throw expected(what, help: help)
    }
    let token = advance()
    return Name(text, span: token.span)
  }

  mutating func expectWord(_ word: String, help: String? = nil) throws(Diagnostic) {
    guard isWord(word) else { throw expected("`\(word)`", help: help) }
    advance()
  }

  mutating func expectSymbol(_ symbol: Token.Symbol, help: String? = nil) throws(Diagnostic) {
    guard isSymbol(symbol) else { throw expected("`\(symbol.rawValue)`", help: help) }
    advance()
  }

  mutating func parseString(_ what: String) throws(Diagnostic) -> (String, SourceSpan) {
    guard case .string(let value) = current.kind else { throw expected(what) }
    let token = advance()
    return (value, token.span)
  }

  /// `NAME [@ VERSION]`.
  mutating func parseModelRef(help: String? = nil) throws(Diagnostic) -> ModelRef {
    let name = try parseName("a model name", help: help)
    guard isSymbol(.at) else { return ModelRef(name: name, version: nil) }
    advance()
    guard case .integer(let version) = current.kind, version > 0, version <= Int64(Int.max)
    else {
      throw expected("a version number (1, 2, …)")
    }
    advance()
    return ModelRef(name: name, version: Int(version))
  }

  /// `NAME, NAME, ...`: at least one.
  mutating func parseNameList(_ what: String) throws(Diagnostic) -> [Name] {
    var names = [try parseName(what)]
    while isSymbol(.comma) {
      advance()
      names.append(try parseName(what))
    }
    return names
  }

  /// `[NAME, NAME, ...]`, possibly empty.
  mutating func parseBracketedNames(_ what: String) throws(Diagnostic) -> [Name] {
    let opener = advance()
    var names: [Name] = []
    if isSymbol(.rightBracket) {
      advance()
      return names
    }
    while true {
      names.append(try parseName(what))
      if isSymbol(.comma) {
        advance()
        continue
      }
      guard isSymbol(.rightBracket) else {
        throw unclosed(opener, closer: "]", expecting: "`,` or `]`")
      }
      advance()
      return names
    }
  }

  /// `(name: value, ...)` when a `(` follows; otherwise no options.
  mutating func parseOptionsIfPresent() throws(Diagnostic) -> [Option] {
    guard isSymbol(.leftParen) else { return [] }
    let opener = advance()
    var options: [Option] = []
    if isSymbol(.rightParen) {
      advance()
      return options
    }
    while true {
      let option = try parseOption(after: options)
      options.append(option)
      if isSymbol(.comma) {
        advance()
        continue
      }
      guard isSymbol(.rightParen) else {
        throw unclosed(opener, closer: ")", expecting: "`,` or `)`")
      }
      advance()
      return options
    }
  }

  /// One `name: value` pair, refusing a name already in `earlier`.
  mutating func parseOption(after earlier: [Option]) throws(Diagnostic) -> Option {
    guard case .identifier(let text, _) = current.kind else {
      throw expected("an option `name: value`")
    }
    if peek(1).isSymbol(.equal) {
      let found = peek(1)
      throw .error(
        "E107", "expected `:` after the option name `\(text)`, found `=`", at: found.span,
        help: "options are written `\(text): value`")
    }
    guard peek(1).isSymbol(.colon) else {
      advance()
      throw expected("`:`", help: "options are written `\(text): value`")
    }
    let nameToken = advance()
    advance()
    if let first = earlier.first(where: { $0.name.text == text }) {
      throw .error(
        "E114", "the option `\(text)` is given twice", at: nameToken.span,
        notes: ["first given at line \(first.name.span.line), column \(first.name.span.column)"])
    }
    let value = try parseExpression()
    return Option(name: Name(text, span: nameToken.span), value: value)
  }

  /// Fails with E110 (E109 for a stray closer) unless the statement or
  /// step is complete; `|` also ends a step when `pipeAllowed`.
  func expectEnd(of what: String, pipeAllowed: Bool = false) throws(Diagnostic) {
    guard !atEnd && !(pipeAllowed && isSymbol(.pipe)) else { return }
    throw leftover(after: "the end of " + what)
  }

  /// The error for tokens left after something complete.
  func leftover(after what: String) -> Diagnostic {
    for (closer, opener) in [
      (Token.Symbol.rightParen, "("), (.rightBracket, "["), (.rightBrace, "{"),
    ]
    where isSymbol(closer) {
      return .error(
        "E109", "this `\(closer.rawValue)` has no matching `\(opener)`", at: current.span)
    }
    let help: String? =
      current.word.map { Parser.transformKeywords.contains($0) } == true
      ? "start the next pipeline step with `|`" : nil
    return .error(
      "E110", "unexpected \(describe(current)) after \(what)", at: current.span, help: help)
  }
}
