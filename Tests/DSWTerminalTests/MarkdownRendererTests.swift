import Testing

@testable import DSWTerminal

@Suite struct MarkdownRendererTests {
  func render(_ markdown: String, width: Int = 40) -> String {
    MarkdownRenderer.render(markdown, width: width, styler: Fixtures.plain)
  }

  @Test(arguments: [60, 100])
  func documentGolden(width: Int) {
    let plain = MarkdownRenderer.render(Fixtures.markdown, width: width, styler: Fixtures.plain)
    Snapshot.assert(plain, named: "markdown-\(width)")
    let colour = MarkdownRenderer.render(Fixtures.markdown, width: width, styler: Fixtures.colour)
    Snapshot.assert(colour, named: "markdown-\(width)-colour")
    #expect(DisplayWidth.stripANSI(colour) == plain)
    #expect(!plain.utf8.contains(0x1B))
    for line in plain.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= width) }
  }

  @Test func headingsDropMarksAndH1IsRuled() {
    #expect(render("# Title") == "Title\n═════")
    #expect(render("## Sub ##") == "Sub\n───")
    #expect(render("### Small") == "Small")
    #expect(render("#hashtag") == "#hashtag")
    #expect(render("Setext\n---") == "Setext\n──────")
  }

  @Test func paragraphsWrapToWidth() {
    #expect(
      render("one two three four five six seven eight nine ten", width: 20)
        == "one two three four\nfive six seven eight\nnine ten")
    #expect(render("first\nsecond line", width: 40) == "first second line")
    #expect(render("a\n\nb") == "a\n\nb")
  }

  @Test func inlineMarkup() {
    #expect(
      render("**bold** and *it* and `x * y` and __b__ and _i_")
        == "bold and it and x * y and b and i")
    #expect(
      render("see [docs](https://x.dev) or <https://y.dev>", width: 60)
        == "see docs (https://x.dev) or https://y.dev")
    #expect(render("a * b * c and snake_case_name") == "a * b * c and snake_case_name")
    #expect(render("\\*not italic\\*") == "*not italic*")
    #expect(render("unclosed **bold") == "unclosed **bold")
  }

  @Test func inlineStylesInColour() {
    let text = MarkdownRenderer.render("**b** *i* `c` [l](u)", width: 40, styler: Fixtures.colour)
    #expect(
      text
        == "\u{1B}[1mb\u{1B}[0m \u{1B}[3mi\u{1B}[0m \u{1B}[38;5;180mc\u{1B}[0m "
        + "\u{1B}[4;96ml\u{1B}[0m \u{1B}[90m(u)\u{1B}[0m")
  }

  @Test func listsHangTheirIndent() {
    #expect(
      render("- alpha beta gamma delta epsilon\n- b", width: 20)
        == "• alpha beta gamma\n  delta epsilon\n• b")
    #expect(
      render("1. one\n2. two\n   - nested item\n10. ten", width: 30)
        == "1. one\n2. two\n   • nested item\n3. ten")
    #expect(render("9. nine\n10. ten") == " 9. nine\n10. ten")
    #expect(render("3) three\n4) four") == "3. three\n4. four")
  }

  @Test func quotesAndRulesAndCode() {
    #expect(render("> quoted *text*\n> more") == "│ quoted text more")
    #expect(render("---", width: 12) == "────────────")
    #expect(render("```\nlet x = 1\n\tindent\n```") == "  let x = 1\n      indent")
    #expect(render("    code block\n    second") == "  code block\n  second")
    #expect(render("~~~swift\nx\n~~~\nafter") == "  x\n\nafter")
    #expect(render("```\nunclosed") == "  unclosed")
  }

  @Test func pipeTablesAreKeptAsWritten() {
    #expect(render("| a | b |\n|---|---|\n| 1 | 2 |") == "| a | b |\n|---|---|\n| 1 | 2 |")
  }

  @Test func controlCharactersAreEscaped() {
    let text = render("x \u{1B}[2J y\n\n```\n\u{1B}]0;t\u{7}\n```\n\n# \u{202E}h")
    #expect(text == "x \\e[2J y\n\n  \\e]0;t\\u{7}\n\n\\u{202e}h\n═════════")
    #expect(!text.unicodeScalars.contains { $0 != "\n" && SafeText.needsEscape($0) })
  }

  @Test func crlfAndLongWords() {
    #expect(render("a\r\nb") == "a b")
    #expect(render(String(repeating: "x", count: 25), width: 10) == "xxxxxxxxxx\nxxxxxxxxxx\nxxxxx")
  }

  @Test func emptyInput() {
    #expect(render("") == "")
    #expect(render("\n\n  \n") == "")
  }
}

@Suite struct MarkdownHostileInputTests {
  @Test func deepNestingIsBounded() {
    let quotes = String(repeating: ">", count: 5_000) + " deep"
    let text = MarkdownRenderer.render(quotes, width: 60, styler: Fixtures.plain)
    #expect(text.hasSuffix("deep"))
    let lists = (0..<300).map { String(repeating: "  ", count: $0) + "- item" }
      .joined(separator: "\n")
    #expect(!MarkdownRenderer.render(lists, width: 60, styler: Fixtures.plain).isEmpty)
    let links = String(repeating: "[", count: 5_000) + "x" + String(repeating: "](u)", count: 5_000)
    #expect(!MarkdownRenderer.render(links, width: 60, styler: Fixtures.plain).isEmpty)
  }

  /// Unmatched delimiters cost time in proportion to the text, not its
  /// square. Measured as growth, so that a slow machine or a sanitizer (which
  /// slows this 20-fold) cannot fail it: four times the text takes about four
  /// times as long; quadratic work would take sixteen.
  @Test func manyUnmatchedDelimitersStayFast() {
    func seconds(_ repeats: Int) -> Double {
      let text =
        String(repeating: "* ` [ _ ", count: repeats) + String(repeating: "[a](<", count: repeats)
        + String(repeating: ")>", count: 5)
      let clock = ContinuousClock()
      let fastest =
        (0..<2).map { _ in
          clock.measure { _ = MarkdownRenderer.render(text, width: 80, styler: Fixtures.plain) }
        }.min() ?? .zero
      return Double(fastest.components.seconds) + Double(fastest.components.attoseconds) * 1e-18
    }
    let small = seconds(4_000)
    let large = seconds(16_000)
    #expect(large < 10 * small + 0.05, "4,000 repeats: \(small) s; 16,000: \(large) s")
  }
}
