import Testing

@testable import DSWCore

/// The rustc-style layout: arrow line, gutter, source line, carets, notes, help.
@Suite struct DiagnosticRendererTests {
  static func span(_ line: Int, _ column: Int, offset: Int, length: Int) -> SourceSpan {
    SourceSpan(offset: offset, length: length, line: line, column: column)
  }

  @Test func theBriefExample() {
    let source = "from events\n| filter a = 1"
    let diagnostic = Diagnostic.error(
      "E104", "`=` is assignment; use `==` to compare", at: Self.span(2, 12, offset: 23, length: 1),
      help: "write `a == 1`")
    let expected = """
      error[E104]: `=` is assignment; use `==` to compare
       --> cell 3 (k3j9x0aa), line 2, column 12
        |
      2 | | filter a = 1
        |            ^
        = help: write `a == 1`
      """
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: "cell 3 (k3j9x0aa)")
        == expected)
  }

  @Test func withoutLocationOrSpanThereIsNoArrow() {
    let diagnostic = Diagnostic.error("E900", "something broke", notes: ["a note"], help: "a help")
    #expect(
      DiagnosticRenderer.render(diagnostic, source: nil, location: nil)
        == "error[E900]: something broke\n  = note: a note\n  = help: a help")
  }

  @Test func aLocationHoldingControlCharactersIsEscaped() {
    let diagnostic = Diagnostic.warning("T001", "theme file is not valid JSON")
    #expect(
      DiagnosticRenderer.render(diagnostic, source: nil, location: "/tmp/\u{1B}[2J/themes/x.json")
        == "warning[T001]: theme file is not valid JSON\n --> /tmp/\\e[2J/themes/x.json")
  }

  @Test func locationWithoutSpan() {
    let diagnostic = Diagnostic.warning("W201", "column `x` shadows a parameter")
    #expect(
      DiagnosticRenderer.render(diagnostic, source: "from t", location: "cell 2 (abc)")
        == "warning[W201]: column `x` shadows a parameter\n --> cell 2 (abc)")
  }

  @Test func spanWithoutSourceGivesOnlyThePosition() {
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(4, 2, offset: 30, length: 3))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: nil, location: nil)
        == "error[E1]: bad\n --> line 4, column 2")
  }

  @Test func spanPastTheSourceGivesOnlyThePosition() {
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(9, 1, offset: 99, length: 1))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: "one line", location: "cell 1 (x)")
        == "error[E1]: bad\n --> cell 1 (x), line 9, column 1")
  }

  @Test func multiLineSpansAreClippedAtTheLineEnd() {
    let source = "from t | derive y = f(\n  a)"
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(1, 21, offset: 20, length: 7))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: nil)
        == """
        error[E1]: bad
         --> line 1, column 21
          |
        1 | from t | derive y = f(
          |                     ^^
        """)
  }

  @Test func zeroLengthSpanAtTheEndGetsOneCaret() {
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(1, 5, offset: 4, length: 0))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: "take", location: nil)
        == "error[E1]: bad\n --> line 1, column 5\n  |\n1 | take\n  |     ^")
  }

  @Test func tabsShowAsSpacesWithCaretsAligned() {
    let source = "\tfrom\tt"
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(1, 7, offset: 6, length: 1))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: nil)
        == "error[E1]: bad\n --> line 1, column 7\n  |\n1 |     from    t\n  |             ^")
  }

  @Test func controlCharactersAreEscapedAndCaretsStayAligned() {
    let source = "a\u{1B}[31m\u{7}b\u{7F}c\u{85}d"
    let diagnostic = Diagnostic.error(
      "E1", "bad \u{1B}[2J", at: Self.span(1, 9, offset: 9, length: 1))
    let rendered = DiagnosticRenderer.render(diagnostic, source: source, location: nil)
    #expect(!rendered.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(
      rendered
        == #"""
        error[E1]: bad \e[2J
         --> line 1, column 9
          |
        1 | a\e[31m\u{7}b\u{7F}c\u{85}d
          |              ^^^^^^
        """#)
  }

  @Test func wideCharactersTakeTwoColumns() {
    let source = "from 表 | take x"
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(1, 15, offset: 17, length: 1))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: nil)
        == "error[E1]: bad\n --> line 1, column 15\n  |\n1 | from 表 | take x\n  |                ^")
  }

  @Test func aLongLineIsCutToAWindowAroundTheCarets() {
    // A minified JSON notebook is one line: only the part near the error shows.
    let prefix = String(repeating: "a", count: 200)
    let source = prefix + "BAD" + String(repeating: "z", count: 200)
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(1, 201, offset: 200, length: 3))
    let shown = "…" + String(repeating: "a", count: 35) + "BAD" + String(repeating: "z", count: 102)
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: nil)
        == "error[E1]: bad\n --> line 1, column 201\n  |\n1 | \(shown)…\n  |"
        + String(repeating: " ", count: 37) + "^^^")
    // Near the start the window starts at the line's start.
    let early = Diagnostic.error("E1", "bad", at: Self.span(1, 3, offset: 2, length: 1))
    #expect(
      DiagnosticRenderer.render(early, source: source, location: nil)
        == "error[E1]: bad\n --> line 1, column 3\n  |\n1 | "
        + String(repeating: "a", count: 140) + "…\n  |   ^")
    // Near the end it ends at the line's end.
    let late = Diagnostic.error("E1", "bad", at: Self.span(1, 403, offset: 402, length: 1))
    #expect(
      DiagnosticRenderer.render(late, source: source, location: nil)
        == "error[E1]: bad\n --> line 1, column 403\n  |\n1 | …"
        + String(repeating: "z", count: 140) + "\n  |" + String(repeating: " ", count: 141) + "^")
  }

  @Test func gutterWidensForLongLineNumbers() {
    let source = String(repeating: "\n", count: 99) + "bad"
    let diagnostic = Diagnostic.error("E1", "bad", at: Self.span(100, 1, offset: 99, length: 3))
    #expect(
      DiagnosticRenderer.render(diagnostic, source: source, location: "cell 1 (a)")
        == "error[E1]: bad\n   --> cell 1 (a), line 100, column 1\n    |\n100 | bad\n    | ^^^")
  }

  @Test func stylesWrapEachPart() {
    let diagnostic = Diagnostic.error(
      "E1", "bad", at: Self.span(1, 1, offset: 0, length: 1), notes: ["n"], help: "h")
    let style = DiagnosticStyle(
      severity: { "<s>\($0)</s>" }, message: { "<m>\($0)</m>" }, gutter: { "<g>\($0)</g>" },
      caret: { "<c>\($0)</c>" }, help: { "<h>\($0)</h>" })
    #expect(
      DiagnosticRenderer.render(diagnostic, source: "x", location: nil, style: style)
        == """
        <s>error[E1]</s>: <m>bad</m>
         <g>--> </g>line 1, column 1
          <g>|</g>
        <g>1 |</g> x
          <g>|</g> <c>^</c>
          <h>= note: n</h>
          <h>= help: h</h>
        """)
  }
}
