import DSWCore
import Testing

@testable import DSWApp

/// What each step says about its cell.
@Suite("Teach: explaining cells")
struct CellExplainerTests {
  @Test("each kind has its own sentence", arguments: CellKind.allCases)
  func kinds(kind: CellKind) {
    var known: Set<String> = []
    let lines = CellExplainer.explain(kind: kind, source: "datasets", known: &known)
    #expect(lines.first == CellExplainer.kindSentence(kind))
    #expect(lines.count == 2)
  }

  @Test("a keyword is explained in full once, then recalled in a word")
  func recall() {
    var known: Set<String> = []
    let first = CellExplainer.explain(
      kind: .query, source: "from g | aggregate n = count() by id1", known: &known)
    #expect(
      first == [
        CellExplainer.kindSentence(.query),
        "`from g` starts a pipeline; each `| step` works on the rows of the step above it, read "
          + "top to bottom.",
        "`aggregate … by …` is GROUP BY: one row per key, with the aggregates you name.",
        "A pipeline on its own, outside a `let`, shows its result and saves nothing.",
      ])
    let second = CellExplainer.explain(
      kind: .query, source: "from g | aggregate n = count() by id2 | take 5", known: &known)
    #expect(
      second == [
        "`take N` is LIMIT N.",
        "As before: `from` (start a pipeline), `aggregate … by` (GROUP BY).",
      ])
  }

  @Test("aggregate without by is told apart from GROUP BY")
  func aggregateAll() {
    var known: Set<String> = ["kind.query", "from", "shown"]
    #expect(
      CellExplainer.explain(kind: .query, source: "from g | aggregate n = count()", known: &known)
        == [
          "`aggregate …` with no `by` sums up the whole table in one row, like "
            + "`SELECT count(*) FROM …`.",
          "As before: `from` (start a pipeline).",
        ])
  }

  @Test("the explanations of the workflow's statements name their parts")
  func workflow() {
    var known: Set<String> = []
    let source = """
      train conv = gbt(features, target: converted)
      evaluate conv
      let scores = from features | score conv
      ingest scores into profile by userId
      audience likely = from profile | filter propensity >= 0.6
      activate likely to "out/likely.csv"
      """
    let lines = CellExplainer.explain(kind: .train, source: source, known: &known)
    #expect(
      lines.contains(
        "`train conv = gbt(features, target: …)` fits a model that predicts the target column from "
          + "the other columns of `features`. It keeps a share of the rows aside (the holdout) to "
          + "test the model on rows it never saw."))
    #expect(
      lines.contains(
        "`ingest scores into profile by userId` merges the other columns of `scores` into each "
          + "customer's profile, matched on `userId`: an upsert keyed by customer."))
    #expect(lines.contains { $0.hasPrefix("`| score conv` runs the model on each row") })
    #expect(lines.contains { $0.hasPrefix("`activate likely to \"…\"` writes the audience's") })
  }

  @Test("a cell that does not parse says so, and running it will show where")
  func unparsable() {
    var known: Set<String> = ["kind.query"]
    #expect(
      CellExplainer.explain(kind: .query, source: "from x | filter a = 1", known: &known)
        == ["The cell does not parse as written; running it shows where the problem is."])
  }

  @Test("a whole plan is explained in order, so :back shows the same words")
  func plan() {
    let notebook = Notebook(cells: [
      Cell(id: "a0000000", kind: .query, source: "from g | take 1"),
      Cell(id: "b0000000", kind: .query, source: "from g | take 2"),
    ])
    let explained = CellExplainer.explain(TeachPlan(notebook))
    #expect(explained.count == 2)
    #expect(explained[1] == ["As before: `from` (start a pipeline), `take` (LIMIT)."])
  }
}
