import Testing

@testable import DSWTerminal

@Suite struct SafeTextTests {
  /// 1.2 MB of newlines and control characters once took over a minute:
  /// every append copied the whole string. Escaping is linear now.
  @Test(.timeLimit(.minutes(1))) func escapingAMegabyteIsLinear() {
    let text = String(repeating: "ab\u{1}\n\u{1B}[2J", count: 150_000)
    let escaped = SafeText.escape(text)
    #expect(escaped.utf8.count == 150_000 * 14)
    #expect(escaped.hasPrefix("ab\\u{1}\\n\\e[2Jab"))
  }

  @Test func aLongValueIsCutBeforeItIsEscaped() {
    let text = String(repeating: "\u{1}\n", count: 600_000)
    #expect(SafeText.escape(text, prefix: 3) == "\\u{1}\\n\\u{1}…")
    #expect(SafeText.escape("a\u{1B}b", prefix: 3) == "a\\eb")
    #expect(SafeText.escape("a\u{1B}bc", prefix: 3) == "a\\eb…")
    #expect(SafeText.escape("東京\r\n", prefix: 3) == "東京\\r\\n")
  }

  @Test func clearScreenIsShownEscaped() {
    #expect(SafeText.escape("a\u{1B}[2Jb") == "a\\e[2Jb")
  }

  @Test func namedEscapes() {
    #expect(SafeText.escape("x\ny\tz\r") == "x\\ny\\tz\\r")
  }

  @Test(arguments: [
    ("\u{0}", "\\u{0}"), ("\u{7}", "\\u{7}"), ("\u{1F}", "\\u{1f}"), ("\u{7F}", "\\u{7f}"),
    ("\u{80}", "\\u{80}"), ("\u{85}", "\\u{85}"), ("\u{9B}", "\\u{9b}"), ("\u{9F}", "\\u{9f}"),
    ("\u{202A}", "\\u{202a}"), ("\u{202E}", "\\u{202e}"), ("\u{2066}", "\\u{2066}"),
    ("\u{2069}", "\\u{2069}"),
  ])
  func controlAndBidiScalarsAreHexEscaped(raw: String, shown: String) {
    #expect(SafeText.escape("<" + raw + ">") == "<" + shown + ">")
  }

  @Test func bidiOverrideInsideText() {
    #expect(SafeText.escape("invoice\u{202E}fdp.exe") == "invoice\\u{202e}fdp.exe")
  }

  @Test func safeTextIsUnchanged() {
    for text in ["", "plain", "東京 😀 é", "\u{A0}nbsp", "\u{2065}\u{206A}", "back\\slash"] {
      #expect(SafeText.escape(text) == text)
    }
  }

  @Test func escapeLinesKeepsLineBreaks() {
    #expect(SafeText.escapeLines("a\u{1B}b\r\nc\td") == "a\\eb\nc\\td")
  }

  @Test func escapedOutputHasNoUnsafeScalars() {
    var text = ""
    for value in 0...0xA0 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    text += "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
    let escaped = SafeText.escape(text)
    #expect(!escaped.unicodeScalars.contains(where: SafeText.needsEscape))
  }
}

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("東京", 4), ("e\u{301}", 1), ("😀", 2), ("❤️", 2),
    ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("ｆｕｌｌ", 8), ("한국어", 6), ("a\u{200B}b", 2), ("…", 1),
  ])
  func widths(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func truncateKeepsWithinWidth() {
    #expect(DisplayWidth.truncate("東京タワー", to: 5) == "東京…")
    #expect(DisplayWidth.truncate("東京タワー", to: 6) == "東京…")
    #expect(DisplayWidth.truncate("東京タワー", to: 10) == "東京タワー")
    #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
    #expect(DisplayWidth.truncate("abcdef", to: 1) == "…")
    #expect(DisplayWidth.truncate("abcdef", to: 0) == "")
  }

  @Test func fitPadsByAlignment() {
    #expect(DisplayWidth.fit("東", to: 4, alignment: .right) == "  東")
    #expect(DisplayWidth.fit("ab", to: 5, alignment: .center) == " ab  ")
    #expect(DisplayWidth.fit("abcdef", to: 4) == "abc…")
  }

  @Test func paintedWidthIgnoresSGR() {
    let painted = Styler(theme: .builtinDark, enabled: true).paint("東京", .number)
    #expect(painted != "東京")
    #expect(DisplayWidth.ofPainted(painted) == 4)
    #expect(DisplayWidth.stripANSI(painted) == "東京")
  }
}
