import DSWCore

/// Renders any cell output for the terminal, choosing the renderer by kind.
public enum OutputRenderer {
  /// Chart height used when the caller gives none: fits a 24-line terminal
  /// with room for the prompt.
  public static let defaultChartHeight = 16

  /// `output` drawn within `width` columns; tables show at most `maxRows`
  /// rows. Text outputs keep their own line breaks, with each line made
  /// safe; they are not wrapped, as reports are laid out by their writers.
  /// Numbers read as `numbers` says; `hiddenHint` follows the names of
  /// columns a table had no room for (how to see them).
  public static func render(
    _ output: CellOutput, width: Int, maxRows: Int, styler: Styler,
    chartHeight: Int = defaultChartHeight, numbers: NumberStyle = .display,
    hiddenHint: String? = nil
  ) -> String {
    switch output {
    case .table(let table):
      return TableRenderer.render(
        table, width: width, maxRows: maxRows, styler: styler, heat: table.heat, numbers: numbers,
        hiddenHint: hiddenHint)
    case .text(let text):
      return SafeText.escapeLines(text)
    case .chart(let chart):
      return ChartRenderer.render(chart, width: width, height: chartHeight, styler: styler)
    case .metrics(let metrics):
      return MetricsRenderer.render(
        metrics, width: width, maxRows: maxRows, styler: styler, numbers: numbers)
    case .error(let error):
      return styler.paint(errorLine(error), .error)
    }
  }

  /// `error[CODE]: message (line L, column C)`, made safe.
  public static func errorLine(_ error: ErrorOutput) -> String {
    SafeText.escape(
      "error[\(error.code)]: \(error.message) (line \(error.line), column \(error.column))")
  }
}
