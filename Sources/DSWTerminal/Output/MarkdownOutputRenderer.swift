import DSWCore

/// Renders cell outputs as Markdown, for `--format md` and `dsw export --to md`.
///
/// Tables become GFM pipe tables (numbers right-aligned); charts a fenced
/// `text` block drawn at 80 columns without colour; metrics tables; text a
/// fenced `text` block; errors a block quote. Cell text is made safe, and
/// `\`, `|`, `*`, `` ` `` and `<` are escaped so data cannot turn into
/// Markdown or HTML. Control characters, DEL and bidi overrides never appear
/// raw, in a file or on a terminal: they are written as `\e`, `\u{9b}`…
/// (`SafeText`), and fences are longer than any backtick run they hold.
public enum MarkdownOutputRenderer {
  public static let chartWidth = 80
  public static let chartHeight = 16

  public static func render(_ output: CellOutput) -> String {
    switch output {
    case .table(let table):
      return pipeTable(table)
    case .text(let text):
      return fenced(SafeText.escapeLines(text))
    case .chart(let chart):
      return fenced(
        ChartRenderer.render(chart, width: chartWidth, height: chartHeight, styler: .plain))
    case .metrics(let metrics):
      var sections: [String] = []
      if !metrics.title.isEmpty { sections.append("**" + escapeCell(metrics.title) + "**") }
      if !metrics.metrics.isEmpty {
        var lines = ["| metric | value |", "| --- | ---: |"]
        for metric in metrics.metrics {
          lines.append(
            "| " + escapeCell(metric.name) + " | "
              + ValueFormatter.formatFixed(metric.value, places: 4) + " |")
        }
        sections.append(lines.joined(separator: "\n"))
      }
      for named in metrics.tables {
        sections.append("*" + escapeCell(named.name) + "*\n\n" + pipeTable(named.table))
      }
      return sections.joined(separator: "\n\n")
    case .error(let error):
      return "> **error[\(escapeCell(error.code))]**: \(escapeCell(error.message))"
        + " (line \(error.line), column \(error.column))"
    }
  }

  /// A GFM pipe table of the held rows, with a row-count line when rows
  /// were left out.
  public static func pipeTable(_ table: TableOutput) -> String {
    guard !table.columns.isEmpty else { return "*(no columns)*" }
    let numeric = table.columns.indices.map { index in
      index < table.types.count && table.types[index].isNumeric
    }
    var lines: [String] = []
    lines.append("| " + table.columns.map(escapeCell).joined(separator: " | ") + " |")
    lines.append("| " + numeric.map { $0 ? "---:" : "---" }.joined(separator: " | ") + " |")
    for row in table.rows {
      let cells = table.columns.indices.map { index in
        index < row.count ? escapeCell(ValueFormatter.text(row[index])) : ""
      }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    let totalRows = max(table.totalRows, table.rows.count)
    if totalRows > table.rows.count {
      lines.append("")
      lines.append(TableRenderer.footer(shownRows: table.rows.count, totalRows: totalRows))
    }
    return lines.joined(separator: "\n")
  }

  /// Text made safe for a table cell or an inline span.
  public static func escapeCell(_ text: String) -> String {
    var result = ""
    for character in SafeText.escape(text) {
      switch character {
      case "\\": result += "\\\\"
      case "|": result += "\\|"
      case "*": result += "\\*"
      case "`": result += "\\`"
      case "<": result += "&lt;"
      default: result.append(character)
      }
    }
    return result
  }

  /// Prose or code as written, with its line breaks and tabs, but every
  /// other unsafe character escaped as `SafeText` does.
  public static func escapeProse(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false)
          .map { SafeText.escape(String($0)) }.joined(separator: "\t")
      }
      .joined(separator: "\n")
  }

  /// `text` in a fenced block (`info` after the opening fence) whose fence
  /// is longer than any backtick run inside, so the block cannot be closed
  /// early.
  public static func fenced(_ text: String, info: String = "text") -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + info + "\n" + text + "\n" + fence
  }
}
