import Testing

@testable import DSWCore

/// A `derive` of many items is planned and run in linear time: the planner
/// once copied and scanned the whole schema for every item, so 50,000 items
/// took over a minute.
@Suite struct WideDeriveTests {
  @Test(.timeLimit(.minutes(1))) func thirtyThousandItemsPlanAndRunQuickly() throws {
    let count = 30_000
    let items = (0..<count).map { "c\($0) = v + \($0)" }.joined(separator: ", ")
    let session = Session(
      context: SessionContext(
        files: MemoryFiles(["/nb/t.csv": Array("v\n1\n2\n".utf8)]),
        sandbox: PathSandbox(base: "/nb"), maxRows: 10))
    let run = session.run(
      """
      load "t.csv" as t
      let wide = from t | derive \(items), c0 = c29999 * 2, v = -v
      """)
    #expect(run.error == nil)
    let table = try #require(session.datasets["wide"]).table
    #expect(table.columnCount == count + 1)
    #expect(table.names.prefix(3) == ["v", "c0", "c1"])
    #expect(table.column(named: "c0")?.value(at: 1) == .int(60_002))
    #expect(table.column(named: "v")?.value(at: 1) == .int(-2))
  }

  @Test func theSchemaFindsFirstNamesAndGrowsInPlace() {
    var schema = Schema([.init(name: "a", type: .int), .init(name: "a", type: .string)])
    #expect(schema.index(of: "a") == 0)
    schema.set(.init(name: "b", type: .bool))
    schema.set(.init(name: "a", type: .double))
    #expect(schema.fields.map(\.type) == [.double, .string, .bool])
    #expect(schema.index(of: "b") == 2)
    schema.setType(.date, at: 2)
    #expect(schema[2] == .init(name: "b", type: .date))
  }
}
