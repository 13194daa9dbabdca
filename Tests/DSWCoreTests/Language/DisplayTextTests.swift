import Testing

@testable import DSWCore

/// Diagnostics show a source line as text, never as terminal commands.
@Suite struct DisplayTextTests {
  @Test func bidiOverridesAndControlsInASourceLineAreShownEscaped() {
    let source = "from t | filter name == \"\u{202E}evil\u{1B}[2J\""
    let diagnostic = Diagnostic.error(
      "E201", "unknown dataset `t`", at: SourceSpan(offset: 5, length: 1, line: 1, column: 6))
    let rendered = DiagnosticRenderer.render(diagnostic, source: source, location: "query")
    #expect(rendered.contains("\"\\u{202E}evil\\e[2J\""))
    #expect(!rendered.unicodeScalars.contains { DisplayText.isUnsafe($0.value) && $0 != "\n" })
  }
}
