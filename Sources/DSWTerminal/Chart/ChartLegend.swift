import DSWCore

/// The legend of a chart with several series: each name after its colour
/// swatch, or after its glyph when there is no colour. Names are shortened
/// without ambiguity when the legend does not fit on one line.
struct ChartLegend {
  let names: [String]
  let styler: Styler

  /// The swatch of series `index`: a coloured block, or its plain-text glyph.
  func swatch(_ index: Int, fill: String? = nil) -> String {
    guard styler.enabled else { return fill ?? String(MarkCanvas.glyph(index)) }
    return styler.paint(fill ?? "■", style: TextStyle(foreground: styler.theme.chartColor(index)))
  }

  func lines(width: Int, fills: [String]? = nil) -> [String] {
    let escaped = names.map(SafeText.escape)
    let total = escaped.reduce(0) { $0 + DisplayWidth.of($1) + 4 }
    let room = max(4, width / max(1, names.count) - 4)
    let shown = total <= width ? escaped : LabelAbbreviation.abbreviate(escaped, to: room)
    var lines: [String] = []
    var line = ""
    var used = 0
    for (index, name) in shown.enumerated() {
      let entryWidth = DisplayWidth.of(name) + 2
      if used > 0, used + 2 + entryWidth > width {
        lines.append(line)
        line = ""
        used = 0
      }
      if used > 0 {
        line += "  "
        used += 2
      }
      line += swatch(index, fill: fills?[index]) + " " + styler.paint(name, .muted)
      used += entryWidth
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
