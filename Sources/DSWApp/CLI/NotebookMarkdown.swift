import DSWCore
import DSWTerminal

/// A notebook as Markdown: prose as written, code in fences, outputs rendered.
///
/// The notebook may be a stranger's and the Markdown may go to a terminal, so
/// nothing in it is raw: control characters, DEL and bidi overrides are
/// escaped everywhere (line breaks and tabs of prose and code stay), the
/// title stays on its line, and a code fence is longer than any backtick run
/// in the code, so code cannot close it and turn into Markdown.
///
/// With `picture`, each chart is handed over (with its cell and its index
/// among the cell's charts) and linked as the image at the path it returns;
/// without, charts are drawn as text.
enum NotebookMarkdown {
  static func render(
    _ notebook: Notebook, picture: ((Cell, Int, ChartOutput) -> String)? = nil
  ) -> String {
    var parts: [String] = []
    if let title = notebook.metadata.title,
      !notebook.cells.contains(where: { $0.source.hasPrefix("# ") })
    {
      parts.append("# " + SafeText.escape(title))
    }
    for cell in notebook.cells {
      if cell.kind == .markdown {
        parts.append(MarkdownOutputRenderer.escapeProse(cell.source))
        continue
      }
      parts.append(
        MarkdownOutputRenderer.fenced(MarkdownOutputRenderer.escapeProse(cell.source), info: "dsw"))
      var charts = 0
      for output in cell.outputs ?? [] {
        if case .chart(let chart) = output, let picture {
          let path = picture(cell, charts, chart)
          charts += 1
          parts.append("![\(MarkdownOutputRenderer.escapeCell(chart.title))](\(path))")
          continue
        }
        parts.append(MarkdownOutputRenderer.render(output))
      }
    }
    return parts.joined(separator: "\n\n") + "\n"
  }
}

/// A notebook as Jupyter nbformat 4.5 JSON. A chart is an output holding
/// both an SVG picture (`image/svg+xml`, which Jupyter, VS Code and GitHub
/// draw) and its text form (`text/plain`).
enum Ipynb {
  static func document(_ notebook: Notebook, theme: Theme = .builtinLight) -> JSONValue {
    var metadata: [String: JSONValue] = [
      "kernelspec": .object([
        "display_name": .string("dsw"), "language": .string("dsw"), "name": .string("dsw"),
      ]),
      "language_info": .object([
        "file_extension": .string(".dsw"), "name": .string("dsw"),
        "pygments_lexer": .string("text"),
      ]),
    ]
    if let title = notebook.metadata.title { metadata["title"] = .string(title) }
    if let parameters = RunParameters(metadata: notebook.metadata), !parameters.values.isEmpty {
      metadata["dsw"] = .object([
        "parameters": .object(parameters.values.mapValues { .string($0) })
      ])
    }
    return .object([
      "cells": .array(notebook.cells.map { cell($0, theme: theme) }),
      "metadata": .object(metadata),
      "nbformat": .int(4),
      "nbformat_minor": .int(5),
    ])
  }

  static func lines(_ text: String) -> JSONValue {
    if text.isEmpty { return .array([]) }
    let split = text.split(separator: "\n", omittingEmptySubsequences: false)
    return .array(
      split.enumerated().map { index, line in
        .string(index < split.count - 1 ? line + "\n" : String(line))
      })
  }

  static func cell(_ cell: Cell, theme: Theme) -> JSONValue {
    if cell.kind == .markdown {
      return .object([
        "cell_type": .string("markdown"), "id": .string(cell.id), "metadata": .object([:]),
        "source": lines(cell.source),
      ])
    }
    let count: JSONValue = cell.execution.map { .int(Int64($0.count)) } ?? .null
    let outputs: [JSONValue] = (cell.outputs ?? []).map { output in
      if case .error(let error) = output {
        return .object([
          "output_type": .string("error"), "ename": .string(error.code),
          "evalue": .string(error.message),
          "traceback": .array([
            .string(
              "error[\(error.code)]: \(error.message) (line \(error.line), column \(error.column))")
          ]),
        ])
      }
      // Files keep numbers as programs read them: no thousands separators.
      let plain = OutputRenderer.render(
        output, width: 100, maxRows: 20, styler: Styler(theme: .builtinDark, enabled: false),
        numbers: .plain)
      var data: [String: JSONValue] = ["text/plain": lines(plain)]
      if case .table = output {
        data["text/markdown"] = lines(MarkdownOutputRenderer.render(output))
      }
      if case .chart(let chart) = output {
        data["image/svg+xml"] = lines(SVGChart.render(chart, theme: theme))
      }
      return .object([
        "output_type": .string("execute_result"), "execution_count": count,
        "data": .object(data), "metadata": .object([:]),
      ])
    }
    return .object([
      "cell_type": .string("code"), "execution_count": count, "id": .string(cell.id),
      "metadata": .object(["dsw": .object(["kind": .string(cell.kind.rawValue)])]),
      "outputs": .array(outputs), "source": lines(cell.source),
    ])
  }
}
