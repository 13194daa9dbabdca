/// A point in source text: UTF-8 offset plus 1-based line and character column.
struct SourcePosition: Sendable, Hashable {
  var offset: Int
  var line: Int
  var column: Int
}

/// Walks source text one character (grapheme) at a time, tracking the UTF-8
/// offset and the line and column, so every token gets an exact span.
struct SourceCursor {
  private let characters: [Character]
  private let utf8: [UInt8]
  private var index = 0
  private(set) var position = SourcePosition(offset: 0, line: 1, column: 1)

  init(_ source: String) {
    characters = Array(source)
    utf8 = Array(source.utf8)
  }

  func peek(_ ahead: Int = 0) -> Character? {
    let wanted = index + ahead
    return wanted < characters.count ? characters[wanted] : nil
  }

  mutating func advance() {
    guard index < characters.count else { return }
    let character = characters[index]
    index += 1
    position.offset += character.utf8.count
    if character.isLineBreak {
      position.line += 1
      position.column = 1
    } else {
      position.column += 1
    }
  }

  func span(from start: SourcePosition) -> SourceSpan {
    SourceSpan(
      offset: start.offset, length: position.offset - start.offset, line: start.line,
      column: start.column)
  }

  func text(of span: SourceSpan) -> String {
    SourceText.slice(utf8, span)
  }
}

/// Helpers over the UTF-8 bytes of a source text.
enum SourceText {
  /// The text a span covers; empty when the span lies outside the source.
  static func slice(_ utf8: [UInt8], _ span: SourceSpan) -> String {
    let lower = max(0, min(span.offset, utf8.count))
    let upper = max(lower, min(span.offset + span.length, utf8.count))
    return String(decoding: utf8[lower..<upper], as: UTF8.self)
  }
}
