import Testing

@testable import DSWCore

/// Random token soups, random text and every truncation of valid programs
/// parse to diagnostics, never a crash, and every diagnostic renders with a
/// span inside the source.
@Suite struct ParserRobustnessTests {
  static let vocabulary = [
    "from", "let", "load", "param", "synth", "train", "filter", "select", "derive", "aggregate",
    "by", "order", "sort", "take", "join", "left", "on", "as", "to", "into", "with", "window",
    "pivot", "sample", "score", "chart", "bar", "describe", "expect", "case", "when", "then",
    "else", "end", "and", "or", "not", "in", "is", "null", "true", "model", "save", "drop",
    "events", "x", "web.page.name", "`a b`", "conv", "gbt", "date", "count", "1", "2.5", "-",
    "+", "*", "/", "//", "%", "==", "!=", "<", ">=", "=", "(", ")", "[", "]", ",", ":", "|",
    "@", "\"s\"", "'t'", "\n", "\n|", "#c\n", "\"open", "`open", "!", "\t", "99999999999999999999",
    "\u{1B}", "é", "\r\n",
  ]

  static func check(_ source: String) {
    let result = Parser.parse(source)
    let byteCount = source.utf8.count
    for diagnostic in result.diagnostics {
      let span = diagnostic.span
      #expect(span != nil, "\(diagnostic.code) without a span for \(source.debugDescription)")
      if let span {
        #expect(span.offset >= 0 && span.offset + span.length <= byteCount)
      }
      let rendered = DiagnosticRenderer.render(diagnostic, source: source, location: "cell 1 (x)")
      #expect(!rendered.unicodeScalars.contains { $0.value == 0x1B })
    }
    _ = ASTDump.dump(result.program)
    _ = InputCompleteness.needsMoreInput(source)
  }

  @Test func randomTokenSoups() {
    var random = SeededRandom(seed: 2024)
    for _ in 0..<3000 {
      var source = ""
      for _ in 0..<(1 + random.nextInt(below: 24)) {
        source += Self.vocabulary[random.nextInt(below: Self.vocabulary.count)]
        source += random.nextInt(below: 4) == 0 ? "" : " "
      }
      Self.check(source)
    }
  }

  @Test func randomCharacters() {
    var random = SeededRandom(seed: 7)
    let alphabet = Array("ab1.(),[]|=<>!-\"'`#\\u{}\n\t\r é\u{301}\u{7}\u{1B}\u{85}表😀")
    for _ in 0..<3000 {
      var source = ""
      for _ in 0..<random.nextInt(below: 40) {
        source.append(alphabet[random.nextInt(below: alphabet.count)])
      }
      Self.check(source)
    }
  }

  /// Every prefix of every line, and the programs cut after each line.
  @Test func everyTruncationOfValidPrograms() {
    for program in [ParserStatementTests.designStatements, ParserStatementTests.designPipeline] {
      let lines = program.split(separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        let characters = Array(line)
        for end in 0...characters.count { Self.check(String(characters[0..<end])) }
        Self.check(lines[0...index].joined(separator: "\n"))
      }
    }
  }

  @Test func deepNestingDoesNotCrash() {
    Self.check("from t | filter " + String(repeating: "(", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "-", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "not ", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "[", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "f(", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "case when ", count: 500) + "x")
    Self.check("from t | filter " + String(repeating: "a + ", count: 100_000) + "a")
    Self.check("from t | filter " + String(repeating: "(a or ", count: 60) + "x")
    let manyConditions = (1...250).map { "a == \($0)" }.joined(separator: " or ")
    #expect(Parser.parse("from t | filter " + manyConditions).diagnostics.isEmpty)
    let deepest = String(repeating: "(", count: 63) + "x" + String(repeating: ")", count: 63)
    #expect(Parser.parse("from t | filter " + deepest).diagnostics.isEmpty)
  }
}
