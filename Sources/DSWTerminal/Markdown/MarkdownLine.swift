/// Line-level tests of Markdown syntax: what block a line opens.
enum MarkdownLine {
  struct ListMarker {
    var ordered: Bool
    var number: Int?
    /// Columns before the marker.
    var indent: Int
    /// Columns before the item's text: continuation lines indent this far.
    var contentIndent: Int
    var content: String
  }

  /// Columns of leading whitespace, a tab counting to the next stop of 4.
  static func indentWidth(_ line: String) -> Int {
    var width = 0
    for character in line {
      if character == " " {
        width += 1
      } else if character == "\t" {
        width += 4 - width % 4
      } else {
        break
      }
    }
    return width
  }

  /// `line` without up to `count` columns of leading whitespace.
  static func dropIndent(_ line: String, upTo count: Int) -> String {
    var width = 0
    var index = line.startIndex
    while index < line.endIndex, width < count {
      let character = line[index]
      if character == " " {
        width += 1
      } else if character == "\t" {
        let next = width + 4 - width % 4
        if next > count {
          return String(repeating: " ", count: next - count) + line[line.index(after: index)...]
        }
        width = next
      } else {
        break
      }
      index = line.index(after: index)
    }
    return String(line[index...])
  }

  static func expandTabs(_ line: String, width: Int) -> String {
    guard line.contains("\t") else { return line }
    var result = ""
    var column = 0
    for character in line {
      if character == "\t" {
        let spaces = width - column % width
        result += String(repeating: " ", count: spaces)
        column += spaces
      } else {
        result.append(character)
        column += DisplayWidth.of(character)
      }
    }
    return result
  }

  /// An opening or closing code fence: ``` or ~~~ (3 or more), with its info.
  static func fence(_ stripped: String) -> (marker: Character, length: Int, info: String)? {
    guard let marker = stripped.first, marker == "`" || marker == "~" else { return nil }
    let length = stripped.prefix { $0 == marker }.count
    guard length >= 3 else { return nil }
    let info = stripped.dropFirst(length).trimmed(of: " \t")
    if marker == "`", info.contains("`") { return nil }
    return (marker, length, info)
  }

  /// An ATX heading: its level and text without the `#` marks.
  static func heading(_ stripped: String) -> (Int, String)? {
    let level = stripped.prefix { $0 == "#" }.count
    guard (1...6).contains(level) else { return nil }
    let rest = stripped.dropFirst(level)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    var text = rest.trimmed(of: " \t")
    let closing = text.reversed().prefix { $0 == "#" }.count
    if closing > 0, closing == text.count {
      text = ""
    } else if closing > 0, text.dropLast(closing).hasSuffix(" ") {
      text = String(text.dropLast(closing)).trimmed(of: " \t")
    }
    return (level, text)
  }

  /// A thematic break: three or more `-`, `*` or `_`, spaces allowed.
  static func isRule(_ stripped: String) -> Bool {
    let marks = stripped.filter { $0 != " " && $0 != "\t" }
    guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
    return marks.allSatisfy { $0 == first }
  }

  /// A setext underline: `===` (level 1) or `---` (level 2).
  static func setextLevel(_ stripped: String) -> Int? {
    let trimmed = stripped.trimmed(of: " \t")
    guard let first = trimmed.first, trimmed.allSatisfy({ $0 == first }) else { return nil }
    if first == "=" { return 1 }
    if first == "-" { return 2 }
    return nil
  }

  static func listMarker(_ line: String) -> ListMarker? {
    let indent = indentWidth(line)
    let stripped = dropIndent(line, upTo: indent)
    var markerLength = 0
    var ordered = false
    var number: Int?
    if let first = stripped.first, "-*+".contains(first) {
      markerLength = 1
    } else {
      let digits = stripped.prefix { $0.isASCII && $0.isNumber }
      guard (1...9).contains(digits.count) else { return nil }
      let after = stripped.dropFirst(digits.count).first
      guard after == "." || after == ")" else { return nil }
      markerLength = digits.count + 1
      ordered = true
      number = Int(digits)
    }
    let rest = stripped.dropFirst(markerLength)
    if rest.isEmpty {
      return ListMarker(
        ordered: ordered, number: number, indent: indent,
        contentIndent: indent + markerLength + 1, content: "")
    }
    guard rest.first == " " || rest.first == "\t" else { return nil }
    if !ordered, isRule(stripped) { return nil }
    let spaces = min(4, rest.prefix { $0 == " " }.count)
    let gap = spaces == 0 ? 1 : spaces
    return ListMarker(
      ordered: ordered, number: number, indent: indent,
      contentIndent: indent + markerLength + gap,
      content: String(rest.dropFirst(gap)).trimmed(of: " \t"))
  }

  /// Whether `line` starts a block that interrupts a paragraph.
  static func startsBlock(_ line: String) -> Bool {
    let stripped = dropIndent(line, upTo: 3)
    if fence(stripped) != nil || heading(stripped) != nil || isRule(stripped) { return true }
    if stripped.hasPrefix(">") || stripped.hasPrefix("|") { return true }
    if let marker = listMarker(line), !marker.content.isEmpty,
      !marker.ordered || marker.number == 1
    {
      return true
    }
    return false
  }
}

extension StringProtocol {
  /// The text without leading and trailing characters from `set`.
  func trimmed(of set: String) -> String {
    let characters = Array(self)
    var start = 0
    var end = characters.count
    while start < end, set.contains(characters[start]) { start += 1 }
    while end > start, set.contains(characters[end - 1]) { end -= 1 }
    return String(characters[start..<end])
  }
}
