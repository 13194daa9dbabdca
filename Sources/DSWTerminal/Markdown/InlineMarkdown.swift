/// Parses the inline part of Markdown (emphasis, code spans, links) into
/// styled runs of safe text.
///
/// A deliberately small subset of CommonMark: `**bold**`/`__bold__`,
/// `*italic*`/`_italic_`, `` `code` ``, `[text](url)` shown as `text (url)`,
/// `<https://…>` autolinks and backslash escapes. Delimiters open only when
/// a matching closer follows, so a stray `*` stays literal.
///
/// Closers are found through indexes built once per text (`InlineIndex`),
/// so hostile text with thousands of unmatched delimiters stays linear.
struct InlineMarkdown {
  /// Links inside link text are not parsed past this depth.
  static let maxLinkDepth = 2
  /// Longer "URLs" are not links; the bound keeps hostile text linear.
  static let maxURLLength = 2_048

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
  private let lookup: InlineIndex
  private var index = 0
  private var runs: [Run] = []
  private var bold = false
  private var italic = false
  private let baseRoles: [ThemeRole]
  private let linkDepth: Int

  private init(_ text: String, baseRoles: [ThemeRole], linkDepth: Int) {
    characters = Array(text)
    lookup = InlineIndex(characters)
    self.baseRoles = baseRoles
    self.linkDepth = linkDepth
  }

  /// The runs of `text`, each styled with `baseRoles` plus its own.
  static func parse(_ text: String, baseRoles: [ThemeRole] = [], linkDepth: Int = 0) -> [Run] {
    var parser = InlineMarkdown(text, baseRoles: baseRoles, linkDepth: linkDepth)
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
        if linkDepth >= Self.maxLinkDepth || !link() {
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

  /// A code span: a run of backticks up to the next run of the same
  /// length; an unmatched run stays literal as a whole.
  private mutating func codeSpan() -> Bool {
    var ticks = 0
    while index + ticks < characters.count, characters[index + ticks] == "`" { ticks += 1 }
    guard let close = lookup.nextBacktickRun(length: ticks, after: index) else {
      append(String(repeating: "`", count: ticks))
      index += ticks
      return true
    }
    var content = String(characters[(index + ticks)..<close])
    if content.count >= 2, content.hasPrefix(" "), content.hasSuffix(" "),
      content.contains(where: { $0 != " " })
    {
      content = String(content.dropFirst().dropLast())
    }
    append(content, roles: currentRoles + [.code])
    index = close + ticks
    return true
  }

  /// `[text](url)`, shown as the styled text followed by ` (url)`.
  private mutating func link() -> Bool {
    guard let close = lookup.closingBracket[index], close + 1 < characters.count,
      characters[close + 1] == "(", let end = lookup.nextParen[close + 1],
      end - close <= Self.maxURLLength
    else { return false }
    let label = String(characters[(index + 1)..<close])
    let url =
      String(characters[(close + 2)..<end]).split(separator: " ").first.map(String.init)
      ?? ""
    let labelRuns = InlineMarkdown.parse(
      label, baseRoles: currentRoles + [.link], linkDepth: linkDepth + 1)
    for var run in labelRuns {
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
    guard let end = lookup.nextAngle[index], end - index <= Self.maxURLLength else { return false }
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
    lookup.hasCloser(marker, length: length, after: start)
  }
}

extension Character {
  var isLetterOrNumber: Bool { isLetter || isNumber }
}
