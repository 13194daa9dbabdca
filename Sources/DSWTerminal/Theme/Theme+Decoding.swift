import DSWCore

/// Reading a theme from a JSON file; the format is in `themes/README.md`.
extension Theme {
  /// Theme files are hand-written and small; anything bigger is a mistake.
  public static let maxFileBytes = 256 * 1024

  /// The theme in `jsonBytes`. Roles and badges the file leaves out keep the
  /// built-in dark theme's styles, so a theme can change only what it cares
  /// about. Errors are `T001`…`T007` diagnostics with the line and column.
  public static func decode<Bytes: Collection<UInt8>>(
    jsonBytes: Bytes
  ) throws(Diagnostic) -> Theme {
    guard jsonBytes.count <= maxFileBytes else {
      throw .error(
        "T001", "theme file is too large (over \(maxFileBytes / 1024) KiB)", at: .unknown)
    }
    let root = try ThemeJSONReader.read(Array(jsonBytes))
    let members = try object(root, context: "theme file", what: "the theme")
    var theme = builtinDark
    theme.name = "custom"
    for (key, keySpan, value) in members {
      switch key {
      case "name":
        guard case .string(let name) = value.kind else {
          throw shape("theme: `name` must be a string, not \(value.description)", value)
        }
        theme.name = name
      case "roles":
        for (roleName, roleSpan, styleValue) in try object(value, context: "theme", what: "`roles`")
        {
          guard let role = ThemeRole(rawValue: roleName) else {
            throw unknown(
              "theme: unknown role `\(roleName)`", roleName,
              among: ThemeRole.allCases.map(\.rawValue), at: roleSpan)
          }
          theme.roles[role] = try style(styleValue, context: "theme role `\(roleName)`")
        }
      case "badges":
        for (kind, kindSpan, styleValue) in try object(value, context: "theme", what: "`badges`") {
          guard cellKinds.contains(kind) else {
            throw unknown(
              "theme: unknown cell kind `\(kind)` in `badges`", kind, among: cellKinds,
              at: kindSpan)
          }
          theme.badges[kind] = try style(styleValue, context: "theme badge `\(kind)`")
        }
      case "chart":
        guard case .array(let elements) = value.kind else {
          throw shape("theme: `chart` must be a list of colours, not \(value.description)", value)
        }
        guard !elements.isEmpty else {
          throw .error("T007", "theme: `chart` needs at least one colour", at: value.span)
        }
        var palette: [TerminalColor] = []
        for (position, element) in elements.enumerated() {
          guard let color = try color(element, context: "theme chart colour \(position + 1)")
          else {
            throw .error(
              "T007", "theme chart colour \(position + 1): `default` is not a chart colour",
              at: element.span)
          }
          palette.append(color)
        }
        theme.chartPalette = palette
      case "heat":
        theme.heat = try heatScale(value)
      default:
        throw unknown(
          "theme: unknown field `\(key)`", key,
          among: ["name", "roles", "badges", "chart", "heat"],
          at: keySpan)
      }
    }
    return theme
  }

  /// The theme in `jsonBytes`, or the built-in dark theme with the reason
  /// the file was refused, so a bad theme file never stops the app.
  public static func decodeOrFallback<Bytes: Collection<UInt8>>(
    jsonBytes: Bytes
  ) -> (theme: Theme, problem: Diagnostic?) {
    do {
      return (try decode(jsonBytes: jsonBytes), nil)
    } catch {
      return (builtinDark, error)
    }
  }

  private static func object(
    _ value: ThemeJSON, context: String, what: String
  ) throws(Diagnostic) -> [(key: String, keySpan: SourceSpan, value: ThemeJSON)] {
    guard case .object(let members) = value.kind else {
      throw shape("\(context): \(what) must be an object, not \(value.description)", value)
    }
    return members
  }

