/// Parses the inline part of Markdown (emphasis, code spans, links) into
/// styled runs of safe text.
///
/// A deliberately small subset of CommonMark: `**bold**`/`__bold__`,
/// `*italic*`/`_italic_`, `` `code` ``, `[text](url)` shown as `text (url)`,
/// `<https://…>` autolinks and backslash escapes. Delimiters open only when
/// a matching closer follows, so a stray `*` stays literal.
struct InlineMarkdown {
  /// A run of text with the roles that style it, outermost first; `bold`
  /// adds weight, since no theme role means "strong".
  struct Run {
    var text: String
    var roles: [ThemeRole]
    var bold: Bool

    /// The run's style under `theme`.
    func style(in theme: Theme) -> TextStyle {
      let style = roles.reduce(TextStyle()) { $0.merged(with: theme[$1]) }
      return bold ? style.merged(with: TextStyle(bold: true)) : style
    }
  }

  private let characters: [Character]
  private var index = 0
  private var runs: [Run] = []
  private var bold = false
  private var italic = false
  private let baseRoles: [ThemeRole]

  private init(_ text: String, baseRoles: [ThemeRole]) {
    characters = Array(text)
    self.baseRoles = baseRoles
  }

  /// The runs of `text`, each styled with `baseRoles` plus its own.
  static func parse(_ text: String, baseRoles: [ThemeRole] = []) -> [Run] {
    var parser = InlineMarkdown(text, baseRoles: baseRoles)
    parser.parseAll()
    return parser.runs
  }

  private var currentRoles: [ThemeRole] {
    italic ? baseRoles + [.emphasis] : baseRoles
  }

  private mutating func append(_ text: String, roles: [ThemeRole]? = nil) {
    guard !text.isEmpty else { return }
    let safe = SafeText.escape(text)
    let runRoles = roles ?? currentRoles
    if let last = runs.last, last.roles == runRoles, last.bold == bold {
      runs[runs.count - 1].text += safe
    } else {
      runs.append(Run(text: safe, roles: runRoles, bold: bold))
    }
  }

  private mutating func parseAll() {
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "\\":
        if index + 1 < characters.count, characters[index + 1].isASCII,
          characters[index + 1].isPunctuation || characters[index + 1].isSymbol
        {
          append(String(characters[index + 1]))
          index += 2
        } else {
          append("\\")
          index += 1
        }
      case "`":
        if !codeSpan() {
          append("`")
          index += 1
        }
      case "[":
        if !link() {
          append("[")
          index += 1
        }
      case "<":
        if !autolink() {
          append("<")
          index += 1
        }
      case "*", "_":
        if !emphasis(character) {
          append(String(character))
          index += 1
        }
      default:
        append(String(character))
        index += 1
      }
    }
  }

  /// A code span: a run of backticks up to the next run of the same length.
  private mutating func codeSpan() -> Bool {
    var ticks = 0
    while index + ticks < characters.count, characters[index + ticks] == "`" { ticks += 1 }
    var search = index + ticks
    while search < characters.count {
      guard characters[search] == "`" else {
        search += 1
        continue
      }
      var closing = 0
      while search + closing < characters.count, characters[search + closing] == "`" {
        closing += 1
      }
      if closing == ticks {
        var content = String(characters[(index + ticks)..<search])
        if content.count >= 2, content.hasPrefix(" "), content.hasSuffix(" "),
          content.contains(where: { $0 != " " })
        {
          content = String(content.dropFirst().dropLast())
        }
        append(content, roles: currentRoles + [.code])
        index = search + closing
        return true
      }
      search += closing
    }
    return false
  }

  /// `[text](url)`, shown as the styled text followed by ` (url)`.
  private mutating func link() -> Bool {
    var depth = 0
    var close = index
    while close < characters.count {
      if characters[close] == "[" { depth += 1 }
      if characters[close] == "]" {
        depth -= 1
        if depth == 0 { break }
      }
      close += 1
    }
    guard close + 1 < characters.count, characters[close + 1] == "(",
      let end = characters[(close + 2)...].firstIndex(of: ")")
    else { return false }
    let label = String(characters[(index + 1)..<close])
    let url = String(characters[(close + 2)..<end]).split(separator: " ").first.map(String.init)
      ?? ""
    for var run in InlineMarkdown.parse(label, baseRoles: currentRoles + [.link]) {
      run.bold = run.bold || bold
      runs.append(run)
    }
    if !url.isEmpty, url != label {
      append(" (" + url + ")", roles: currentRoles + [.muted])
    }
    index = end + 1
    return true
  }

  /// `<scheme://…>`, shown as the URL in the link style.
  private mutating func autolink() -> Bool {
    guard let end = characters[index...].firstIndex(of: ">") else { return false }
    let url = String(characters[(index + 1)..<end])
    guard url.contains("://") || url.hasPrefix("mailto:"), !url.contains(" ") else { return false }
    append(url, roles: currentRoles + [.link])
    index = end + 1
    return true
  }

  /// `*`/`_` (italic) and `**`/`__` (bold): toggles when the delimiter can
  /// open (followed by non-space, a closer ahead) or close (after non-space).
  private mutating func emphasis(_ marker: Character) -> Bool {
    let double = index + 1 < characters.count && characters[index + 1] == marker
    let length = double ? 2 : 1
    let before = index > 0 ? characters[index - 1] : " "
    let after = index + length < characters.count ? characters[index + length] : " "
    let isOpen = double ? bold : italic
    if isOpen {
      guard !before.isWhitespace, marker == "*" || !after.isLetterOrNumber else { return false }
      toggle(double)
      index += length
      return true
    }
    guard !after.isWhitespace, marker == "*" || !before.isLetterOrNumber,
      closer(marker, length: length, from: index + length)
    else { return false }
    toggle(double)
    index += length
    return true
  }

  private mutating func toggle(_ double: Bool) {
    if double { bold.toggle() } else { italic.toggle() }
  }

  /// Whether a closing delimiter of `length` `marker`s follows `start`.
  private func closer(_ marker: Character, length: Int, from start: Int) -> Bool {
    var position = start
    while position + length <= characters.count {
      let matches = (0..<length).allSatisfy { characters[position + $0] == marker }
      let longer = position + length < characters.count && characters[position + length] == marker
      if matches, position > start, !characters[position - 1].isWhitespace,
        length == 2 || !longer
      {
        let next = position + length < characters.count ? characters[position + length] : " "
        if marker == "*" || !next.isLetterOrNumber { return true }
      }
      position += matches ? length : 1
    }
    return false
  }
}

extension Character {
  fileprivate var isLetterOrNumber: Bool { isLetter || isNumber }
}
