import DSWCore

/// `:mode line`: one `name = value` line per value, a blank line between
/// rows, names right-aligned, as the DuckDB shell's `.mode line` prints.
/// Nothing is cut: values show whole, however wide.
enum LineModeRenderer {
  static func render(_ table: TableOutput, styler: Styler, numbers: NumberStyle) -> String {
    guard !table.columns.isEmpty else { return styler.paint("(no columns)", .muted) }
    let names = table.columns.map { SafeText.escape($0) }
    let nameWidth = names.map(DisplayWidth.of).max() ?? 0
    let selected = table.rows.indices.map { Optional($0) }
    let styles = TableRenderer.columnStyles(table, selected: selected, numbers: numbers)
    let blocks = table.rows.map { row in
      names.indices.map { column in
        let value = column < row.count ? row[column] : .null
        let text = ValueFormatter.text(value, numbers: styles[column])
        return styler.paint(
          DisplayWidth.pad(names[column], to: nameWidth, alignment: .right), .tableHeader)
          + " = " + styler.paint(text, ValueFormatter.role(for: value))
      }.joined(separator: "\n")
    }
    if blocks.isEmpty { return styler.paint("(no rows)", .muted) }
    return blocks.joined(separator: "\n\n")
  }
}
