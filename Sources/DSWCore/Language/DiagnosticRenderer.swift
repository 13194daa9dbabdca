/// How the parts of a rendered diagnostic are decorated; identity by default.
///
/// The core renders plain text; the terminal layer passes closures that wrap
/// each part in colour. Each closure gets the exact text of its part.
public struct DiagnosticStyle: Sendable {
  /// `error[E104]` or `warning[W201]`.
  public var severity: @Sendable (String) -> String
  public var message: @Sendable (String) -> String
  /// The line-number gutter, the `|` bars and the `-->` arrow.
  public var gutter: @Sendable (String) -> String
  public var caret: @Sendable (String) -> String
  /// The `= help:` and `= note:` lines.
  public var help: @Sendable (String) -> String

  public init(
    severity: @escaping @Sendable (String) -> String = { $0 },
    message: @escaping @Sendable (String) -> String = { $0 },
    gutter: @escaping @Sendable (String) -> String = { $0 },
    caret: @escaping @Sendable (String) -> String = { $0 },
    help: @escaping @Sendable (String) -> String = { $0 }
  ) {
    self.severity = severity
    self.message = message
    self.gutter = gutter
    self.caret = caret
    self.help = help
  }

  public static let plain = DiagnosticStyle()
}

/// Prints a diagnostic in the rustc style, with the source line and carets:
///
///     error[E104]: `=` is assignment; use `==` to compare
///      --> cell 3 (k3j9x0aa), line 2, column 12
///       |
///     2 | | filter a = 1
///       |            ^
///       = help: write `a == 1`
///
/// Tabs show as spaces and control characters as escapes (`\e`, `\u{7}`), and
/// the carets are placed by display width, so they stay under their text.
public enum DiagnosticRenderer {
  public static func render(
    _ diagnostic: Diagnostic, source: String?, location: String?,
    style: DiagnosticStyle = .plain
  ) -> String {
    let span = diagnostic.span
    let sourceLine = span.flatMap { span in source.flatMap { line(span.line, of: $0) } }
    let gutterWidth = sourceLine == nil ? 1 : String(span?.line ?? 1).count
    let pad = String(repeating: " ", count: gutterWidth)

    let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code)]"
    let message = DisplayText.escaped(diagnostic.message)
    var lines = [style.severity(label) + ": " + style.message(message)]

    var position: [String] = []
    // The location may hold a path, which is text like any other.
    if let location { position.append(DisplayText.escaped(location)) }
    if let span { position.append("line \(span.line), column \(span.column)") }
    if !position.isEmpty {
      lines.append(pad + style.gutter("--> ") + position.joined(separator: ", "))
    }

    if let span, let sourceLine {
      let (shown, caretOffset, caretWidth) = layout(sourceLine, span: span)
      lines.append(pad + " " + style.gutter("|"))
      lines.append(style.gutter("\(span.line) |") + (shown.isEmpty ? "" : " " + shown))
      lines.append(
        pad + " " + style.gutter("|") + " " + String(repeating: " ", count: caretOffset)
          + style.caret(String(repeating: "^", count: caretWidth)))
    }
    for note in diagnostic.notes {
      lines.append(pad + " " + style.help("= note: " + DisplayText.escaped(note)))
    }
    if let help = diagnostic.help {
      lines.append(pad + " " + style.help("= help: " + DisplayText.escaped(help)))
    }
    return lines.joined(separator: "\n")
  }

  /// The 1-based line of the source, split only at `\n` and `\r\n` as the
  /// lexer does; nil past the end.
  static func line(_ number: Int, of source: String) -> Substring? {
    guard number >= 1 else { return nil }
    var current = 1
    var start = source.startIndex
    var index = source.startIndex
    while index < source.endIndex {
      if source[index].isLineBreak {
        if current == number { return source[start..<index] }
        current += 1
        start = source.index(after: index)
      }
      index = source.index(after: index)
    }
    return current == number ? source[start..<source.endIndex] : nil
  }

  /// The widest source line shown whole, in display columns; a longer one
  /// (a minified JSON notebook is one line) is cut to a window around the
  /// carets, with `…` where text was left out.
  static let maxLineWidth = 140

  /// The displayed line, and where its carets start and how many there are,
  /// in display columns. The span covers characters from its column until
  /// its UTF-8 length is used up, clipped to the line's end; at least one.
  private static func layout(_ line: Substring, span: SourceSpan) -> (String, Int, Int) {
    var pieces: [(text: String, start: Int, width: Int)] = []
    var caretOffset = 0
    var caretWidth = 0
    var remainingBytes = span.length
    var column = 1
    var total = 0
    for character in line {
      let width = DisplayText.width(character)
      pieces.append((DisplayText.display(character), total, width))
      total += width
      if column < span.column {
        caretOffset += width
      } else if remainingBytes > 0 {
        caretWidth += width
        remainingBytes -= character.utf8.count
      }
      column += 1
    }
    caretWidth = max(1, caretWidth)
    guard total > maxLineWidth else {
      return (pieces.map(\.text).joined(), caretOffset, caretWidth)
    }
    // A window of the line that starts a little before the carets.
    caretWidth = min(caretWidth, maxLineWidth / 2)
    var start = max(0, caretOffset - maxLineWidth / 4)
    let end = min(total, start + maxLineWidth)
    start = max(0, min(start, end - maxLineWidth))
    var shown = start > 0 ? "…" : ""
    for piece in pieces where piece.start >= start && piece.start + piece.width <= end {
      shown += piece.text
    }
    if end < total { shown += "…" }
    let offset = caretOffset - start + (start > 0 ? 1 : 0)
    return (shown, offset, max(1, min(caretWidth, end - caretOffset)))
  }
}
