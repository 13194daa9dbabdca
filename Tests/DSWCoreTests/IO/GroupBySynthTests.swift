import Testing

@testable import DSWCore

@Suite("GroupBySynth")
struct GroupBySynthTests {
  typealias Support = IOTestSupport

  @Test func sameSeedSameTable() {
    let first = GroupBySynth.generate(rows: 5_000, k: 10, seed: 42)
    let second = GroupBySynth.generate(rows: 5_000, k: 10, seed: 42)
    let other = GroupBySynth.generate(rows: 5_000, k: 10, seed: 43)
    #expect(Support.sameTable(first, second))
    #expect(!Support.sameTable(first, other))
    #expect(CSVWriter.write(first) == CSVWriter.write(second))
  }

  @Test func schemaAndValueRanges() throws {
    let table = GroupBySynth.generate(rows: 20_000, k: 10, seed: 1)
    #expect(table.names == ["id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3"])
    #expect(table.types == [.string, .string, .string, .int, .int, .int, .int, .int, .double])
    #expect(table.rowCount == 20_000)
    for name in ["id1", "id2"] {
      guard case .string(_, let dictionary) = try #require(table.column(named: name)).storage
      else { return }
      #expect(dictionary.strings == (1...10).map { "id" + String(repeating: "0", count: 3 - String($0).count) + String($0) })
    }
    guard case .string(_, let id3) = try #require(table.column(named: "id3")).storage else { return }
    #expect(id3.count <= 2_000 && id3.count > 1_900)
    #expect(id3.strings.allSatisfy { $0.utf8.count == 12 && $0.hasPrefix("id") })
    func range(_ name: String) throws -> ClosedRange<Int64> {
      guard case .int(let values) = try #require(table.column(named: name)).storage else {
        return 0...0
      }
      return try #require(values.min())...(try #require(values.max()))
    }
    #expect(try range("id4") == 1...10)
    #expect(try range("id5") == 1...10)
    #expect(try range("id6") == 1...2_000)
    #expect(try range("v1") == 1...5)
    #expect(try range("v2") == 1...15)
    guard case .double(let v3) = try #require(table.column(named: "v3")).storage else { return }
    #expect(v3.allSatisfy { $0 >= 0 && $0 <= 100 && abs(($0 * 1e6).rounded() - $0 * 1e6) < 1e-6 })
    #expect(table.columns.allSatisfy { $0.nullCount == 0 })
  }

  @Test func missingValuesFollowTheOriginal() throws {
    let table = GroupBySynth.generate(rows: 10_000, k: 20, nas: 10, seed: 5)
    // 10% of each id column's distinct values are gone from every row.
    guard case .string(let codes, let dictionary) = try #require(table.column(named: "id1")).storage
    else { return }
    #expect(dictionary.count == 18)
    #expect(codes.allSatisfy { $0 < 18 })
    #expect(table.column(named: "id1")?.nullCount ?? 0 > 0)
    // 10% of the rows of each value column are null.
    for name in ["v1", "v2", "v3"] {
      #expect(table.column(named: name)?.nullCount == 1_000)
    }
  }

  @Test func tinyInputs() {
    #expect(GroupBySynth.generate(rows: 0, k: 100, seed: 1).rowCount == 0)
    let small = GroupBySynth.generate(rows: 3, k: 100, seed: 1)
    #expect(small.rowCount == 3)
  }
}
