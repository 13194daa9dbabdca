/// Paints text with a theme's styles as ANSI SGR sequences, or leaves it
/// alone when colour is off.
///
/// With `enabled == false` nothing it returns holds an escape byte, whatever
/// the theme says; renderers rely on that for pipes and `NO_COLOR`.
public struct Styler: Sendable {
  public var theme: Theme
  public var enabled: Bool

  public init(theme: Theme, enabled: Bool) {
    self.theme = theme
    self.enabled = enabled
  }

  /// No colour, default theme: for files, pipes and exports.
  public static let plain = Styler(theme: .builtinDark, enabled: false)

  /// `text` in the style of `role`.
  public func paint(_ text: String, _ role: ThemeRole) -> String {
    paint(text, style: theme[role])
  }

  /// `text` in the styles of `roles`, later roles laid over earlier ones.
  public func paint(_ text: String, roles: [ThemeRole]) -> String {
    paint(text, style: roles.reduce(TextStyle()) { $0.merged(with: theme[$1]) })
  }

  /// `text` in `style`. Each line is painted on its own, so a style never
  /// bleeds into a pager's status line or the next prompt.
  public func paint(_ text: String, style: TextStyle) -> String {
    guard enabled, !text.isEmpty else { return text }
    let parameters = style.sgrParameters
    guard !parameters.isEmpty else { return text }
    let open = "\u{1B}[" + parameters + "m"
    let close = "\u{1B}[0m"
    guard text.utf8.contains(UInt8(ascii: "\n")) else { return open + text + close }
    return text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
      .map { $0.isEmpty ? "" : open + $0 + close }
      .joined(separator: "\n")
  }
}
