import DSWCore

/// `:mode markdown`: a GitHub pipe table, padded so it also reads well on
/// the terminal, numbers right-aligned (`---:`). Cells are escaped as in
/// `dsw export --to md`, and numbers read as in tables (separators on).
enum MarkdownModeRenderer {
  static func render(_ table: TableOutput, numbers: NumberStyle) -> String {
    guard !table.columns.isEmpty else { return "*(no columns)*" }
    let numeric = table.columns.indices.map {
      $0 < table.types.count && table.types[$0].isNumeric
    }
    let styles = TableRenderer.columnStyles(
      table, selected: table.rows.indices.map { Optional($0) }, numbers: numbers)
    let header = table.columns.map(MarkdownOutputRenderer.escapeCell)
    let body = table.rows.map { row in
      table.columns.indices.map { column in
        MarkdownOutputRenderer.escapeCell(
          ValueFormatter.text(column < row.count ? row[column] : .null, numbers: styles[column]))
      }
    }
    let widths = table.columns.indices.map { column in
      max(3, ([header[column]] + body.map { $0[column] }).map(DisplayWidth.of).max() ?? 3)
    }
    func line(_ cells: [String]) -> String {
      "| "
        + cells.indices.map { column in
          DisplayWidth.pad(
            cells[column], to: widths[column], alignment: numeric[column] ? .right : .left)
        }.joined(separator: " | ") + " |"
    }
    let rule =
      "|"
      + widths.indices.map { column in
        numeric[column]
          ? " " + String(repeating: "-", count: widths[column] - 1) + ": "
          : " " + String(repeating: "-", count: widths[column]) + " "
      }.joined(separator: "|") + "|"
    return ([line(header), rule] + body.map(line)).joined(separator: "\n")
  }
}
