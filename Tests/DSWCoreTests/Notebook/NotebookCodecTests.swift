import DSWCore
import Testing

/// The summary of the error decoding `text` throws.
func decodeError(_ text: String) -> String {
  do {
    _ = try NotebookCodec.decode(bytes: Array(text.utf8))
    return "no error"
  } catch {
    return summary(error)
  }
}

/// A notebook file whose only cell is `cell`, written on line 3 from column 5.
func notebookText(cell: String) -> String {
  "{\n  \"cells\": [\n    \(cell)\n  ],\n  \"dswnb\": 1,\n  \"metadata\": {}\n}\n"
}

/// A notebook file whose only cell is a query cell with this one output.
func notebookText(output: String) -> String {
  notebookText(
    cell: #"{"id": "abcd1234", "kind": "query", "source": [], "outputs": ["#
      + output + "]}")
}

@Suite("NotebookCodec")
struct NotebookCodecTests {
  @Test func encodesEveryCellKindAndOutputType() throws {
    let bytes = NotebookCodec.encodeBytes(SampleNotebook.notebook)
    Golden.assertMatches(bytes, at: "Notebook/every-kind.dswnb")
  }

  @Test func decodingThenEncodingIsByteIdentical() throws {
    let golden = try Golden.load("Notebook/every-kind.dswnb")
    let notebook = try NotebookCodec.decode(bytes: golden)
    #expect(notebook == SampleNotebook.notebook)
    #expect(NotebookCodec.encodeBytes(notebook) == golden)
  }

  @Test func storesSourceAsLines() throws {
    let cells = [
      Cell(id: "aaaaaaaa", kind: .query, source: ""),
      Cell(id: "bbbbbbbb", kind: .query, source: "a\n\nb\n"),
      Cell(id: "cccccccc", kind: .query, source: "x\r\ny"),
    ]
    #expect(cells.map(\.sourceLines) == [[], ["a", "", "b", ""], ["x\r", "y"]])
    let decoded = try NotebookCodec.decode(
      bytes: NotebookCodec.encodeBytes(Notebook(cells: cells)))
    #expect(decoded.cells == cells)
  }

  @Test func acceptsAMinimalFile() throws {
    let notebook = try NotebookCodec.decode(bytes: Array(#"{"cells": [], "dswnb": 1}"#.utf8))
    #expect(notebook == Notebook())
    #expect(
      NotebookCodec.encode(notebook)
        == "{\n  \"cells\": [],\n  \"dswnb\": 1,\n  \"metadata\": {}\n}\n")
  }

  @Test func refusesANewerVersion() {
    let text = #"{"cells": [{"id": "abcd1234", "kind": "chart"}], "dswnb": 2, "future": true}"#
    #expect(
      decodeError(text)
        == "N039 1:59 this notebook was written by a newer dsw (format version 2); "
        + "this dsw reads version 1")
  }

  @Test(arguments: [
    ("[]", "N030 1:1 the notebook must be an object, not an array"),
    (#"{"cells": []}"#, "N031 1:1 the notebook is missing \"dswnb\""),
    (#"{"cells": [], "dswnb": "1"}"#, "N030 1:24 \"dswnb\" must be an integer, not a string"),
    (#"{"cells": [], "dswnb": 0}"#, "N040 1:24 unknown format version 0; this dsw reads version 1"),
    (#"{"dswnb": 1}"#, "N031 1:1 the notebook is missing \"cells\""),
    (#"{"cells": {}, "dswnb": 1}"#, "N030 1:11 \"cells\" must be an array, not an object"),
    (
      #"{"cells": [], "dswnb": 1, "title": "x"}"#, "N032 1:27 unknown key \"title\" in the notebook"
    ),
    (
      #"{"cells": [], "dswnb": 1, "metadata": []}"#,
      "N030 1:39 \"metadata\" must be an object, not an array"
    ),
    (
      #"{"cells": [], "dswnb": 1, "metadata": {"title": 3}}"#,
      "N030 1:49 \"title\" must be a string, not an integer"
    ),
    (#"{"cells": [7], "dswnb": 1}"#, "N030 1:12 each cell must be an object, not an integer"),
  ])
  func validatesTheTopLevel(_ text: String, _ expected: String) {
    #expect(decodeError(text) == expected)
  }

  @Test(arguments: [
    (#"{"kind": "query", "source": []}"#, "N031 3:5 a cell is missing \"id\""),
    (
      #"{"id": 12345678, "kind": "query", "source": []}"#,
      "N030 3:12 \"id\" must be a string, not an integer"
    ),
    (
      #"{"id": "ABCD1234", "kind": "query", "source": []}"#,
      "N034 3:12 invalid cell id \"ABCD1234\"; a cell id has 8 characters from a-z and 0-9"
    ),
    (
      #"{"id": "abc", "kind": "query", "source": []}"#,
      "N034 3:12 invalid cell id \"abc\"; a cell id has 8 characters from a-z and 0-9"
    ),
    (
      #"{"id": "abcd1234", "kind": "sql", "source": []}"#,
      "N033 3:32 unknown cell kind \"sql\"; expected markdown, query, train, score, ingest or audience"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": "x"}"#,
      "N030 3:51 \"source\" must be an array, not a string"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [1]}"#,
      "N030 3:52 each line of \"source\" must be a string, not an integer"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": ["a\nb"]}"#,
      "N046 3:52 a source line cannot contain a line break"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "ouputs": []}"#,
      "N032 3:55 unknown key \"ouputs\" in a cell"
    ),
    (
      #"{"id": "abcd1234", "kind": "markdown", "source": [], "outputs": []}"#,
      "N036 3:58 a markdown cell cannot have \"outputs\""
    ),
    (
      #"{"id": "abcd1234", "kind": "markdown", "source": [], "execution": {}}"#,
      "N036 3:58 a markdown cell cannot have \"execution\""
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "outputs": {}}"#,
      "N030 3:66 \"outputs\" must be an array, not an object"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "execution": {"count": 1, "status": "ok", "duration_ms": 3}}"#,
      "N031 3:68 an execution is missing \"fingerprint\""
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "execution": {"count": 1, "status": "done", "duration_ms": 3, "fingerprint": "x"}}"#,
      "N044 3:91 unknown execution status \"done\"; expected ok, error or stale"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "execution": {"count": -1, "status": "ok", "duration_ms": 3, "fingerprint": "x"}}"#,
      "N047 3:78 \"count\" cannot be negative"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "execution": {"count": 1.5, "status": "ok", "duration_ms": 3, "fingerprint": "x"}}"#,
      "N030 3:78 \"count\" must be an integer, not a decimal number"
    ),
    (
      #"{"id": "abcd1234", "kind": "query", "source": [], "execution": {"count": 1, "status": "ok", "duration_ms": 3, "fingerprint": "x", "memory": 5}}"#,
      "N032 3:135 unknown key \"memory\" in an execution"
    ),
  ])
  func validatesCells(_ cell: String, _ expected: String) {
    #expect(decodeError(notebookText(cell: cell)) == expected)
  }

