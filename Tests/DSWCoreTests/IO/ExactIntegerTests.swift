import Testing

@testable import DSWCore

/// No integer loses digits silently: one that fits neither Int64 nor (beside
/// decimals) a double makes its column text, and the load summary says so.
@Suite("Exact integers")
struct ExactIntegerTests {
  typealias Support = IOTestSupport

  static func session(_ files: [String: String]) -> Session {
    let memory = MemoryFiles(
      files.reduce(into: [:]) { $0["/nb/" + $1.key] = Array($1.value.utf8) })
    return Session(
      context: SessionContext(files: memory, sandbox: PathSandbox(base: "/nb"), maxRows: 10))
  }

  static let ids = ["9007199254740993", "9223372036854775808", "9223372036854775807", "7"]

  @Test(arguments: ["ids.csv", "ids.jsonl"])
  func idsBeyondInt64StayDistinctAndTheSummarySaysWhy(_ file: String) throws {
    let text =
      file.hasSuffix(".csv")
      ? "id\n" + Self.ids.joined(separator: "\n") + "\n"
      : Self.ids.map { #"{"id": \#($0)}"# }.joined(separator: "\n")
    let session = Self.session([file: text])
    let run = session.run(
      """
      load "\(file)" as ids
      from ids | aggregate n = count_distinct(id)
      """)
    #expect(run.error == nil)
    #expect(
      run.outputs.first
        == .text(
          """
          ids: 4 rows × 1 column (id string)
          note: `id` loaded as string, keeping every digit: 9223372036854775808 is too large for a 64-bit integer
          """))
    guard case .table(let counts)? = run.outputs.last else {
      Issue.record("no table")
      return
    }
    #expect(counts.rows == [[.int(4)]])
    let table = try #require(session.datasets["ids"]).table
    #expect(Support.values(table, "id") == Self.ids.map { .string($0) })
  }

  @Test func anIntegerBeyondTwoToThe53StaysExact() throws {
    let csv = try Support.read("id\n9007199254740993\n-9007199254740993\n1\n")
    #expect(
      Support.values(csv.table, "id") == [
        .int(9_007_199_254_740_993), .int(-9_007_199_254_740_993), .int(1),
      ])
    #expect(csv.integerTextColumns.isEmpty)
    let json = try JSONDataReader.read(Array(#"[{"id": 9007199254740993}, {"id": 1}]"#.utf8))
    #expect(Support.values(json, "id") == [.int(9_007_199_254_740_993), .int(1)])
  }

  @Test(arguments: [
    "v\n1.5\n9007199254740993\n", "v\n9007199254740993\n1.5\n", "v\n1.5\n99999999999999999999\n",
  ])
  func anInexactIntegerBesideDecimalsMakesText(_ text: String) throws {
    let result = try Support.read(text)
    #expect(result.table.types == [.string])
    let values = text.split(separator: "\n").dropFirst().map { Value.string(String($0)) }
    #expect(Support.values(result.table, "v") == values)
    #expect(result.integerTextColumns.count == 1)
  }

  @Test func anInexactIntegerInALaterChunkMakesText() throws {
    // Chunks are typed on their own: the first sees decimals, the second only
    // ints, one of them beyond 2^53; joined, the column would be double.
    var lines = ["v"]
    lines += repeatElement("0.5", count: 200_000)
    lines += repeatElement("1234567", count: 600_000)
    lines.append("9007199254740993")
    let result = try CSVReader.read(
      Array((lines.joined(separator: "\n") + "\n").utf8), options: CSVOptions(threads: 2))
    #expect(result.table.types == [.string])
    #expect(
      result.integerTextColumns == [
        IntegerTextColumn(name: "v", example: "9007199254740993", reason: .inexactAsDouble)
      ])
    #expect(Support.values(result.table, "v").last == .string("9007199254740993"))
  }

  @Test func exactLargeIntegersBesideDecimalsStayDoubles() throws {
    // 2^53 + 2 is a double exactly, so nothing is lost.
    let result = try Support.read("v\n1.5\n9007199254740994\n")
    #expect(result.table.types == [.double])
    #expect(result.integerTextColumns.isEmpty)
    let json = try JSONDataReader.readWithNotes(
      Array(#"[{"v": 1.5}, {"v": 9007199254740993}]"#.utf8))
    #expect(json.table.types == [.string])
    #expect(
      json.integerText == [
        IntegerTextColumn(name: "v", example: "9007199254740993", reason: .inexactAsDouble)
      ])
  }
}
