/// Terminal colours as web colours, for charts drawn as SVG.
extension TerminalColor {
  /// The 16 ANSI colours as drawn on white paper: the named hue, deep enough
  /// to read against white (a terminal's bright yellow would vanish).
  static let paperANSI = [
    "#24292f", "#cf222e", "#1a7f37", "#9a6700", "#0969da", "#8250df", "#1b7c83", "#6e7781",
    "#57606a", "#e5534b", "#2da44e", "#d4a72c", "#218bff", "#a475f9", "#3192aa", "#8c959f",
  ]

  /// `#rrggbb` for SVG and CSS: ANSI colours from `paperANSI`, the 256-colour
  /// cube and grey ramp by xterm's formula, RGB as it is.
  public var webHex: String {
    switch self {
    case .ansi(let index):
      return Self.paperANSI[Int(index % 16)]
    case .indexed(let index) where index < 16:
      return Self.paperANSI[Int(index)]
    case .indexed(let index) where index >= 232:
      let level = 8 + 10 * Int(index - 232)
      return Self.hex(level, level, level)
    case .indexed(let index):
      let cube = Int(index) - 16
      let steps = [0, 95, 135, 175, 215, 255]
      return Self.hex(steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    case .rgb(let red, let green, let blue):
      return Self.hex(Int(red), Int(green), Int(blue))
    }
  }

  private static func hex(_ red: Int, _ green: Int, _ blue: Int) -> String {
    "#"
      + [red, green, blue].map { value in
        let digits = String(value, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }.joined()
  }
}