  @Test func refusesDuplicateCellIDs() throws {
    let text =
      "{\"cells\": [\n"
      + #"{"id": "abcd1234", "kind": "query", "source": []},"# + "\n"
      + #"{"id": "abcd1234", "kind": "query", "source": []}"# + "\n], \"dswnb\": 1}"
    do {
      _ = try NotebookCodec.decode(bytes: Array(text.utf8))
      Issue.record("expected an error")
    } catch {
      #expect(summary(error) == "N035 3:8 duplicate cell id \"abcd1234\"")
      #expect(error.notes == ["first used at line 2, column 8"])
    }
  }

  // Outputs sit on line 3; the output object starts at column 67.
  @Test(arguments: [
    ("3", "N030 3:67 each output must be an object, not an integer"),
    (#"{"text": "x"}"#, "N031 3:67 an output is missing \"type\""),
    (
      #"{"type": "image"}"#,
      "N041 3:76 unknown output type \"image\"; expected table, text, chart, metrics or error"
    ),
    (
      #"{"type": "text", "text": "x", "html": "<b>"}"#,
      "N032 3:97 unknown key \"html\" in a text output"
    ),
    (#"{"type": "text"}"#, "N031 3:67 a text output is missing \"text\""),
    (
      #"{"type": "table", "columns": ["a"], "types": ["float"], "rows": [], "total_rows": 0}"#,
      "N042 3:113 unknown column type \"float\"; expected int, double, bool, timestamp, date or string"
    ),
    (
      #"{"type": "table", "columns": ["a", "b"], "types": ["int"], "rows": [], "total_rows": 0}"#,
      "N038 3:117 \"types\" has 1 entries, but the table has 2 columns"
    ),
    (
      #"{"type": "table", "columns": ["a"], "types": ["int"], "rows": [[1], [1, 2]], "total_rows": 2}"#,
      "N037 3:135 row 2 has 2 values, but the table has 1 columns"
    ),
    (
      #"{"type": "table", "columns": ["a"], "types": ["int"], "rows": [["1"]], "total_rows": 1}"#,
      "N043 3:131 a value in column \"a\" must be an integer, not a string"
    ),
    (
      #"{"type": "table", "columns": ["d"], "types": ["date"], "rows": [["2024-13-01"]], "total_rows": 1}"#,
      "N043 3:132 invalid date \"2024-13-01\" in column \"d\"; expected YYYY-MM-DD"
    ),
    (
      #"{"type": "table", "columns": ["t"], "types": ["timestamp"], "rows": [["noon"]], "total_rows": 1}"#,
      "N043 3:137 invalid timestamp \"noon\" in column \"t\"; expected ISO 8601 such as 2024-01-31T12:00:00Z"
    ),
    (
      #"{"type": "table", "columns": ["d"], "types": ["date"], "rows": [[9223372036854775807]], "total_rows": 1}"#,
      "N043 3:132 the date 9223372036854775807 in column \"d\" is out of range; dates and times must fall within about 273,000 years of 1970"
    ),
    (
      #"{"type": "table", "columns": ["t"], "types": ["timestamp"], "rows": [[-9223372036854775808]], "total_rows": 1}"#,
      "N043 3:137 the timestamp -9223372036854775808 in column \"t\" is out of range; dates and times must fall within about 273,000 years of 1970"
    ),
    (
      #"{"type": "table", "columns": ["a"], "types": ["int"], "rows": [], "total_rows": 0, "heat": "yes"}"#,
      "N049 3:158 \"heat\" must be true or false"
    ),
    (
      #"{"type": "table", "columns": ["a"], "types": ["int"], "rows": [], "total_rows": -5}"#,
      "N047 3:147 \"total_rows\" cannot be negative"
    ),
    (
      #"{"type": "chart", "kind": "pie", "title": "", "x_label": "", "y_label": "", "labels": [], "x": [], "y": []}"#,
      "N045 3:93 unknown chart kind \"pie\"; expected bar, line, hist or scatter"
    ),
    (
      #"{"type": "chart", "kind": "bar", "title": "", "x_label": "", "y_label": "", "labels": ["a"], "x": [], "y": [1, 2]}"#,
      "N048 3:153 the chart has 2 y values but 1 labels"
    ),
    (
      #"{"type": "chart", "kind": "line", "title": "", "x_label": "", "y_label": "", "labels": [], "x": [1, 2], "y": ["a"]}"#,
      "N030 3:177 each item of \"y\" must be a number, not a string"
    ),
    (
      #"{"type": "chart", "kind": "bar", "title": "", "x_label": "", "y_label": "", "labels": ["a"], "x": [], "y": [], "series": [{"name": "s", "x": [], "y": [1, 2]}]}"#,
      "N048 3:217 the chart series has 2 y values but 1 labels"
    ),
    (
      #"{"type": "chart", "kind": "line", "title": "", "x_label": "", "y_label": "", "labels": [], "x": [], "y": [], "series": [{"name": "s", "y": []}]}"#,
      "N031 3:187 a chart series is missing \"x\""
    ),
    (
      #"{"type": "metrics", "title": "m", "metrics": [{"name": "auc"}], "tables": []}"#,
      "N031 3:113 a metric is missing \"value\""
    ),
    (
      #"{"type": "metrics", "title": "m", "metrics": [], "tables": [{"name": "t", "table": {"type": "text"}}]}"#,
      "N030 3:159 the \"type\" of a table must be \"table\""
    ),
    (
      #"{"type": "error", "code": "E1", "message": "m", "line": 1}"#,
      "N031 3:67 an error output is missing \"column\""
    ),
  ])
  func validatesOutputs(_ output: String, _ expected: String) {
    #expect(decodeError(notebookText(output: output)) == expected)
  }

  /// Charts with several series round-trip; one-series charts keep their old form.
  @Test func chartSeriesRoundTrip() throws {
    let chart = ChartOutput(
      kind: .line, title: "t", xLabel: "x", yLabel: "y", y: [],
      series: [
        ChartSeries(name: "a", x: [1, 2], y: [3, 4]), ChartSeries(name: "b", x: [1], y: [5]),
      ])
    let notebook = Notebook(
      cells: [Cell(id: "abcd1234", kind: .query, source: "", outputs: [.chart(chart)])])
    let bytes = NotebookCodec.encodeBytes(notebook)
    #expect(try NotebookCodec.decode(bytes: bytes).cells[0].outputs == [.chart(chart)])
    let single = ChartOutput(kind: .line, title: "t", xLabel: "x", yLabel: "y", x: [1], y: [2])
    let old =
      #"{"type": "chart", "kind": "line", "title": "t", "x_label": "x", "y_label": "y", "labels": [], "x": [1], "y": [2]}"#
    let decoded = try NotebookCodec.decode(bytes: Array(notebookText(output: old).utf8))
    #expect(decoded.cells[0].outputs == [.chart(single)])
    guard case .object(let object) = OutputCoding.json(.chart(single)) else { return }
    #expect(object["series"] == nil)
  }

  @Test func readsNullNumbersAsNaN() throws {
    let text = notebookText(
      output:
        #"{"type": "metrics", "title": "m", "metrics": [{"name": "auc", "value": null}], "tables": []}"#
    )
    let notebook = try NotebookCodec.decode(bytes: Array(text.utf8))
    guard case .metrics(let metrics) = notebook.cells.first?.outputs?.first else {
      Issue.record("expected a metrics output")
      return
    }
    #expect(metrics.metrics.first?.value.isNaN == true)
  }

  @Test func keepsUnknownMetadata() throws {
    let text = #"{"cells": [], "dswnb": 1, "metadata": {"kernel": {"x": [1, 2.0]}, "title": "T"}}"#
    let notebook = try NotebookCodec.decode(bytes: Array(text.utf8))
    #expect(notebook.metadata.title == "T")
    #expect(notebook.metadata.extra == ["kernel": .object(["x": .array([.int(1), .double(2)])])])
  }
}
