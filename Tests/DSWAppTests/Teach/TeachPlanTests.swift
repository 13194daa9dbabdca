import DSWCore
import DSWTerminal
import Testing

@testable import DSWApp

/// Steps, what skipping a cell loses, and the tutor's inline prose.
@Suite("Teach: steps, products and prose")
struct TeachPlanTests {
  @Test("each code cell is a step, led in by the markdown before it")
  func steps() {
    let notebook = Notebook(cells: [
      Cell(id: "m1000000", kind: .markdown, source: "# A"),
      Cell(id: "m2000000", kind: .markdown, source: "B"),
      Cell(id: "q1000000", kind: .query, source: "datasets"),
      Cell(id: "q2000000", kind: .query, source: "datasets"),
      Cell(id: "m3000000", kind: .markdown, source: "End"),
    ])
    let plan = TeachPlan(notebook)
    #expect(plan.steps.map(\.cellNumber) == [3, 4])
    #expect(plan.steps[0].introduction.map(\.id) == ["m1000000", "m2000000"])
    #expect(plan.steps[1].introduction.isEmpty)
    #expect(plan.closing.map(\.id) == ["m3000000"])
  }

  @Test(
    "the names a cell makes",
    arguments: [
      ("synth cmle (users: 10)", ["profiles", "events"]),
      ("synth groupby (rows: 10)", ["groupby"]),
      ("synth groupby (rows: 10, as: \"g\")", ["g"]),
      ("param n = 5\nlet a = from x\nlet a = from x | take 1", ["n", "a"]),
      ("load \"d.csv\" as d\ntrain m = gbt(d, target: y)", ["d", "m"]),
      ("audience likely = from profile | filter p > 0.5", ["likely"]),
    ])
  func names(source: String, expected: [String]) {
    let products = CellProducts(source: source)
    #expect(products.names == expected)
    #expect(products.changesSession)
  }

  @Test("cells that only look change nothing; ingest, export and the like do")
  func changes() {
    #expect(!CellProducts(source: "from x | take 5\ndescribe x\nschema x").changesSession)
    #expect(CellProducts(source: "ingest s into profile by userId").changesSession)
    #expect(CellProducts(source: "export x to \"x.csv\"").changesSession)
    #expect(CellProducts(source: "drop x").changesSession)
    #expect(CellProducts(source: "from x | filter a = 1").changesSession)
  }

  @Test("plain prose keeps code marks and wraps with a hanging indent")
  func plainProse() {
    let lines = InlineText.render(
      "**Strong** words and `code here` wrap", width: 16, firstIndent: "• ", styler: .plain)
    #expect(lines == ["• Strong words", "  and `code", "  here` wrap"])
    #expect(InlineText.render("", width: 20, styler: .plain) == [""])
    #expect(
      InlineText.render("averyveryverylongword x", width: 10, styler: .plain)
        == ["averyveryverylongword", "x"])
  }

  @Test("with colour, code is painted and loses its backticks")
  func colouredProse() {
    let styler = Styler(theme: .builtinDark, enabled: true)
    let line = InlineText.render("use `take N`", width: 40, styler: styler).joined()
    #expect(!line.contains("`"))
    #expect(line == "use " + styler.paint("take N", .code))
    #expect(DisplayWidth.ofPainted(line) == "use take N".count)
  }
}
