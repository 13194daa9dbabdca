import Testing

@testable import DSWCore

@Suite struct LexerTests {
  /// Tokens in a compact form: identifiers bare, quoted names in backquotes,
  /// numbers as written, strings in «», symbols as themselves, newlines as ⏎.
  static func compact(_ source: String) -> String {
    Lexer.tokenize(source).tokens.compactMap { token -> String? in
      switch token.kind {
      case .identifier(let text, let quoted): quoted ? "`\(text)`" : text
      case .integer(let value): "int:\(value)"
      case .float(let value): "float:\(value)"
      case .string(let value): "«\(value)»"
      case .symbol(let symbol): symbol.rawValue
      case .newline: "⏎"
      case .invalid: "INVALID"
      case .end: nil
      }
    }.joined(separator: " ")
  }

  @Test(arguments: [
    ("web.webPageDetails.name == 1", "web.webPageDetails.name == int:1"),
    ("`order id` + `a.b`", "`order id` + `a.b`"),
    ("a.b.c(x)", "a.b.c ( x )"),
    ("score conv@1", "score conv @ int:1"),
    ("sample 10% (seed: 7)", "sample int:10 % ( seed : int:7 )"),
    ("sort -revenue, week", "sort - revenue , week"),
    ("a // b / c % d", "a // b / c % d"),
    ("a<=b>=c<d>e!=f==g=h", "a <= b >= c < d > e != f == g = h"),
    (
      "[1, 2.5, 1e3, 2E-2, 20_000]", "[ int:1 , float:2.5 , float:1000.0 , float:0.02 , int:20000 ]"
    ),
    ("x # comment\ny", "x ⏎ y"),
    ("x\r\ny", "x ⏎ y"),
    ("'single' \"double\"", "«single» «double»"),
    (#""a\"b\\c\n\t\u{1F600}""#, "«a\"b\\c\n\t😀»"),
    ("\"multi\nline\"", "«multi\nline»"),
    ("\"#not a comment\"", "«#not a comment»"),
    ("café_1 _x", "café_1 _x"),
    ("9223372036854775807", "int:9223372036854775807"),
    ("x.", "x INVALID"),
    ("a |\n| b", "a | ⏎ | b"),
  ])
  func tokens(source: String, expected: String) {
    #expect(Self.compact(source) == expected)
  }

  @Test func spansAreUTF8OffsetsWithCharacterColumns() {
    let tokens = Lexer.tokenize("é = \"😀\"\n  x").tokens
    #expect(
      tokens.map(\.span) == [
        SourceSpan(offset: 0, length: 2, line: 1, column: 1),
        SourceSpan(offset: 3, length: 1, line: 1, column: 3),
        SourceSpan(offset: 5, length: 6, line: 1, column: 5),
        SourceSpan(offset: 11, length: 1, line: 1, column: 8),
        SourceSpan(offset: 14, length: 1, line: 2, column: 3),
        SourceSpan(offset: 15, length: 0, line: 2, column: 4),
      ])
  }

  @Test func errorsCarryCodesAndSpans() {
    let result = Lexer.tokenize("a ! 99999999999999999999 \"x\\q\" `b")
    #expect(result.diagnostics.map(\.code) == ["E100", "E103", "E102", "E111"])
    #expect(result.diagnostics.map { $0.span?.column } == [3, 5, 28, 32])
    #expect(!result.endsInsideString)
    #expect(Lexer.tokenize("\"open").endsInsideString)
  }
}
