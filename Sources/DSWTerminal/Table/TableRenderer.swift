import DSWCore

/// Renders a result table in the DuckDB shell's box style, with a footer.
///
/// When there are more rows than `maxRows`, the first and last rows show with
/// a `·` row between, as DuckDB does. When the output holds only the first
/// rows of a larger result (`totalRows > rows.count`), the held rows show,
/// followed by a `·` row, since the last rows are not at hand. The footer
/// says `3 rows`, or `20 of 1,000,000 rows shown` when rows are left out, and
/// adds `· 5 of 12 columns shown` when columns are.
public enum TableRenderer {
  /// `table` drawn within `width` columns, showing at most `maxRows` rows.
  /// With `heat`, numeric cells in [-1, 1] get the theme's heat background
  /// (for correlation matrices).
  public static func render(
    _ table: TableOutput, width: Int, maxRows: Int, styler: Styler, heat: Bool = false
  ) -> String {
    let heldRows = table.rows.count
    let totalRows = max(table.totalRows, heldRows)
    let limit = max(1, maxRows)
    var selected: [Int?] = []
    if heldRows <= limit {
      selected = Array(0..<heldRows)
      if totalRows > heldRows { selected.append(nil) }
    } else if totalRows > heldRows {
      selected = Array(0..<limit) + [nil]
    } else {
      let top = (limit + 1) / 2
      selected = Array(0..<top) + [nil] + Array((heldRows - (limit - top))..<heldRows)
    }
    let shownRows = selected.count { $0 != nil }

    let columnCount = table.columns.count
    guard columnCount > 0 else {
      return styler.paint("(no columns)", .muted) + "\n"
        + styler.paint(footer(shownRows: shownRows, totalRows: totalRows), .muted)
    }
    let alignments = (0..<columnCount).map { column -> DisplayWidth.Alignment in
      column < table.types.count && table.types[column].isNumeric ? .right : .left
    }
    let rows = selected.map { index -> BoxTable.Row in
      guard let index else { return .elision }
      return .cells(cells(table.rows[index], columnCount: columnCount, styler: styler, heat: heat))
    }
    let box = BoxTable(
      headers: table.columns.map { SafeText.escape($0, prefix: cellCharacters) },
      typeLine: (0..<columnCount).map { $0 < table.types.count ? table.types[$0].rawValue : "" },
      alignments: alignments, rows: rows,
      textColumns: Set(
        (0..<columnCount).filter { $0 >= table.types.count || table.types[$0] == .string }))
    let (text, shownColumns) = BoxTableRenderer(table: box, styler: styler).render(width: width)
    var footerText = footer(shownRows: shownRows, totalRows: totalRows)
    if shownColumns < columnCount {
      footerText += " · \(shownColumns) of \(ValueFormatter.formatCount(columnCount)) columns shown"
    }
    return text + "\n" + styler.paint(footerText, .muted)
  }

  /// No cell shows more than `BoxTableRenderer.maxColumnWidth` columns, and
  /// every character takes at least one, so a value is cut to one more
  /// character than that (to keep its `…`) before it is escaped: a 1 MB value
  /// costs no more to show than a short one.
  static let cellCharacters = BoxTableRenderer.maxColumnWidth + 1

  /// `3 rows`, `1 row`, or `20 of 1,000,000 rows shown`.
  public static func footer(shownRows: Int, totalRows: Int) -> String {
    if shownRows >= totalRows {
      return ValueFormatter.formatCount(totalRows) + (totalRows == 1 ? " row" : " rows")
    }
    return ValueFormatter.formatCount(shownRows) + " of " + ValueFormatter.formatCount(totalRows)
      + (totalRows == 1 ? " row shown" : " rows shown")
  }

  private static func cells(
    _ values: [Value], columnCount: Int, styler: Styler, heat: Bool
  ) -> [BoxTable.Cell] {
    (0..<columnCount).map { column in
      guard column < values.count else { return BoxTable.Cell("") }
      let value = values[column]
      var style = styler.theme[ValueFormatter.role(for: value)]
      if heat, let number = value.doubleValue, let heatStyle = styler.theme.heat.style(for: number)
      {
        style = style.merged(with: heatStyle)
      }
      return BoxTable.Cell(ValueFormatter.text(value, maxCharacters: cellCharacters), style: style)
    }
  }
}
