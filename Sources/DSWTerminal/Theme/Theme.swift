/// A colour theme: a style for every role, cell-kind badges, the chart
/// palette and the heat scale for correlation matrices.
///
/// Themes are JSON files in `themes/` (see `themes/README.md`), read with
/// `Theme.decode(jsonBytes:)`. The three shipped themes are also compiled in,
/// so the app works when it cannot find the folder.
public struct Theme: Sendable, Hashable {
  /// The cell kinds that have badges, in display order.
  public static let cellKinds = ["markdown", "query", "train", "score", "ingest", "audience"]

  public var name: String
  public var roles: [ThemeRole: TextStyle]
  /// Badge styles by cell kind (`markdown`, `query`, `train`, `score`, `ingest`, `audience`).
  public var badges: [String: TextStyle]
  /// Series colours for charts, used in order.
  public var chartPalette: [TerminalColor]
  public var heat: HeatScale

  public init(
    name: String, roles: [ThemeRole: TextStyle], badges: [String: TextStyle],
    chartPalette: [TerminalColor], heat: HeatScale
  ) {
    self.name = name
    self.roles = roles
    self.badges = badges
    self.chartPalette = chartPalette
    self.heat = heat
  }

  /// The style for `role`; plain when the theme leaves it out.
  public subscript(role: ThemeRole) -> TextStyle {
    roles[role] ?? TextStyle()
  }

  /// The badge style for a cell kind; the muted style for an unknown kind.
  public func badge(kind: String) -> TextStyle {
    badges[kind] ?? self[.muted]
  }

  /// The `index`th chart colour, cycling through the palette.
  public func chartColor(_ index: Int) -> TerminalColor? {
    guard !chartPalette.isEmpty else { return nil }
    return chartPalette[((index % chartPalette.count) + chartPalette.count) % chartPalette.count]
  }

  /// The shipped themes by name.
  public static let builtins: [String: Theme] = [
    "dark": builtinDark, "light": builtinLight, "high-contrast": builtinHighContrast,
  ]

  /// The shipped theme called `name`, if any.
  public static func builtin(named name: String) -> Theme? { builtins[name] }
}
