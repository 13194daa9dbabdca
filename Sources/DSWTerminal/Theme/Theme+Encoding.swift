import DSWCore

/// Writing a theme as JSON in the `themes/` file format.
extension Theme {
  /// The theme as a theme file: keys in a fixed order, two-space indent, a
  /// trailing newline. Every role and badge is written out.
  public var jsonText: String {
    var lines = ["{", "  \"name\": \(quoted(name)),", "  \"roles\": {"]
    let roleLines = ThemeRole.allCases.map { role in
      "    \(quoted(role.rawValue)): \(styleJSON(self[role]))"
    }
    lines.append(roleLines.joined(separator: ",\n"))
    lines.append("  },")
    lines.append("  \"badges\": {")
    let badgeLines = Theme.cellKinds.map { kind in
      "    \(quoted(kind)): \(styleJSON(badge(kind: kind)))"
    }
    lines.append(badgeLines.joined(separator: ",\n"))
    lines.append("  },")
    lines.append("  \"chart\": [" + chartPalette.map(colorJSON).joined(separator: ", ") + "],")
    var heatParts = [
      "\"negative\": \(colorJSON(heat.negative))", "\"neutral\": \(colorJSON(heat.neutral))",
      "\"positive\": \(colorJSON(heat.positive))",
    ]
    if let foreground = heat.foreground { heatParts.append("\"fg\": \(colorJSON(foreground))") }
    lines.append("  \"heat\": { " + heatParts.joined(separator: ", ") + " }")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func styleJSON(_ style: TextStyle) -> String {
    var parts: [String] = []
    if let foreground = style.foreground { parts.append("\"fg\": \(colorJSON(foreground))") }
    if let background = style.background { parts.append("\"bg\": \(colorJSON(background))") }
    if style.bold { parts.append("\"bold\": true") }
    if style.dim { parts.append("\"dim\": true") }
    if style.italic { parts.append("\"italic\": true") }
    if style.underline { parts.append("\"underline\": true") }
    return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
  }

  private func colorJSON(_ color: TerminalColor) -> String {
    if case .indexed(let index) = color { return String(index) }
    return quoted(color.themeText)
  }

  private func quoted(_ text: String) -> String { JSONWriter.quoted(text) }

}
