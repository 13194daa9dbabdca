import DSWCore
import DSWTerminal

/// A notebook as one self-contained HTML report, for readers without a
/// terminal: markdown rendered, tables styled, charts inline as SVG, and each
/// cell's source folded under its outputs' heading.
///
/// The page is XHTML-compatible (every element closed, every entity one of
/// XML's), so an XML parser can check it. It holds no script, loads nothing
/// (a Content-Security-Policy forbids it), and uses the reader's own fonts,
/// so it opens offline and can be mailed. Everything from the notebook is
/// escaped: data cannot become markup.
enum NotebookHTML {
  static func render(_ notebook: Notebook, theme: Theme) -> String {
    let title = notebook.metadata.title ?? "dsw notebook"
    var body: [String] = []
    // A notebook that opens with its own `# title` keeps it; others get one.
    if !notebook.cells.contains(where: { $0.kind == .markdown && $0.source.hasPrefix("# ") }) {
      body.append("<h1>" + HTMLText.escape(title) + "</h1>")
    }
    if let parameters = RunParameters(metadata: notebook.metadata), !parameters.values.isEmpty {
      let list = parameters.values.keys.sorted().map { name in
        "<code>" + HTMLText.escape(name) + " = " + HTMLText.escape(parameters.values[name] ?? "")
          + "</code>"
      }
      body.append("<p class=\"run\">Run with " + list.joined(separator: ", ") + ".</p>")
    }
    var codeNumber = 0
    for cell in notebook.cells {
      if cell.kind == .markdown {
        body.append(
          "<section class=\"markdown\" id=\"cell-\(HTMLText.escape(cell.id))\">"
            + HTMLMarkdown.render(cell.source) + "</section>")
        continue
      }
      codeNumber += 1
      body.append(code(cell, number: codeNumber, theme: theme))
    }
    return """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8" />
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="generator" content="dsw" />
      <title>\(HTMLText.escape(title))</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      <main>
      \(body.joined(separator: "\n"))
      </main>
      </body>
      </html>

      """
  }

  private static func code(_ cell: Cell, number: Int, theme: Theme) -> String {
    let firstLine = cell.source.split(separator: "\n").first.map(String.init) ?? ""
    var parts = [
      "<section class=\"cell\" id=\"cell-\(HTMLText.escape(cell.id))\">",
      "<details><summary><span class=\"badge \(cell.kind.rawValue)\">\(cell.kind.rawValue)</span>"
        + " <span class=\"number\">[\(number)]</span> <code>" + HTMLText.escape(firstLine)
        + "</code></summary>",
      "<pre class=\"source\"><code>" + HTMLText.escape(cell.source) + "</code></pre></details>",
    ]
    for output in cell.outputs ?? [] {
      parts.append(self.output(output, theme: theme))
    }
    parts.append("</section>")
    return parts.joined(separator: "\n")
  }

  static func output(_ output: CellOutput, theme: Theme) -> String {
    switch output {
    case .table(let table):
      return self.table(table)
    case .text(let text):
      return "<pre class=\"text\">" + HTMLText.escape(text) + "</pre>"
    case .chart(let chart):
      return "<figure class=\"chart\">\n" + SVGChart.render(chart, theme: theme) + "</figure>"
    case .metrics(let metrics):
      var parts: [String] = []
      if !metrics.title.isEmpty {
        parts.append("<p class=\"metrics-title\">" + HTMLText.escape(metrics.title) + "</p>")
      }
      if !metrics.metrics.isEmpty {
        let rows = metrics.metrics.map { metric in
          "<tr><td>" + HTMLText.escape(metric.name) + "</td><td class=\"num\">"
            + ValueFormatter.formatFixed(metric.value, places: 4) + "</td></tr>"
        }
        parts.append(
          "<div class=\"table\"><table><thead><tr><th>metric</th><th class=\"num\">value</th></tr>"
            + "</thead><tbody>" + rows.joined() + "</tbody></table></div>")
      }
      for named in metrics.tables {
        parts.append("<p class=\"caption\">" + HTMLText.escape(named.name) + "</p>")
        parts.append(table(named.table))
      }
      return parts.joined(separator: "\n")
    case .error(let error):
      return "<div class=\"error\"><strong>error[" + HTMLText.escape(error.code) + "]</strong>: "
        + HTMLText.escape(error.message) + " (line \(error.line), column \(error.column))</div>"
    }
  }

