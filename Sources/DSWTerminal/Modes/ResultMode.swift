import DSWCore

/// How the REPL prints a result table (`:mode`), as the DuckDB shell's
/// `.mode` does: boxed, one value per line, or as CSV, JSON or Markdown.
public enum ResultMode: String, Sendable, CaseIterable {
  case table, line, csv, json, markdown

  /// Modes whose text is data for another program: no colour, no thousands
  /// separators, every digit of a double.
  public var isMachineReadable: Bool { self == .csv || self == .json }
}

/// Renders a cell output in a `ResultMode`.
///
/// Only tables change with the mode (a metrics output's tables included);
/// text and charts print as they always do. The rows shown are those the
/// result holds (`:maxrows` of them), all of them, with no `·` elision.
public enum ResultModeRenderer {
  /// What to print, and a note for the error stream when the result holds
  /// fewer rows than it has (kept out of CSV and JSON so they stay clean).
  public struct Rendered: Sendable {
    public var text: String
    public var note: String?
  }

  public static func render(
    _ output: CellOutput, mode: ResultMode, width: Int, maxRows: Int, styler: Styler,
    numbers: NumberStyle = .display, hiddenHint: String? = nil
  ) -> Rendered {
    switch (mode, output) {
    case (.table, _), (_, .text), (_, .chart), (_, .error):
      return Rendered(
        text: OutputRenderer.render(
          output, width: width, maxRows: maxRows, styler: styler, numbers: numbers,
          hiddenHint: hiddenHint),
        note: nil)
    case (_, .table(let table)):
      return renderTable(table, mode: mode, styler: styler, numbers: numbers)
    case (_, .metrics(let metrics)):
      var tables: [TableOutput] = []
      if !metrics.metrics.isEmpty {
        tables.append(
          TableOutput(
            columns: ["metric", "value"], types: [.string, .double],
            rows: metrics.metrics.map { [.string($0.name), .double($0.value)] },
            totalRows: metrics.metrics.count))
      }
      tables += metrics.tables.map(\.table)
      let parts = tables.map { renderTable($0, mode: mode, styler: styler, numbers: numbers) }
      let separator = mode == .line ? "\n\n" : "\n"
      return Rendered(
        text: parts.map(\.text).joined(separator: separator),
        note: parts.compactMap(\.note).first)
    }
  }

  static func renderTable(
    _ table: TableOutput, mode: ResultMode, styler: Styler, numbers: NumberStyle
  ) -> Rendered {
    let total = max(table.totalRows, table.rows.count)
    let note =
      total > table.rows.count
      ? TableRenderer.footer(shownRows: table.rows.count, totalRows: total)
        + " (`:maxrows N` holds more; `export` writes them all)"
      : nil
    switch mode {
    // `render` draws `.table` as a box before it gets here.
    case .table, .line:
      var text = LineModeRenderer.render(table, styler: styler, numbers: numbers)
      if let note { text += "\n" + styler.paint(note, .muted) }
      return Rendered(text: text, note: nil)
    case .csv:
      return Rendered(text: CSVModeRenderer.render(table), note: note)
    case .json:
      return Rendered(text: JSONModeRenderer.render(table), note: note)
    case .markdown:
      var text = MarkdownModeRenderer.render(table, numbers: numbers)
      if let note { text += "\n\n" + note }
      return Rendered(text: text, note: nil)
    }
  }

  /// The text of a value for CSV and JSON: every digit of a double (the
  /// shortest text that reads back the same), no separators, made safe.
  static func exactText(_ value: Value) -> String {
    switch value {
    case .double(let number):
      number.isFinite ? JSONWriter.formatDouble(number) : ValueFormatter.formatDouble(number)
    default: ValueFormatter.text(value)
    }
  }
}
