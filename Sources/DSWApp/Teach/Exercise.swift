import DSWCore

/// A step the learner writes before seeing it: a code cell whose metadata
/// holds `"teach": {"exercise": TASK, "hint": HINT, "ordered": BOOL}`.
///
/// The cell's own code is the model answer. Teach runs the learner's answer,
/// then the cell, and compares their results (see `ExerciseCheck`).
struct Exercise: Equatable {
  /// What to write, in words: "Count the events of each type…".
  var task: String
  /// A nudge shown on `:hint`.
  var hint: String?
  /// Whether row order counts (the task asks for a sort).
  var ordered: Bool

  /// The exercise in `cell`'s metadata, or nil when it has none.
  init?(cell: Cell) {
    guard case .object(let teach) = cell.metadata["teach"],
      case .string(let task) = teach["exercise"]
    else { return nil }
    self.task = task
    if case .string(let hint) = teach["hint"] { self.hint = hint } else { hint = nil }
    if case .bool(let ordered) = teach["ordered"] {
      self.ordered = ordered
    } else {
      ordered = false
    }
  }

  /// The table a run gave, for comparison: the dataset a final `let` (or
  /// `load`) made, or else the last table output. Nil when there is none.
  static func result(of source: String, run: CellRun, session: Session) -> TableOutput? {
    if let last = (try? Parser.parseProgram(source))?.statements.last {
      switch last.kind {
      case .letBinding(let name, _), .load(_, _, let name, _):
        if let dataset = session.datasets[name.text] {
          return TableOutput(dataset.table, limit: dataset.table.rowCount)
        }
      default: break
      }
    }
    for output in run.outputs.reversed() {
      if case .table(let table) = output { return table }
    }
    return nil
  }
}

/// Compares a learner's result with the expected one: columns and their
/// types, row counts, then values, and says what differs in plain words.
enum ExerciseCheck {
  struct Verdict: Equatable {
    var matches: Bool
    /// What differs, most telling first; empty when the results match.
    var differences: [String]
  }

  /// Rows compared cell by cell before giving up on finding the first difference.
  static func compare(expected: TableOutput, actual: TableOutput, ordered: Bool) -> Verdict {
    var differences: [String] = []
    let missing = expected.columns.filter { !actual.columns.contains($0) }
    let extra = actual.columns.filter { !expected.columns.contains($0) }
    if !missing.isEmpty {
      differences.append(
        "Your result has no column " + list(missing)
          + (extra.isEmpty ? "" : "; it has " + list(extra) + " instead")
          + ". Name the columns as the task says (`name = expression`).")
    } else if !extra.isEmpty {
      differences.append("Your result has extra columns: " + list(extra) + ".")
    }
    for (index, name) in expected.columns.enumerated() {
      guard let other = actual.columns.firstIndex(of: name) else { continue }
      let want = expected.types[index]
      let got = actual.types[other]
      if want != got && !(want.isNumeric && got.isNumeric) {
        differences.append(
          "`\(name)` is \(got.rawValue) in yours, \(want.rawValue) in the notebook's.")
      }
    }
    if expected.totalRows != actual.totalRows {
      differences.append(
        "Yours has \(actual.totalRows.counting("row")); "
          + "the notebook's has \(expected.totalRows.formatted).")
    }
    guard differences.isEmpty else { return Verdict(matches: false, differences: differences) }
    let order = expected.columns.compactMap { actual.columns.firstIndex(of: $0) }
    let mine = actual.rows.map { row in order.map { row.indices.contains($0) ? row[$0] : .null } }
    let wanted = expected.rows
    if ordered {
      if let row = wanted.indices.first(where: { !same(wanted[$0], mine[$0]) }) {
        let sortedAlike = wanted.map(key).sorted() == mine.map(key).sorted()
        differences.append(
          sortedAlike
            ? "Your rows are right but in another order: the task asks for a sort."
            : "Row \(row + 1) differs: yours is \(describe(mine[row], expected.columns)), the "
              + "notebook's is \(describe(wanted[row], expected.columns)).")
      }
    } else {
      let wantedKeys = wanted.map(key).sorted()
      let mineKeys = mine.map(key).sorted()
      if wantedKeys != mineKeys {
        let mineSet = Set(mineKeys)
        if let index = wanted.firstIndex(where: { !mineSet.contains(key($0)) }) {
          differences.append(
            "The notebook's result has the row \(describe(wanted[index], expected.columns)), "
              + "which yours lacks.")
        } else {
          differences.append("Some rows appear a different number of times in yours.")
        }
      }
    }
    return Verdict(matches: differences.isEmpty, differences: differences)
  }

  private static func list(_ names: [String]) -> String {
    names.prefix(6).map { "`\($0)`" }.joined(separator: ", ") + (names.count > 6 ? ", …" : "")
  }

  /// A row as comparable text: doubles to 9 significant digits, ints and
  /// doubles alike, so `2` and `2.0` match.
  private static func key(_ row: [Value]) -> String {
    row.map { value -> String in
      switch value {
      case .null: return "∅"
      case .int(let number): return String(format: "%.9g", Double(number))
      case .double(let number): return String(format: "%.9g", number)
      default: return ValueText.plain(value)
      }
    }.joined(separator: "\u{1F}")
  }

  private static func same(_ left: [Value], _ right: [Value]) -> Bool { key(left) == key(right) }

  private static func describe(_ row: [Value], _ columns: [String]) -> String {
    "("
      + zip(columns, row).prefix(5).map { "\($0.0) \(ValueText.plain($0.1))" }
      .joined(separator: ", ") + ")"
  }
}
