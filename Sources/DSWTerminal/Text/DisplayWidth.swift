/// How many terminal columns text takes, and how to fit text into a width.
///
/// Widths follow what terminals do with wcwidth: East Asian wide and fullwidth
/// characters and emoji take two columns, combining marks and format
/// characters none. Width is measured per grapheme cluster, so an emoji ZWJ
/// sequence or a flag counts once.
public enum DisplayWidth {
  /// The ellipsis that marks shortened text; one column wide.
  public static let ellipsis = "…"

  /// The display width of `text`; control characters count as zero, so
  /// measure text after `SafeText.escape(_:)`.
  public static func of(_ text: String) -> Int {
    var isASCII = true
    for byte in text.utf8 where byte >= 0x80 || byte < 0x20 || byte == 0x7F {
      isASCII = false
      break
    }
    if isASCII { return text.utf8.count }
    var width = 0
    for character in text { width += of(character) }
    return width
  }

  /// The display width of text that may hold ANSI SGR sequences (as a
  /// `Styler` writes them); the sequences count as zero.
  public static func ofPainted(_ text: String) -> Int {
    of(stripANSI(text))
  }

  /// `text` without ANSI CSI sequences (`ESC [ … final`).
  public static func stripANSI(_ text: String) -> String {
    guard text.unicodeScalars.contains("\u{1B}") else { return text }
    var result = String.UnicodeScalarView()
    var inSequence = false
    var sawBracket = false
    for scalar in text.unicodeScalars {
      if inSequence {
        if !sawBracket {
          sawBracket = true
          if scalar != "[" { inSequence = false }
          continue
        }
        if (0x40...0x7E).contains(scalar.value) { inSequence = false }
        continue
      }
      if scalar == "\u{1B}" {
        inSequence = true
        sawBracket = false
        continue
      }
      result.append(scalar)
    }
    return String(result)
  }

  /// The display width of one grapheme cluster.
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let base = width(of: first)
    if base == 1, first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
    if base == 0, scalars.count > 1 {
      // An orphan combining mark takes the width of what follows it, if anything.
      return scalars.dropFirst().map(width(of:)).max() ?? 0
    }
    return base
  }

  /// `text` shortened to at most `width` columns, ending in `…` when cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if of(text) <= width { return text }
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = of(character)
      if used + characterWidth > width - 1 { break }
      result.append(character)
      used += characterWidth
    }
    return result + ellipsis
  }

  /// `text` fitted to exactly `width` columns: shortened if too wide, padded
  /// with spaces on the side `alignment` leaves open.
  public static func fit(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
    let shortened = truncate(text, to: width)
    return pad(shortened, to: width, alignment: alignment)
  }

  /// `text` padded with spaces to `width` columns (never shortened).
  public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
    let gap = max(0, width - of(text))
    if gap == 0 { return text }
    switch alignment {
    case .left: return text + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + text
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + text
        + String(repeating: " ", count: gap - left)
    }
  }

  /// Where padding goes when text is narrower than its slot.
  public enum Alignment: Sendable, Hashable {
    case left, right, center
  }

  private static func width(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(value) || (0xFE00...0xFE0F).contains(value)
      || (0xE0100...0xE01EF).contains(value) || value == 0x200B
    {
      return 0
    }
    if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E,
      0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
      0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
