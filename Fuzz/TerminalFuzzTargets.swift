// The fuzz targets that need DSWTerminal: theme files, and notebooks shown as
// a user sees them. Compiled only for `scripts/fuzz.sh theme` and
// `scripts/fuzz.sh notebook` (with DSWTerminal's sources).

#if canImport(Glibc)
  import Glibc
#endif

/// A theme that decodes must write out and read back as the same theme.
func fuzzTheme(_ bytes: [UInt8]) {
  guard let theme = try? Theme.decode(jsonBytes: bytes) else { return }
  let written = Array(theme.jsonText.utf8)
  guard let again = try? Theme.decode(jsonBytes: written) else { abort() }
  if again.jsonText != theme.jsonText { abort() }
}

/// A stranger's notebook, drawn: its prose through the Markdown renderer, its
/// stored outputs in the terminal (narrow and wide, in colour), as Markdown,
/// and its charts as SVG. Stored outputs are data from the file, so drawing
/// them must never trap.
func fuzzNotebookRendering(_ notebook: Notebook) {
  let styler = Styler(theme: .builtinDark, enabled: true)
  for cell in notebook.cells {
    if cell.kind == .markdown {
      _ = MarkdownRenderer.render(cell.source, width: 60, styler: styler)
    }
    for output in cell.outputs ?? [] {
      for width in [12, 100] {
        _ = OutputRenderer.render(output, width: width, maxRows: 20, styler: styler)
      }
      _ = MarkdownOutputRenderer.render(output)
      if case .chart(let chart) = output { _ = SVGChart.render(chart, theme: .builtinLight) }
    }
  }
}
