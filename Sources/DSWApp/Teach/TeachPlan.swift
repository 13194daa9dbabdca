import DSWCore

/// A notebook cut into teaching steps: one step per code cell, each led in
/// by the markdown cells just before it.
///
/// Markdown is the lesson's prose and code is what the learner acts on, so
/// a step pairs them: the learner reads, then runs. Markdown after the last
/// code cell is the lesson's closing, shown once at the end.
struct TeachPlan {
  /// One code cell and the prose that introduces it.
  struct Step {
    /// The markdown cells between the previous code cell and this one.
    var introduction: [Cell]
    var cell: Cell
    /// The cell's 1-based position in the notebook, as `dsw run` numbers it.
    var cellNumber: Int
  }

  var steps: [Step]
  /// Markdown after the last code cell.
  var closing: [Cell]

  init(_ notebook: Notebook) {
    var steps: [Step] = []
    var pending: [Cell] = []
    for (index, cell) in notebook.cells.enumerated() {
      if cell.kind.isCode {
        steps.append(Step(introduction: pending, cell: cell, cellNumber: index + 1))
        pending = []
      } else {
        pending.append(cell)
      }
    }
    self.steps = steps
    closing = pending
  }
}
