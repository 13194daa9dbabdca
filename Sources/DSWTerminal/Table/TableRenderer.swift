import DSWCore

/// Renders a result table in the DuckDB shell's box style, with a footer.
///
/// When there are more rows than `maxRows`, the first and last rows show with
/// a `·` row between, as DuckDB does. When the output holds only the first
/// rows of a larger result (`totalRows > rows.count`), the held rows show,
/// followed by a `·` row, since the last rows are not at hand. The footer
/// says `3 rows`, or `20 of 1,000,000 rows shown` when rows are left out.
/// When columns do not fit, middle ones give way to a `…` column and the
/// footer names them (`· 5 of 9 columns shown; hidden: a, b, c, d`), then
/// `hiddenHint`, which says how to see them.
///
/// A `describe` profile never hides a statistic: it wraps into blocks that
/// each repeat the column names (`ProfileLayout`).
public enum TableRenderer {
  /// `table` drawn within `width` columns, showing at most `maxRows` rows.
  /// With `heat`, numeric cells in [-1, 1] get the theme's heat background
  /// (for correlation matrices).
  public static func render(
    _ table: TableOutput, width: Int, maxRows: Int, styler: Styler, heat: Bool = false,
    numbers: NumberStyle = .display, hiddenHint: String? = nil
  ) -> String {
    let heldRows = table.rows.count
    let totalRows = max(table.totalRows, heldRows)
    let selected = selectRows(heldRows: heldRows, totalRows: totalRows, maxRows: maxRows)
    let shownRows = selected.count { $0 != nil }

    let columnCount = table.columns.count
    guard columnCount > 0 else {
      return styler.paint("(no columns)", .muted) + "\n"
        + styler.paint(footer(shownRows: shownRows, totalRows: totalRows), .muted)
    }
    let box = boxTable(table, selected: selected, styler: styler, heat: heat, numbers: numbers)
    var footerText = footer(shownRows: shownRows, totalRows: totalRows)
    if table.columns == ColumnProfiler.columns {
      let blocks = ProfileLayout.blocks(box, width: width, styler: styler)
      let text = blocks.map {
        BoxTableRenderer(table: $0, styler: styler).render(width: width).text
      }
      if blocks.count > 1 {
        footerText += " · \(columnCount - 1) statistics in \(blocks.count) blocks"
      }
      return text.joined(separator: "\n") + "\n" + styler.paint(footerText, .muted)
    }
    let renderer = BoxTableRenderer(table: box, styler: styler)
    let (text, shown) = renderer.render(width: width)
    if shown.count < columnCount {
      let hidden = (0..<columnCount).filter { !shown.contains($0) }.map { box.headers[$0] }
      footerText +=
        " · \(shown.count) of \(ValueFormatter.formatCount(columnCount)) columns shown"
      footerText += "\n" + hiddenList(hidden, width: width).joined(separator: "\n")
      if let hiddenHint { footerText += "\n" + DisplayWidth.truncate(hiddenHint, to: width) }
    }
    return text + "\n" + styler.paint(footerText, .muted)
  }

  /// The held rows to show, in order; nil stands for a `·` row.
  static func selectRows(heldRows: Int, totalRows: Int, maxRows: Int) -> [Int?] {
    let limit = max(1, maxRows)
    if heldRows <= limit {
      return Array(0..<heldRows) + (totalRows > heldRows ? [nil] : [])
    }
    if totalRows > heldRows { return Array(0..<limit) + [nil] }
    let top = (limit + 1) / 2
    return Array(0..<top) + [nil] + Array((heldRows - (limit - top))..<heldRows)
  }

  /// `hidden: a, b, c`, wrapped to `width`, over at most `maxHiddenLines`
  /// lines; the last says `and N more` when the names run longer.
  static func hiddenList(_ names: [String], width: Int) -> [String] {
    func text(_ lines: [[String]], more: Int = 0) -> [String] {
      lines.enumerated().map { index, line in
        let last = index == lines.count - 1
        return (index == 0 ? "hidden: " : "  ") + line.joined(separator: ", ")
          + (last ? (more > 0 ? " and \(more) more" : "") : ",")
      }
    }
    var lines: [[String]] = [[]]
    for name in names {
      let extended = Array(lines.dropLast()) + [(lines.last ?? []) + [name]]
      if lines[lines.count - 1].isEmpty || DisplayWidth.of(text(extended).last ?? "") < width {
        lines = extended
      } else {
        lines.append([name])
      }
    }
    guard lines.count > maxHiddenLines else {
      return text(lines).map { DisplayWidth.truncate($0, to: width) }
    }
    lines = Array(lines.prefix(maxHiddenLines))
    func placed() -> Int { lines.reduce(0) { $0 + $1.count } }
    while lines[lines.count - 1].count > 1,
      DisplayWidth.of(text(lines, more: names.count - placed()).last ?? "") > width
    {
      lines[lines.count - 1].removeLast()
    }
    return text(lines, more: names.count - placed()).map { DisplayWidth.truncate($0, to: width) }
  }

  static let maxHiddenLines = 3

  /// The table's shown rows as styled cells, numbers formatted per column.
  static func boxTable(
    _ table: TableOutput, selected: [Int?], styler: Styler, heat: Bool, numbers: NumberStyle
  ) -> BoxTable {
    let columnCount = table.columns.count
    let alignments = (0..<columnCount).map { column -> DisplayWidth.Alignment in
      column < table.types.count && table.types[column].isNumeric ? .right : .left
    }
    let styles = columnStyles(table, selected: selected, numbers: numbers)
    let rows = selected.map { index -> BoxTable.Row in
      guard let index else { return .elision }
      return .cells(cells(table.rows[index], styles: styles, styler: styler, heat: heat))
    }
    var box = BoxTable(
      headers: table.columns.map { SafeText.escape($0, prefix: cellCharacters) },
      typeLine: (0..<columnCount).map { $0 < table.types.count ? table.types[$0].rawValue : "" },
      alignments: alignments, rows: rows,
      textColumns: Set(
        (0..<columnCount).filter { $0 >= table.types.count || table.types[$0] == .string }))
    if table.columns == ColumnProfiler.columns { box.nameColumns = [0] }
    return box
  }

  /// One number style per column: a column with a number from the grouping
  /// threshold up groups all its numbers, so it reads the same all the way.
  static func columnStyles(_ table: TableOutput, selected: [Int?], numbers: NumberStyle)
    -> [NumberStyle]
  {
    (0..<table.columns.count).map { column in
      numbers.forColumn(
        selected.lazy.compactMap { $0 }.compactMap { row in
          column < table.rows[row].count ? table.rows[row][column].doubleValue : nil
        })
    }
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
    _ values: [Value], styles: [NumberStyle], styler: Styler, heat: Bool
  ) -> [BoxTable.Cell] {
    styles.indices.map { column in
      guard column < values.count else { return BoxTable.Cell("") }
      let value = values[column]
      var style = styler.theme[ValueFormatter.role(for: value)]
      if heat, let number = value.doubleValue, let heatStyle = styler.theme.heat.style(for: number)
      {
        style = style.merged(with: heatStyle)
      }
      return BoxTable.Cell(
        ValueFormatter.text(value, maxCharacters: cellCharacters, numbers: styles[column]),
        style: style)
    }
  }
}
