/// Makes user text safe to print: control characters become visible escapes.
///
/// Source text can hold anything, but a raw ESC or BEL written to a terminal
/// would act on it instead of showing, so messages and source lines go through
/// here. Tabs become spaces so that carets line up under them.
public enum DisplayText {
  /// How many spaces a tab shows as in a source line.
  public static let tabWidth = 4

  /// The text with control characters escaped (`\e`, `\u{7}`); tabs stay.
  public static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      result += character == "\t" ? "\t" : display(character)
    }
    return result
  }

  /// How one character of a source line is shown: tabs as spaces, control
  /// characters escaped, everything else as itself.
  public static func display(_ character: Character) -> String {
    if character == "\t" { return String(repeating: " ", count: tabWidth) }
    guard let scalar = character.unicodeScalars.first else { return "" }
    if character.unicodeScalars.count == 1, isUnsafe(scalar.value) {
      if scalar.value == 0x1B { return "\\e" }
      return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
    if character == "\r\n" { return "" }
    return String(character)
  }

  /// The number of terminal columns a character takes once displayed.
  public static func width(_ character: Character) -> Int {
    if character == "\t" { return tabWidth }
    guard let scalar = character.unicodeScalars.first else { return 0 }
    if character.unicodeScalars.count == 1, isUnsafe(scalar.value) {
      return display(character).count
    }
    return isWide(scalar.value) ? 2 : 1
  }

  /// Whether a scalar must never reach a terminal raw (DESIGN §7): C0 and C1
  /// controls, ESC, DEL, and the bidi overrides U+202A–U+202E and
  /// U+2066–U+2069, which can make text read other than it is. The one
  /// definition every renderer uses.
  public static func isUnsafe(_ value: UInt32) -> Bool {
    if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
    if value < 0x202A { return false }
    return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }

  /// East Asian wide and fullwidth ranges, and emoji, which take two columns.
  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
      0x20000...0x3FFFD:
      true
    default:
      false
    }
  }
}
