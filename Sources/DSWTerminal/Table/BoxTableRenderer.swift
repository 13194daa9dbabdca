/// Draws a `BoxTable` in the DuckDB shell's box style, sized to a width.
///
/// Columns first shrink toward a small minimum, the widest first, with `…`
/// marking shortened text; if they still do not fit, middle columns give way
/// to a `…` column, keeping the first and last ones. Shortened headers (and
/// values of name columns) are cut by `NameShortener`, so two different
/// names never read the same.
struct BoxTableRenderer {
  /// The widest a column grows, whatever its content.
  static let maxColumnWidth = 40
  /// Columns shrink to this before any is hidden.
  static let minColumnWidth = 6
  /// A column's minimum grows to fit its name and type, up to this width.
  static let maxHeaderReserve = 12

  struct Layout {
    /// Indices of the shown columns, in order; `elisionAfter` is the position
    /// in this list after which the `…` column sits, if any.
    var columns: [Int]
    var widths: [Int]
    var elisionAfter: Int?
  }

  let table: BoxTable
  let styler: Styler

  /// The table drawn within `width` columns, and the columns it shows.
  func render(width: Int) -> (text: String, shownColumns: [Int]) {
    let layout = self.layout(width: width)
    let headers = NameShortener.shorten(
      layout.columns.map { table.headers[$0] }, widths: layout.widths)
    var names: [Int: [String]] = [:]
    for (position, column) in layout.columns.enumerated() where table.nameColumns.contains(column) {
      var values: [String] = []
      for case .cells(let cells) in table.rows {
        values.append(column < cells.count ? cells[column].text : "")
      }
      names[column] = NameShortener.shorten(
        values, widths: values.map { _ in layout.widths[position] })
    }
    var lines: [String] = []
    lines.append(rule("┌", "┬", "┐", layout))
    lines.append(
      line(layout, elisionText: "…") { _, position in
        BoxTable.Cell(headers[position], style: styler.theme[.tableHeader])
      } alignment: { _ in
        .center
      })
    if let typeLine = table.typeLine {
      lines.append(
        line(layout, elisionText: "") { column, _ in
          BoxTable.Cell(
            column < typeLine.count ? typeLine[column] : "", style: styler.theme[.muted])
        } alignment: { _ in
          .center
        })
    }
    lines.append(rule("├", "┼", "┤", layout))
    var cellRow = 0
    for row in table.rows {
      switch row {
      case .cells(let cells):
        lines.append(
          line(layout, elisionText: "…") { [cellRow] column, _ in
            guard column < cells.count else { return BoxTable.Cell("") }
            guard let shortened = names[column]?[cellRow] else { return cells[column] }
            return BoxTable.Cell(shortened, style: cells[column].style)
          } alignment: { column in
            table.alignments[column]
          })
        cellRow += 1
      case .elision:
        lines.append(
          line(layout, elisionText: "·") { _, _ in
            BoxTable.Cell("·", style: styler.theme[.muted])
          } alignment: { _ in
            .center
          })
      }
    }
    lines.append(rule("└", "┴", "┘", layout))
    return (lines.joined(separator: "\n"), layout.columns)
  }

  /// Chooses the shown columns and their widths.
  func layout(width: Int) -> Layout {
    let columnCount = table.headers.count
    let natural = (0..<columnCount).map(naturalWidth)
    // A column keeps room for its name (up to a point) before it shrinks
    // further, so shown columns stay recognisable.
    let minimum = (0..<columnCount).map { column in
      let reserve = max(
        Self.minColumnWidth, min(headerWidth(column), Self.maxHeaderReserve),
        table.nameColumns.contains(column) ? Self.maxHeaderReserve : 0)
      return min(natural[column], reserve)
    }
    func frame(_ widths: [Int]) -> Int { widths.reduce(1) { $0 + $1 + 3 } }

    if frame(minimum) <= width {
      let all = Array(0..<columnCount)
      let widths = fit(
        natural, minimum, table.shrinkFirst(columnCount),
        into: width - frame(natural.map { _ in 0 }))
      return Layout(columns: all, widths: widths, elisionAfter: nil)
    }
    // Keep columns from both ends, alternately, while their minimums fit
    // beside the one-column-wide `…` column.
    let budget = width - 1 - 4
    var left: [Int] = []
    var right: [Int] = []
    var used = 0
    var low = 0
    var high = columnCount - 1
    var takeLeft = true
    while low <= high {
      let candidate = takeLeft ? low : high
      guard used + minimum[candidate] + 3 <= budget else { break }
      used += minimum[candidate] + 3
      if takeLeft {
        left.append(candidate)
        low += 1
      } else {
        right.insert(candidate, at: 0)
        high -= 1
      }
      takeLeft.toggle()
    }
    if left.isEmpty {
      // Not even one column fits at its minimum: show the first, squeezed.
      return Layout(columns: [0], widths: [max(1, budget - 3)], elisionAfter: 0)
    }
    let shown = left + right
    let shrinkFirst = table.shrinkFirst(columnCount)
    let widths = fit(
      shown.map { natural[$0] }, shown.map { minimum[$0] }, shown.map { shrinkFirst[$0] },
      into: budget - 3 * shown.count)
    return Layout(columns: shown, widths: widths, elisionAfter: left.count - 1)
  }