  static func table(_ table: TableOutput) -> String {
    let numeric = table.columns.indices.map { index in
      index < table.types.count && table.types[index].isNumeric
    }
    let header = table.columns.enumerated().map { index, name in
      let type = index < table.types.count ? table.types[index].rawValue : ""
      return (numeric[index] ? "<th class=\"num\">" : "<th>") + HTMLText.escape(name)
        + "<span class=\"type\">" + type + "</span></th>"
    }
    let rows = table.rows.map { row in
      "<tr>"
        + table.columns.indices.map { index -> String in
          guard index < row.count else { return "<td></td>" }
          if case .null = row[index] { return "<td class=\"null\">null</td>" }
          let text = HTMLText.escape(ValueFormatter.text(row[index]))
          return (numeric[index] ? "<td class=\"num\">" : "<td>") + text + "</td>"
        }.joined() + "</tr>"
    }
    var html =
      "<div class=\"table\"><table><thead><tr>" + header.joined() + "</tr></thead><tbody>"
      + rows.joined(separator: "\n") + "</tbody></table></div>"
    let totalRows = max(table.totalRows, table.rows.count)
    if totalRows > table.rows.count {
      html +=
        "\n<p class=\"footer\">"
        + HTMLText.escape(TableRenderer.footer(shownRows: table.rows.count, totalRows: totalRows))
        + "</p>"
    }
    return html
  }

  static let style = """
    :root { color-scheme: light; }
    body { margin: 0; background: #f6f8fa; color: #24292f;
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 780px; margin: 0 auto; padding: 24px 28px 48px; background: #ffffff; }
    h1 { font-size: 28px; margin: 8px 0 16px; }
    h2 { font-size: 22px; margin: 28px 0 8px; border-bottom: 1px solid #d8dee4; }
    h3, h4, h5, h6 { font-size: 17px; margin: 20px 0 6px; }
    code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
      font-size: 13px; }
    p code, li code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
    pre { background: #f6f8fa; padding: 10px 12px; overflow-x: auto; border-radius: 6px;
      margin: 8px 0; }
    .run { color: #57606a; }
    .cell { margin: 18px 0; padding-left: 12px; border-left: 3px solid #d8dee4; }
    summary { cursor: pointer; color: #57606a; font-size: 13px; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; }
    summary code { color: #24292f; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px;
      font-weight: bold; color: #ffffff; background: #0969da; }
    .badge.train { background: #8250df; } .badge.score { background: #9a6700; }
    .badge.ingest { background: #1a7f37; } .badge.audience { background: #1b7c83; }
    .table { overflow-x: auto; margin: 8px 0; }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { padding: 3px 10px; border-bottom: 1px solid #d8dee4; text-align: left;
      white-space: nowrap; }
    th { border-bottom: 2px solid #8c959f; vertical-align: bottom; }
    th .type { display: block; font-weight: normal; color: #8c959f; font-size: 11px; }
    tbody tr:nth-child(even) { background: #f6f8fa; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .null { color: #8c959f; font-style: italic; }
    .footer, .caption, .metrics-title { color: #57606a; font-size: 13px; margin: 4px 0; }
    .metrics-title { font-weight: bold; color: #24292f; }
    .error { color: #cf222e; background: #ffebe9; padding: 8px 12px; border-radius: 6px; }
    figure.chart { margin: 8px 0; }
    figure.chart svg { max-width: 100%; height: auto; }
    blockquote { margin: 8px 0; padding-left: 12px; color: #57606a; border-left: 3px solid #d8dee4; }
    """
}
