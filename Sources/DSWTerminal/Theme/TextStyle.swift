/// How a role's text looks: colours and attributes, any of them optional.
public struct TextStyle: Sendable, Hashable {
  public var foreground: TerminalColor?
  public var background: TerminalColor?
  public var bold: Bool
  public var dim: Bool
  public var italic: Bool
  public var underline: Bool

  public init(
    foreground: TerminalColor? = nil, background: TerminalColor? = nil, bold: Bool = false,
    dim: Bool = false, italic: Bool = false, underline: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.italic = italic
    self.underline = underline
  }

  /// A style with only a foreground colour.
  public static func fg(_ color: TerminalColor, bold: Bool = false) -> TextStyle {
    TextStyle(foreground: color, bold: bold)
  }

  /// Whether the style changes anything at all.
  public var isPlain: Bool {
    foreground == nil && background == nil && !bold && !dim && !italic && !underline
  }

  /// `self` with `other` laid on top: its colours win where set, and
  /// attributes add up (bold inside a heading stays bold).
  public func merged(with other: TextStyle) -> TextStyle {
    TextStyle(
      foreground: other.foreground ?? foreground, background: other.background ?? background,
      bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
      underline: underline || other.underline)
  }

  /// The SGR parameter list (without `ESC[` and `m`), empty for a plain style.
  var sgrParameters: String {
    var parts: [String] = []
    if bold { parts.append("1") }
    if dim { parts.append("2") }
    if italic { parts.append("3") }
    if underline { parts.append("4") }
    if let foreground { parts.append(foreground.sgrParameters(background: false)) }
    if let background { parts.append(background.sgrParameters(background: true)) }
    return parts.joined(separator: ";")
  }
}
