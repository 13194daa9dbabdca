import DSWCore
import Foundation
import Testing

@testable import DSWApp

/// Exercises: the cell metadata that marks them, the comparison of a
/// learner's result with the notebook's, and the walk through one.
@Suite("Teach: exercises")
struct ExerciseTests {
  static let teach: JSONValue = .object([
    "exercise": .string("Count the rows of each `id1`, as `n`, largest first."),
    "hint": .string("`aggregate n = count() by id1`, then `sort -n`."),
    "ordered": .bool(true),
  ])

  static func table(_ columns: [String], _ types: [DataType], _ rows: [[Value]]) -> TableOutput {
    TableOutput(columns: columns, types: types, rows: rows, totalRows: rows.count)
  }

  static let expected = table(
    ["id1", "n"], [.string, .int], [[.string("a"), .int(3)], [.string("b"), .int(1)]])

  @Test("an exercise is read from the cell's teach metadata")
  func readsMetadata() throws {
    let cell = Cell(id: "aaaaaaaa", kind: .query, source: "from t", metadata: ["teach": Self.teach])
    let exercise = try #require(Exercise(cell: cell))
    #expect(exercise.task.hasPrefix("Count the rows"))
    #expect(exercise.hint != nil)
    #expect(exercise.ordered)
    #expect(Exercise(cell: Cell(id: "bbbbbbbb", kind: .query, source: "from t")) == nil)
  }

  @Test("cell metadata survives a save and a load, byte for byte")
  func metadataRoundTrips() throws {
    let notebook = Notebook(cells: [
      Cell(id: "aaaaaaaa", kind: .query, source: "from t", metadata: ["teach": Self.teach])
    ])
    let bytes = NotebookCodec.encodeBytes(notebook)
    let decoded = try NotebookCodec.decode(bytes: bytes)
    #expect(decoded.cells[0].metadata == ["teach": Self.teach])
    #expect(NotebookCodec.encodeBytes(decoded) == bytes)
    #expect(String(decoding: bytes, as: UTF8.self).contains(#""metadata": {"#))
  }

  @Test("the same result matches, whatever the row order when order does not count")
  func matches() {
    let swapped = Self.table(
      ["id1", "n"], [.string, .int], [[.string("b"), .int(1)], [.string("a"), .int(3)]])
    #expect(ExerciseCheck.compare(expected: Self.expected, actual: swapped, ordered: false).matches)
    let verdict = ExerciseCheck.compare(expected: Self.expected, actual: swapped, ordered: true)
    #expect(!verdict.matches)
    #expect(
      verdict.differences == ["Your rows are right but in another order: the task asks for a sort."]
    )
  }

  @Test("differences are named: columns, types, rows and values")
  func differences() {
    let renamed = Self.table(
      ["id1", "count"], [.string, .int], [[.string("a"), .int(3)], [.string("b"), .int(1)]])
    #expect(
      ExerciseCheck.compare(expected: Self.expected, actual: renamed, ordered: false).differences
        == [
          "Your result has no column `n`; it has `count` instead. Name the columns as the task says (`name = expression`)."
        ])
    let short = Self.table(["id1", "n"], [.string, .int], [[.string("a"), .int(3)]])
    #expect(
      ExerciseCheck.compare(expected: Self.expected, actual: short, ordered: false).differences
        == ["Yours has 1 row; the notebook's has 2."])
    let wrong = Self.table(
      ["id1", "n"], [.string, .int], [[.string("a"), .int(3)], [.string("b"), .int(2)]])
    #expect(
      ExerciseCheck.compare(expected: Self.expected, actual: wrong, ordered: true).differences
        == ["Row 2 differs: yours is (id1 b, n 2), the notebook's is (id1 b, n 1)."])
    let asDouble = Self.table(
      ["n", "id1"], [.double, .string], [[.double(3), .string("a")], [.double(1), .string("b")]])
    #expect(ExerciseCheck.compare(expected: Self.expected, actual: asDouble, ordered: true).matches)
  }

  static func lesson() -> TeachHarness {
    TeachHarness(cells: [
      Cell(id: "cell0000", kind: .query, source: "synth groupby (rows: 100, k: 3, seed: 1)"),
      Cell(
        id: "cell0001", kind: .query,
        source: "from groupby\n| aggregate n = count() by id1\n| sort -n",
        metadata: ["teach": Self.teach]),
      Cell(id: "cell0002", kind: .query, source: "from groupby | take 1"),
    ])
  }

  @Test("a wrong answer is explained, a hint helps, a right one moves on")
  func walk() {
    let (summary, text, _) = Self.lesson().walk([
      "",
      "from groupby | aggregate count = count() by id1",
      ":hint",
      "from groupby | aggregate n = count() by id1",
      "| sort -n",
      "",
    ])
    #expect(summary == Tutor.Summary(outcome: .finished, ran: 3, skipped: 0, failed: 0))
    #expect(text.contains("Not quite:"))
    #expect(text.contains("Your rows are right but in another order"))
    #expect(text.contains("✓ Right: your result matches the notebook's"))
    TeachSnapshot.assert(text, named: "exercise")
  }

  @Test("Enter on an exercise shows the notebook's answer and runs it")
  func giveUp() {
    let (summary, text, _) = Self.lesson().walk(["", "", ""])
    #expect(summary == Tutor.Summary(outcome: .finished, ran: 3, skipped: 0, failed: 0))
    #expect(text.contains("The notebook's answer:"))
  }

  @Test("the shipped propensity notebook has at least three exercises")
  func shippedExercises() throws {
    let url = ReferenceTests.documentURL.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("notebooks/propensity.dswnb")
    let notebook = try NotebookCodec.decode(bytes: Array(try Data(contentsOf: url)))
    #expect(notebook.cells.compactMap(Exercise.init(cell:)).count >= 3)
  }
}
