/// Background colours for values in [-1, 1], as in a correlation matrix.
public struct HeatScale: Sendable, Hashable {
  public var negative: TerminalColor
  public var neutral: TerminalColor
  public var positive: TerminalColor
  /// The text colour on top of the heat background; nil keeps the cell's own.
  public var foreground: TerminalColor?

  public init(
    negative: TerminalColor, neutral: TerminalColor, positive: TerminalColor,
    foreground: TerminalColor? = nil
  ) {
    self.negative = negative
    self.neutral = neutral
    self.positive = positive
    self.foreground = foreground
  }

  /// The style for `value`: RGB scales blend smoothly from neutral to the
  /// end colour by |value|; other colours step at |value| ≥ 0.5, since
  /// palette indexes cannot be blended. Nil outside [-1, 1] or for NaN.
  public func style(for value: Double) -> TextStyle? {
    guard value.isFinite, value >= -1, value <= 1 else { return nil }
    let end = value < 0 ? negative : positive
    let strength = abs(value)
    let background: TerminalColor
    if case .rgb(let r0, let g0, let b0) = neutral, case .rgb(let r1, let g1, let b1) = end {
      func blend(_ from: UInt8, _ to: UInt8) -> UInt8 {
        let mixed = Double(from) + (Double(to) - Double(from)) * strength
        return UInt8(max(0, min(255, mixed.rounded())))
      }
      background = .rgb(red: blend(r0, r1), green: blend(g0, g1), blue: blend(b0, b1))
    } else {
      background = strength >= 0.5 ? end : neutral
    }
    return TextStyle(foreground: foreground, background: background)
  }
}
