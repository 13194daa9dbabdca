/// A terminal colour: one of the 16 ANSI colours, a 256-colour index or RGB.
public enum TerminalColor: Sendable, Hashable {
  /// The 16 standard colours: 0–7 normal, 8–15 bright.
  case ansi(UInt8)
  /// An index into the xterm 256-colour palette.
  case indexed(UInt8)
  case rgb(red: UInt8, green: UInt8, blue: UInt8)

  /// The colour names a theme file may use, in palette order.
  public static let ansiNames: [String] = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "brightBlack", "brightRed", "brightGreen", "brightYellow", "brightBlue",
    "brightMagenta", "brightCyan", "brightWhite",
  ]

  /// Friendlier names for common colours, beside the ANSI names.
  public static let aliases: [String: TerminalColor] = [
    "gray": .ansi(8), "grey": .ansi(8), "purple": .ansi(5), "orange": .indexed(208),
    "pink": .indexed(211), "teal": .indexed(30), "navy": .indexed(18),
  ]

  /// Every name `named(_:)` accepts, for suggestions.
  public static var allNames: [String] { ansiNames + aliases.keys.sorted() }

  /// The colour called `name` (an ANSI name or an alias), if any.
  public static func named(_ name: String) -> TerminalColor? {
    if let index = ansiNames.firstIndex(of: name) { return .ansi(UInt8(index)) }
    return aliases[name]
  }

  /// Parses `#rrggbb`; nil when malformed.
  public static func hex(_ text: String) -> TerminalColor? {
    let digits = Array(text.utf8)
    guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
    var components: [UInt8] = []
    for start in stride(from: 1, to: 7, by: 2) {
      guard let high = hexDigit(digits[start]), let low = hexDigit(digits[start + 1]) else {
        return nil
      }
      components.append(high << 4 | low)
    }
    return .rgb(red: components[0], green: components[1], blue: components[2])
  }

  /// The SGR parameters that select this colour as foreground or background.
  func sgrParameters(background: Bool) -> String {
    switch self {
    case .ansi(let index):
      let base = index < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
      return String(base + Int(index % 8))
    case .indexed(let index):
      return (background ? "48;5;" : "38;5;") + String(index)
    case .rgb(let red, let green, let blue):
      return (background ? "48;2;" : "38;2;") + "\(red);\(green);\(blue)"
    }
  }

  /// The colour as a theme file writes it.
  public var themeText: String {
    switch self {
    case .ansi(let index): TerminalColor.ansiNames[Int(index % 16)]
    case .indexed(let index): String(index)
    case .rgb(let red, let green, let blue):
      "#"
        + [red, green, blue].map { byte in
          let digits = String(byte, radix: 16)
          return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
