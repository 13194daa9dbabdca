/// The `[kind]` badge shown beside a cell in `:cells` and headings.
public enum CellBadge {
  /// `[query]` in the theme's colour for the kind; an unknown kind shows
  /// (made safe) in the muted style.
  public static func render(kind: String, styler: Styler) -> String {
    styler.paint("[" + SafeText.escape(kind) + "]", style: styler.theme.badge(kind: kind))
  }

  /// The badge padded to the widest kind, so listings line up.
  public static func renderPadded(kind: String, styler: Styler) -> String {
    let width = (Theme.cellKinds.map(\.count).max() ?? 0) + 2
    let text = "[" + SafeText.escape(kind) + "]"
    let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    return styler.paint(text, style: styler.theme.badge(kind: kind)) + padding
  }
}
