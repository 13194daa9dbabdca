import DSWCore
import DSWTerminal

@testable import DSWApp

/// A tutor over an in-memory notebook and session, driven by a script;
/// colour off, 80 columns, input echoed so transcripts show what was typed.
struct TeachHarness {
  var notebook: Notebook
  let session = Session()

  init(_ cells: [(CellKind, String)], title: String? = "Practice") {
    let built = cells.enumerated().map { index, cell in
      Cell(id: "cell000\(index)", kind: cell.0, source: cell.1)
    }
    notebook = Notebook(cells: built, metadata: NotebookMetadata(title: title))
  }

  init(cells: [Cell], title: String? = "Practice") {
    notebook = Notebook(cells: cells, metadata: NotebookMetadata(title: title))
  }

  /// Runs the walk on `lines`; returns its summary, the transcript and the
  /// reader (for its prompts).
  func walk(_ lines: [String]) -> (summary: Tutor.Summary, text: String, reader: ScriptedLineReader)
  {
    let reader = ScriptedLineReader(lines)
    let transcript = Transcript()
    let tutor = Tutor(
      notebook: notebook, notebookName: "practice.dswnb", session: session, reader: reader,
      styler: .plain, width: 80, echoInput: true, write: transcript.append)
    let summary = tutor.run()
    return (summary, transcript.text, reader)
  }

  /// The notebook most tests walk: prose, data, a query, a `let`, an error
  /// cell and a closing note.
  static func practice() -> TeachHarness {
    TeachHarness([
      (.markdown, "# Practice\n\nWe make a **sample table** and count rows per key."),
      (.query, "synth groupby (rows: 1000, k: 10, seed: 1)"),
      (.markdown, "Count the rows for each `id1`, like `GROUP BY id1`."),
      (
        .query, "from groupby\n| aggregate n = count(), total = sum(v1) by id1\n| sort -n\n| take 3"
      ),
      (.query, "let big = from groupby | filter v1 >= 4"),
      (.query, "from big\n| filter v1 = 3"),
      (.markdown, "## Done\n\nYou used `aggregate` and `filter`."),
    ])
  }
}

/// Collects what the tutor writes.
final class Transcript {
  private(set) var text = ""
  func append(_ chunk: String) { text += chunk }
}
