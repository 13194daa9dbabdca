import DSWTerminal

/// The tutor's own prose: `code` in backticks and **strong** words,
/// wrapped at a width with a hanging indent.
///
/// With colour, code is painted in the theme's code style and loses its
/// backticks; without colour the backticks stay, so "read it with
/// `from big`" still says where the code starts and ends in a pipe or
/// under `NO_COLOR`.
enum InlineText {
  enum Style {
    case plain
    case code
    case strong
  }

  /// `markup` laid out in lines of at most `width` columns (a longer word
  /// keeps a line of its own). The first line starts with `firstIndent`,
  /// the others with spaces as wide; plain text is painted in `role`.
  static func render(
    _ markup: String, width: Int, firstIndent: String = "", role: ThemeRole? = nil,
    styler: Styler
  ) -> [String] {
    let words = self.words(in: segments(of: markup), styler: styler)
    let hanging = String(repeating: " ", count: DisplayWidth.of(firstIndent))
    var lines: [String] = []
    var current: [[(String, Style)]] = []
    var currentWidth = 0
    let available = max(10, width - DisplayWidth.of(firstIndent))
    for word in words {
      let wordWidth = word.reduce(0) { $0 + DisplayWidth.of($1.0) }
      if !current.isEmpty, currentWidth + 1 + wordWidth > available {
        lines.append(paint(current, role: role, styler: styler))
        current = []
        currentWidth = 0
      }
      currentWidth += (current.isEmpty ? 0 : 1) + wordWidth
      current.append(word)
    }
    lines.append(paint(current, role: role, styler: styler))
    return lines.enumerated().map { ($0.offset == 0 ? firstIndent : hanging) + $0.element }
  }

  /// The text split where its style changes. A lone backtick or `**` opens
  /// a span that runs to the end, which only changes how it is painted.
  static func segments(of markup: String) -> [(String, Style)] {
    var segments: [(String, Style)] = []
    var text = ""
    var style = Style.plain
    var index = markup.startIndex
    func flush(next: Style) {
      if !text.isEmpty { segments.append((text, style)) }
      text = ""
      style = next
    }
    while index < markup.endIndex {
      let character = markup[index]
      let rest = markup[index...]
      if character == "`", style != .strong {
        flush(next: style == .code ? .plain : .code)
      } else if style != .code, rest.hasPrefix("**") {
        flush(next: style == .strong ? .plain : .strong)
        index = markup.index(after: index)
      } else {
        text.append(character)
      }
      index = markup.index(after: index)
    }
    flush(next: .plain)
    return segments
  }

  /// Words as runs of styled pieces. Without colour a code span keeps its
  /// backticks, as plain text.
  private static func words(in segments: [(String, Style)], styler: Styler) -> [[(String, Style)]] {
    var words: [[(String, Style)]] = []
    var current: [(String, Style)] = []
    for (text, style) in segments {
      let shown = (!styler.enabled && style == .code) ? "`" + text + "`" : text
      let effective: Style = styler.enabled ? style : .plain
      for (position, piece) in shown.split(separator: " ", omittingEmptySubsequences: false)
        .enumerated()
      {
        if position > 0, !current.isEmpty {
          words.append(current)
          current = []
        }
        if !piece.isEmpty { current.append((String(piece), effective)) }
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// Joins words with spaces and paints each run of one style at once, so
  /// a line holds few escape sequences. A space between two code words
  /// belongs to the code run.
  private static func paint(_ words: [[(String, Style)]], role: ThemeRole?, styler: Styler)
    -> String
  {
    var runs: [(String, Style)] = []
    for (position, word) in words.enumerated() {
      for (offset, piece) in word.enumerated() {
        let joined = (position > 0 && offset == 0) ? " " + piece.0 : piece.0
        if let last = runs.last, last.1 == piece.1 {
          runs[runs.count - 1].0 += joined
        } else if joined.hasPrefix(" "), runs.last != nil {
          runs[runs.count - 1].0 += " "
          runs.append((String(joined.dropFirst()), piece.1))
        } else {
          runs.append((joined, piece.1))
        }
      }
    }
    return runs.map { text, style in
      switch style {
      case .code: styler.paint(text, .code)
      case .strong: styler.paint(text, .emphasis)
      case .plain: role.map { styler.paint(text, $0) } ?? text
      }
    }.joined()
  }
}