  /// Widths between `minimum` and `natural` that add up to at most `space`.
  /// Text columns (`shrinkFirst`) give way before the others, since a cut
  /// name reads better than a cut date or number; within each group the
  /// widest columns are cut first, down to a common cap.
  private func fit(
    _ natural: [Int], _ minimum: [Int], _ shrinkFirst: [Bool], into space: Int
  ) -> [Int] {
    guard natural.reduce(0, +) > space else { return natural }
    let first = natural.indices.filter { shrinkFirst[$0] }
    let rest = natural.indices.filter { !shrinkFirst[$0] }
    var result = natural
    let restNatural = rest.reduce(0) { $0 + natural[$1] }
    let firstMinimum = first.reduce(0) { $0 + minimum[$1] }
    if firstMinimum + restNatural <= space {
      let widths = Self.waterFill(
        first.map { natural[$0] }, first.map { minimum[$0] }, into: space - restNatural)
      for (index, width) in zip(first, widths) { result[index] = width }
    } else {
      for index in first { result[index] = minimum[index] }
      let widths = Self.waterFill(
        rest.map { natural[$0] }, rest.map { minimum[$0] }, into: space - firstMinimum)
      for (index, width) in zip(rest, widths) { result[index] = width }
    }
    return result.map { max(1, $0) }
  }

  /// Cuts the widest of `natural` down to a common cap (never below
  /// `minimum`) until they fit `space`, then hands spare columns back.
  static func waterFill(_ natural: [Int], _ minimum: [Int], into space: Int) -> [Int] {
    guard natural.reduce(0, +) > space else { return natural }
    var cap = natural.max() ?? 0
    func widths(_ cap: Int) -> [Int] {
      zip(natural, minimum).map { max($1, min($0, cap)) }
    }
    while cap > 0, widths(cap).reduce(0, +) > space { cap -= 1 }
    var result = widths(cap)
    var spare = space - result.reduce(0, +)
    for index in result.indices where spare > 0 && result[index] < natural[index] {
      result[index] += 1
      spare -= 1
    }
    return result
  }

  private func headerWidth(_ column: Int) -> Int {
    var width = DisplayWidth.of(table.headers[column])
    if let typeLine = table.typeLine, column < typeLine.count {
      width = max(width, DisplayWidth.of(typeLine[column]))
    }
    return width
  }

  /// The width `column` takes uncut (at most `maxColumnWidth`).
  func naturalWidth(_ column: Int) -> Int {
    var width = DisplayWidth.of(table.headers[column])
    if let typeLine = table.typeLine, column < typeLine.count {
      width = max(width, DisplayWidth.of(typeLine[column]))
    }
    for case .cells(let cells) in table.rows where column < cells.count {
      width = max(width, DisplayWidth.of(cells[column].text))
      if width >= Self.maxColumnWidth { return Self.maxColumnWidth }
    }
    return max(1, width)
  }

  private func rule(_ left: String, _ middle: String, _ right: String, _ layout: Layout) -> String {
    var segments = layout.widths.map { String(repeating: "─", count: $0 + 2) }
    if let after = layout.elisionAfter { segments.insert("───", at: after + 1) }
    return styler.paint(left + segments.joined(separator: middle) + right, .tableBorder)
  }

  private func line(
    _ layout: Layout, elisionText: String, cell: (Int, Int) -> BoxTable.Cell,
    alignment: (Int) -> DisplayWidth.Alignment
  ) -> String {
    let border = styler.paint("│", .tableBorder)
    var parts: [String] = []
    for (position, column) in layout.columns.enumerated() {
      let content = cell(column, position)
      let fitted = DisplayWidth.fit(
        content.text, to: layout.widths[position], alignment: alignment(column))
      parts.append(" " + styler.paint(fitted, style: content.style) + " ")
      if position == layout.elisionAfter {
        parts.append(" " + styler.paint(DisplayWidth.fit(elisionText, to: 1), .muted) + " ")
      }
    }
    return border + parts.joined(separator: border) + border
  }
}