  private static func style(_ value: ThemeJSON, context: String) throws(Diagnostic) -> TextStyle {
    if case .string = value.kind, let color = try color(value, context: context) {
      return TextStyle(foreground: color)
    }
    guard case .object(let members) = value.kind else {
      throw shape(
        "\(context) must be an object or a colour, not \(value.description)", value)
    }
    var style = TextStyle()
    for (key, keySpan, attribute) in members {
      switch key {
      case "fg": style.foreground = try color(attribute, context: context)
      case "bg": style.background = try color(attribute, context: context)
      case "bold", "dim", "italic", "underline":
        guard case .bool(let flag) = attribute.kind else {
          throw .error(
            "T006", "\(context): `\(key)` must be true or false, not \(attribute.description)",
            at: attribute.span)
        }
        switch key {
        case "bold": style.bold = flag
        case "dim": style.dim = flag
        case "italic": style.italic = flag
        default: style.underline = flag
        }
      default:
        throw unknown(
          "\(context): unknown attribute `\(key)`", key,
          among: ["fg", "bg", "bold", "dim", "italic", "underline"], at: keySpan)
      }
    }
    return style
  }

  /// A colour: a name, `default` (nil: the terminal's own), an index 0–255 or `#rrggbb`.
  private static func color(
    _ value: ThemeJSON, context: String
  ) throws(Diagnostic) -> TerminalColor? {
    switch value.kind {
    case .string(let text):
      if text == "default" { return nil }
      if text.hasPrefix("#") {
        guard let color = TerminalColor.hex(text) else {
          throw .error(
            "T005", "\(context): `\(SafeText.escape(text))` is not a `#rrggbb` colour",
            at: value.span)
        }
        return color
      }
      guard let color = TerminalColor.named(text) else {
        throw unknown(
          "\(context): unknown colour `\(text)`", text, among: TerminalColor.allNames + ["default"],
          at: value.span, code: "T004")
      }
      return color
    case .number(let number):
      guard number >= 0, number <= 255, number == number.rounded() else {
        throw .error(
          "T005", "\(context): colour index \(formatNumber(number)) is not a whole number 0–255",
          at: value.span)
      }
      return .indexed(UInt8(number))
    default:
      throw .error(
        "T005",
        "\(context): a colour is a name, a 256-colour index or `#rrggbb`, not \(value.description)",
        at: value.span)
    }
  }

  private static func heatScale(_ value: ThemeJSON) throws(Diagnostic) -> HeatScale {
    var colors: [String: TerminalColor] = [:]
    var foreground: TerminalColor?
    let members = try object(value, context: "theme", what: "`heat`")
    for (key, keySpan, colorValue) in members {
      switch key {
      case "negative", "neutral", "positive":
        guard let color = try color(colorValue, context: "theme heat `\(key)`") else {
          throw .error(
            "T007", "theme heat `\(key)`: `default` is not a heat colour", at: colorValue.span)
        }
        colors[key] = color
      case "fg":
        foreground = try color(colorValue, context: "theme heat `fg`")
      default:
        throw unknown(
          "theme: unknown field `\(key)` in `heat`", key,
          among: ["negative", "neutral", "positive", "fg"], at: keySpan)
      }
    }
    guard let negative = colors["negative"], let neutral = colors["neutral"],
      let positive = colors["positive"]
    else {
      throw .error(
        "T007", "theme: `heat` needs `negative`, `neutral` and `positive` colours",
        at: value.span)
    }
    return HeatScale(
      negative: negative, neutral: neutral, positive: positive, foreground: foreground)
  }

  private static func shape(_ message: String, _ value: ThemeJSON) -> Diagnostic {
    .error("T002", message, at: value.span)
  }

  private static func unknown(
    _ message: String, _ word: String, among candidates: [String], at span: SourceSpan,
    code: String = "T003"
  ) -> Diagnostic {
    var text = SafeText.escape(message)
    if let suggestion = Suggestion.closest(to: word, among: candidates) {
      text += "; did you mean `\(suggestion)`?"
    }
    return .error(code, text, at: span)
  }

  private static func formatNumber(_ number: Double) -> String {
    number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
  }
}
