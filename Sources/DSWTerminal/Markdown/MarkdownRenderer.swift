/// Renders Markdown for the terminal: headings, wrapped paragraphs, lists,
/// block quotes, code blocks, rules, and inline emphasis, code and links.
///
/// A small CommonMark subset with no external packages. Lines of a pipe
/// table are kept as written (shortened to the width), since wrapping them
/// would scramble their columns. All text passes through `SafeText`.
public enum MarkdownRenderer {
  /// Spaces a tab stands for in code blocks.
  static let tabWidth = 4

  /// `markdown` laid out within `width` columns.
  public static func render(_ markdown: String, width: Int, styler: Styler) -> String {
    let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
      .map(String.init)
    var renderer = MarkdownBlocks(styler: styler)
    return renderer.render(lines[...], width: max(10, width), tight: false).joined(separator: "\n")
  }
}

/// The block structure of Markdown: reads lines, emits rendered lines.
struct MarkdownBlocks {
  /// Quotes and lists nest at most this deep; deeper text shows as plain
  /// paragraphs, so a hostile notebook cannot exhaust the stack.
  static let maxDepth = 16

  let styler: Styler
  private var depth = 0

  init(styler: Styler) {
    self.styler = styler
  }

  /// Renders `lines` as a sequence of blocks; `tight` drops the blank line
  /// between blocks (inside a tight list item).
  mutating func render(_ lines: ArraySlice<String>, width: Int, tight: Bool) -> [String] {
    var output: [[String]] = []
    var index = lines.startIndex
    while index < lines.endIndex {
      let line = lines[index]
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        index += 1
        continue
      }
      let (block, next) = renderBlock(lines, at: index, width: width)
      output.append(block)
      index = max(next, index + 1)
    }
    return output.enumerated().flatMap { position, block in
      position > 0 && !tight ? [""] + block : block
    }
  }

  private mutating func renderBlock(
    _ lines: ArraySlice<String>, at start: Int, width: Int
  ) -> ([String], Int) {
    let line = lines[start]
    let stripped = MarkdownLine.dropIndent(line, upTo: 3)
    if depth >= Self.maxDepth {
      return paragraph(lines, at: start, width: width, nested: false)
    }
    if let fence = MarkdownLine.fence(stripped) {
      return codeBlock(
        lines, at: start, fence: (fence.marker, fence.length, MarkdownLine.indentWidth(line)),
        width: width)
    }
    if let (level, text) = MarkdownLine.heading(stripped) {
      return (heading(text, level: level, width: width), start + 1)
    }
    if MarkdownLine.isRule(stripped) {
      return ([styler.paint(String(repeating: "─", count: width), .muted)], start + 1)
    }
    if stripped.hasPrefix(">") {
      return quote(lines, at: start, width: width)
    }
    if MarkdownLine.listMarker(line) != nil {
      return list(lines, at: start, width: width)
    }
    if MarkdownLine.indentWidth(line) >= 4 {
      var end = start
      var code: [String] = []
      while end < lines.endIndex,
        MarkdownLine.indentWidth(lines[end]) >= 4 || lines[end].allSatisfy({ $0 == " " })
      {
        code.append(MarkdownLine.dropIndent(lines[end], upTo: 4))
        end += 1
      }
      while code.last?.isEmpty == true { code.removeLast() }
      return (codeLines(code, width: width), end)
    }
    if stripped.hasPrefix("|") {
      var end = start
      var table: [String] = []
      while end < lines.endIndex, MarkdownLine.dropIndent(lines[end], upTo: 3).hasPrefix("|") {
        table.append(DisplayWidth.truncate(SafeText.escape(lines[end]), to: width))
        end += 1
      }
      return (table, end)
    }
    return paragraph(lines, at: start, width: width, nested: true)
  }

  /// A paragraph up to a blank line; with `nested` false (past the depth
  /// limit) no line starts a new block.
  private func paragraph(
    _ lines: ArraySlice<String>, at start: Int, width: Int, nested: Bool
  ) -> ([String], Int) {
    var end = start
    var text: [String] = []
    while end < lines.endIndex {
      let line = lines[end]
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { break }
      let stripped = MarkdownLine.dropIndent(line, upTo: 3)
      if nested, !text.isEmpty, let level = MarkdownLine.setextLevel(stripped) {
        let heading = heading(text.joined(separator: " "), level: level, width: width)
        return (heading, end + 1)
      }
      if nested, !text.isEmpty, MarkdownLine.startsBlock(line) { break }
      text.append(line.trimmed(of: " \t"))
      end += 1
    }
    let runs = InlineMarkdown.parse(text.joined(separator: " "))
    return (StyledWrapper(styler: styler).wrap(runs, width: width), end)
  }

  private func heading(_ text: String, level: Int, width: Int) -> [String] {
    let runs = InlineMarkdown.parse(text, baseRoles: [.heading])
    var lines = StyledWrapper(styler: styler).wrap(runs, width: width)
    let textWidth = lines.map(DisplayWidth.ofPainted).max() ?? 0
    switch level {
    case 1: lines.append(styler.paint(String(repeating: "═", count: textWidth), .heading))
    case 2: lines.append(styler.paint(String(repeating: "─", count: textWidth), .heading))
    default: break
    }
    return lines
  }

  private func codeBlock(
    _ lines: ArraySlice<String>, at start: Int,
    fence: (marker: Character, length: Int, indent: Int),
    width: Int
  ) -> ([String], Int) {
    var end = start + 1
    var code: [String] = []
    while end < lines.endIndex {
      let stripped = MarkdownLine.dropIndent(lines[end], upTo: 3)
      if let closing = MarkdownLine.fence(stripped), closing.marker == fence.marker,
        closing.length >= fence.length, closing.info.isEmpty
      {
        return (codeLines(code, width: width), end + 1)
      }
      code.append(MarkdownLine.dropIndent(lines[end], upTo: fence.indent))
      end += 1
    }
    return (codeLines(code, width: width), end)
  }

  /// Code lines indented by two spaces in the code style; tabs expand, long
  /// lines are shortened rather than wrapped, so code keeps its shape.
  private func codeLines(_ code: [String], width: Int) -> [String] {
    code.map { line in
      let expanded = MarkdownLine.expandTabs(line, width: MarkdownRenderer.tabWidth)
      let text = DisplayWidth.truncate(SafeText.escape(expanded), to: max(1, width - 2))
      return "  " + styler.paint(text, .code)
    }
  }

  private mutating func quote(
    _ lines: ArraySlice<String>, at start: Int, width: Int
  ) -> ([String], Int) {
    var end = start
    var inner: [String] = []
    while end < lines.endIndex {
      let stripped = MarkdownLine.dropIndent(lines[end], upTo: 3)
      guard stripped.hasPrefix(">") else { break }
      var rest = stripped.dropFirst()
      if rest.hasPrefix(" ") { rest = rest.dropFirst() }
      inner.append(String(rest))
      end += 1
    }
    let bar = styler.paint("│", .muted)
    depth += 1
    let body = render(inner[...], width: max(1, width - 2), tight: false)
    depth -= 1
    return (body.map { $0.isEmpty ? bar : bar + " " + $0 }, end)
  }

  private mutating func list(
    _ lines: ArraySlice<String>, at start: Int, width: Int
  ) -> ([String], Int) {
    guard let first = MarkdownLine.listMarker(lines[start]) else { return ([], start + 1) }
    var items: [(number: Int?, lines: [String])] = []
    var end = start
    while end < lines.endIndex {
      guard let marker = MarkdownLine.listMarker(lines[end]), marker.ordered == first.ordered,
        marker.indent < first.contentIndent
      else { break }
      var itemLines = [marker.content]
      end += 1
      while end < lines.endIndex {
        let line = lines[end]
        let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
        if isBlank {
          // A blank line continues the item only if indented text follows.
          var look = end + 1
          while look < lines.endIndex, lines[look].allSatisfy({ $0 == " " || $0 == "\t" }) {
            look += 1
          }
          guard look < lines.endIndex,
            MarkdownLine.indentWidth(lines[look]) >= marker.contentIndent
          else { break }
          itemLines.append("")
          end += 1
          continue
        }
        if MarkdownLine.indentWidth(line) < marker.contentIndent,
          MarkdownLine.listMarker(line) != nil
        {
          break
        }
        if MarkdownLine.indentWidth(line) >= marker.contentIndent {
          itemLines.append(MarkdownLine.dropIndent(line, upTo: marker.contentIndent))
        } else if !MarkdownLine.startsBlock(line), itemLines.last?.isEmpty == false {
          itemLines.append(line.trimmed(of: " \t"))
        } else {
          break
        }
        end += 1
      }
      items.append((marker.number, itemLines))
      // A blank line between items keeps the list going.
      var look = end
      while look < lines.endIndex, lines[look].allSatisfy({ $0 == " " || $0 == "\t" }) {
        look += 1
      }
      if look > end, look < lines.endIndex, let next = MarkdownLine.listMarker(lines[look]),
        next.ordered == first.ordered, next.indent < first.contentIndent
      {
        end = look
      }
    }
    let markers = items.enumerated().map { position, item -> String in
      guard first.ordered else { return "•" }
      return String((first.number ?? 1) + position) + "."
    }
    let markerWidth = (markers.map(DisplayWidth.of).max() ?? 1) + 1
    var output: [String] = []
    for (marker, item) in zip(markers, items) {
      depth += 1
      let body = render(item.lines[...], width: max(1, width - markerWidth), tight: true)
      depth -= 1
      for (position, line) in body.enumerated() {
        let prefix =
          position == 0
          ? styler.paint(DisplayWidth.pad(marker, to: markerWidth - 1, alignment: .right), .muted)
            + " "
          : String(repeating: " ", count: markerWidth)
        output.append(line.isEmpty ? "" : prefix + line)
      }
    }
    return (output, max(end, start + 1))
  }
}
