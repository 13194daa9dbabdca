import DSWCore

/// Plain explanations of what a code cell does, for a learner who knows SQL
/// but not dsw: a sentence for the cell's kind, then one for each statement
/// keyword and pipeline step it uses, in the order they appear.
///
/// A notebook repeats itself (every query starts with `from`), so each
/// keyword is explained in full at its first appearance and only recalled
/// in a word or two after that. The text is Markdown (inline code in
/// backticks), laid out by `MarkdownRenderer`.
enum CellExplainer {
  /// The explanations of every step of `plan`, in order: what each step
  /// says depends on what the steps before it already said.
  static func explain(_ plan: TeachPlan) -> [[String]] {
    var known: Set<String> = []
    return plan.steps.map { explain(kind: $0.cell.kind, source: $0.cell.source, known: &known) }
  }

  /// The explanation of one cell; keys in `known` are only recalled, and
  /// the keys explained here are added to it.
  static func explain(kind: CellKind, source: String, known: inout Set<String>) -> [String] {
    var lines: [String] = []
    if known.insert("kind." + kind.rawValue).inserted { lines.append(kindSentence(kind)) }
    guard let program = try? Parser.parseProgram(source) else {
      lines.append("The cell does not parse as written; running it shows where the problem is.")
      return lines
    }
    var seen: Set<String> = []
    var recalled: [String] = []
    for statement in program.statements {
      for explanation in explanations(for: statement) where seen.insert(explanation.key).inserted {
        if known.insert(explanation.key).inserted {
          lines.append(explanation.full)
        } else if !explanation.short.isEmpty {
          recalled.append(explanation.short)
        }
      }
    }
    if !recalled.isEmpty {
      lines.append("As before: " + recalled.joined(separator: ", ") + ".")
    }
    return lines
  }

  /// What a cell of each kind is for.
  static func kindSentence(_ kind: CellKind) -> String {
    switch kind {
    case .markdown:
      "A markdown cell is prose; it does not run."
    case .query:
      "This is a **query** cell: it reads, reshapes or checks data. The session keeps a result "
        + "only when a statement names it (`let`, `load`, `synth`)."
    case .train:
      "This is a **train** cell: it fits a model on a table with one row per customer, and "
        + "measures it on rows held back from training."
    case .score:
      "This is a **score** cell: it runs a trained model over rows, giving each one a prediction."
    case .ingest:
      "This is an **ingest** cell: it writes columns into the customer profile, matched by "
        + "an identity column."
    case .audience:
      "This is an **audience** cell: it defines groups of customers from their profile, or "
        + "writes a group out to a file (activation)."
    }
  }
}

/// One keyword's explanation: in full the first time, in short after.
struct Explanation: Equatable {
  /// Tells keywords apart: `aggregate` with and without `by` are different.
  var key: String
  /// A reminder, such as "`sort` (ORDER BY)"; empty when not worth one.
  var short: String
  var full: String

  init(_ key: String, short: String, _ full: String) {
    self.key = key
    self.short = short
    self.full = full
  }
}
