import DSWCore

/// Renders `evaluate`-style metrics: the title, a name/value table with
/// values to 4 decimals (large ones with thousands separators), then each
/// named table.
public enum MetricsRenderer {
  public static func render(
    _ metrics: MetricsOutput, width: Int, maxRows: Int, styler: Styler,
    numbers: NumberStyle = .display
  ) -> String {
    var sections: [String] = []
    let title = SafeText.escape(metrics.title)
    if !title.isEmpty {
      sections.append(styler.paint(DisplayWidth.truncate(title, to: max(1, width)), .heading))
    }
    if !metrics.metrics.isEmpty {
      let rows = metrics.metrics.map { metric -> BoxTable.Row in
        .cells([
          BoxTable.Cell(SafeText.escape(metric.name), style: styler.theme[.string]),
          BoxTable.Cell(valueText(metric.value, numbers: numbers), style: styler.theme[.number]),
        ])
      }
      let box = BoxTable(
        headers: ["metric", "value"], typeLine: nil, alignments: [.left, .right], rows: rows,
        textColumns: [0])
      sections.append(BoxTableRenderer(table: box, styler: styler).render(width: width).text)
    }
    for named in metrics.tables {
      let name = styler.paint(
        DisplayWidth.truncate(SafeText.escape(named.name), to: max(1, width)), .emphasis)
      let table = TableRenderer.render(
        named.table, width: width, maxRows: maxRows, styler: styler, numbers: numbers)
      sections.append(name + "\n" + table)
    }
    return sections.joined(separator: "\n")
  }

  /// A metric to 4 decimals, with thousands separators from the style's
  /// threshold up, as tables show them (an RMSE of `12,345.6789`).
  static func valueText(_ value: Double, numbers: NumberStyle) -> String {
    let text = ValueFormatter.formatFixed(value, places: 4)
    guard numbers.grouping, value.isFinite, abs(value) >= numbers.groupingFrom, abs(value) < 1e15
    else { return text }
    return ValueFormatter.group(text)
  }
}
