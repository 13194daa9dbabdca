/// Word-wraps styled runs to a width and paints the lines.
struct StyledWrapper {
  private typealias Piece = (text: String, style: TextStyle)

  /// A word: one or more styled pieces with no space between them.
  private struct Word {
    var pieces: [Piece] = []
    var width = 0
  }

  let styler: Styler

  /// `runs` wrapped to `width` columns, each line painted. Words wider than
  /// the width are cut across lines.
  func wrap(_ runs: [InlineMarkdown.Run], width: Int) -> [String] {
    let width = max(1, width)
    var lines: [[Piece]] = []
    var line: [Piece] = []
    var lineWidth = 0
    func add(_ word: Word, spaced: Bool) {
      if spaced {
        // The space takes the style both its neighbours share, so a link or
        // a bold phrase paints as one run.
        let shared = line.last?.style == word.pieces.first?.style
        line.append((" ", shared ? (line.last?.style ?? TextStyle()) : TextStyle()))
      }
      line += word.pieces
    }
    for word in words(runs) {
      if lineWidth > 0, lineWidth + 1 + word.width <= width {
        add(word, spaced: true)
        lineWidth += 1 + word.width
        continue
      }
      if lineWidth > 0 {
        lines.append(line)
        line = []
        lineWidth = 0
      }
      if word.width <= width {
        add(word, spaced: false)
        lineWidth = word.width
        continue
      }
      for piece in split(word, width: width) {
        if lineWidth > 0 { lines.append(line) }
        line = piece.pieces
        lineWidth = piece.width
      }
    }
    if lineWidth > 0 || lines.isEmpty { lines.append(line) }
    return lines.map(paint)
  }

  /// Paints a line, merging neighbouring pieces of the same style.
  private func paint(_ pieces: [Piece]) -> String {
    var merged: [Piece] = []
    for piece in pieces {
      if let last = merged.last, last.style == piece.style {
        merged[merged.count - 1].text += piece.text
      } else {
        merged.append(piece)
      }
    }
    return merged.map { styler.paint($0.text, style: $0.style) }.joined()
  }

  private func words(_ runs: [InlineMarkdown.Run]) -> [Word] {
    var words: [Word] = []
    var current = Word()
    for run in runs {
      let style = run.style(in: styler.theme)
      var text = ""
      func flushPiece() {
        guard !text.isEmpty else { return }
        current.pieces.append((text, style))
        current.width += DisplayWidth.of(text)
        text = ""
      }
      for character in run.text {
        if character == " " {
          flushPiece()
          if !current.pieces.isEmpty { words.append(current) }
          current = Word()
        } else {
          text.append(character)
        }
      }
      flushPiece()
    }
    if !current.pieces.isEmpty { words.append(current) }
    return words
  }

  /// A too-wide word cut into pieces at most `width` columns wide.
  private func split(_ word: Word, width: Int) -> [Word] {
    var result: [Word] = []
    var current = Word()
    for piece in word.pieces {
      var text = ""
      for character in piece.text {
        let characterWidth = DisplayWidth.of(character)
        if current.width + characterWidth > width, current.width > 0 {
          if !text.isEmpty { current.pieces.append((text, piece.style)) }
          result.append(current)
          current = Word()
          text = ""
        }
        text.append(character)
        current.width += characterWidth
      }
      if !text.isEmpty { current.pieces.append((text, piece.style)) }
    }
    if !current.pieces.isEmpty { result.append(current) }
    return result
  }
}
