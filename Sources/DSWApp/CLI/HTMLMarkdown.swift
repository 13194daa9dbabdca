import DSWTerminal

/// Markdown cells as HTML for the report: headings, paragraphs, lists, block
/// quotes, fenced code, rules, and inline code, bold, italics and links.
///
/// The notebook may be a stranger's, so no HTML in it passes through: every
/// character is escaped first and markup is added only for Markdown syntax.
/// Links keep only `http`, `https` and `mailto` targets, and relative ones;
/// a `javascript:` link is shown as text. Control characters are made
/// visible as `SafeText` does.
enum HTMLMarkdown {
  static func render(_ source: String) -> String {
    var blocks: [String] = []
    var paragraph: [String] = []
    var list: (ordered: Bool, items: [String])?
    var code: [String]?
    var fence = ""

    func flushParagraph() {
      if !paragraph.isEmpty {
        blocks.append("<p>" + paragraph.map(inline).joined(separator: "\n") + "</p>")
      }
      paragraph = []
    }
    func flushList() {
      if let current = list {
        let tag = current.ordered ? "ol" : "ul"
        blocks.append(
          "<\(tag)>" + current.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>")
      }
      list = nil
    }

    for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(rawLine)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if var lines = code {
        if trimmed.hasPrefix(fence) {
          blocks.append(
            "<pre><code>" + lines.map(HTMLText.escape).joined(separator: "\n") + "</code></pre>")
          code = nil
        } else {
          lines.append(line)
          code = lines
        }
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        flushParagraph()
        flushList()
        fence = String(trimmed.prefix(3))
        code = []
        continue
      }
      if trimmed.isEmpty {
        flushParagraph()
        flushList()
        continue
      }
      if let level = headingLevel(trimmed) {
        flushParagraph()
        flushList()
        let text = trimmed.dropFirst(level).trimmingCharacters(in: .whitespaces)
        blocks.append("<h\(level)>" + inline(text) + "</h\(level)>")
        continue
      }
      if trimmed == "---" || trimmed == "***" || trimmed == "___" {
        flushParagraph()
        flushList()
        blocks.append("<hr />")
        continue
      }
      if trimmed.hasPrefix("> ") || trimmed == ">" {
        flushParagraph()
        flushList()
        blocks.append(
          "<blockquote><p>" + inline(String(trimmed.dropFirst(1))) + "</p></blockquote>")
        continue
      }
      if let item = listItem(trimmed) {
        flushParagraph()
        if list?.ordered != item.ordered { flushList() }
        if list == nil { list = (item.ordered, []) }
        list?.items.append(item.text)
        continue
      }
      if list != nil, line.hasPrefix("  "), var current = list, !current.items.isEmpty {
        current.items[current.items.count - 1] += " " + trimmed
        list = current
        continue
      }
      flushList()
      paragraph.append(trimmed)
    }
    if let lines = code {
      blocks.append(
        "<pre><code>" + lines.map(HTMLText.escape).joined(separator: "\n") + "</code></pre>")
    }
    flushParagraph()
    flushList()
    return blocks.joined(separator: "\n")
  }

  /// `#` to `######` followed by a space: the heading's level.
  private static func headingLevel(_ line: String) -> Int? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
    return hashes
  }

  private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
    for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) {
      return (false, String(line.dropFirst(2)))
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count <= 9 {
      let rest = line.dropFirst(digits.count)
      if rest.hasPrefix(". ") || rest.hasPrefix(") ") {
        return (true, String(rest.dropFirst(2)))
      }
    }
    return nil
  }

  /// Inline Markdown: code spans first (their text is literal), then bold,
  /// italics and links in the escaped text between them.
  static func inline(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "`") {
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: "`") else { break }
      result += emphasis(String(rest[..<open]))
      result += "<code>" + HTMLText.escape(String(rest[afterOpen..<close])) + "</code>"
      rest = rest[rest.index(after: close)...]
    }
    return result + emphasis(String(rest))
  }

  private static func emphasis(_ text: String) -> String {
    var html = HTMLText.escape(text)
    html = html.replacing(#/\*\*([^*]+)\*\*/#) { "<strong>" + $0.output.1 + "</strong>" }
    html = html.replacing(#/(^|[^\w*])\*([^*\s][^*]*)\*(?![\w*])/#) {
      $0.output.1 + "<em>" + $0.output.2 + "</em>"
    }
    html = html.replacing(#/\[([^\]]+)\]\(([^)\s]+)\)/#) { match in
      let target = String(match.output.2)
      guard isSafeLink(target) else { return match.output.1 + " (" + match.output.2 + ")" }
      return "<a href=\"" + match.output.2 + "\">" + match.output.1 + "</a>"
    }
    return html
  }

  /// Web and mail links, and relative ones; never `javascript:` or `data:`.
  static func isSafeLink(_ target: String) -> Bool {
    let lower = target.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") {
      return true
    }
    guard let colon = lower.firstIndex(of: ":") else { return true }
    let slash = lower.firstIndex(of: "/") ?? lower.endIndex
    return slash < colon
  }
}

/// Text escaped for HTML and XML, with control characters made visible and
/// line breaks kept.
enum HTMLText {
  static func escape(_ text: String) -> String {
    XMLText.escape(SafeText.escapeLines(text))
  }
}
