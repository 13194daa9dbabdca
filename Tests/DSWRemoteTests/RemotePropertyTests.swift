import Foundation
import Testing

@testable import DSWCore

/// Random tables with nulls, written to the server: every pipeline below
/// gives the same answer on the engine as in dsw.
@Suite(.enabled(if: PostgresServer.configured != nil, PostgresServer.skipReason), .serialized)
struct RemotePropertyTests {
  let server = PostgresServer.configured

  /// A seeded table of `rows` rows: ints, doubles, strings and bools, each
  /// null about one time in six.
  static func table(rows: Int, seed: UInt64) -> Table {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    var ints: [Int64] = []
    var doubles: [Double] = []
    var strings: [String?] = []
    var bools: [Bool] = []
    var valid = (i: [Bool](), d: [Bool](), b: [Bool]())
    for _ in 0..<rows {
      valid.i.append(next() % 6 != 0)
      ints.append(Int64(next() % 21) - 10)
      valid.d.append(next() % 6 != 0)
      doubles.append(Double(Int64(next() % 2001) - 1000) / 8)
      strings.append(next() % 6 == 0 ? nil : ["a", "b", "B", "é", "ab", ""][Int(next() % 6)])
      valid.b.append(next() % 6 != 0)
      bools.append(next() % 2 == 0)
    }
    return Table([
      ("k", Column(ints: (0..<Int64(rows)).map { $0 })),
      ("i", Column(ints: ints, validity: Bitmap(valid.i))),
      ("d", Column(doubles: doubles, validity: Bitmap(valid.d))),
      ("s", Column(strings: strings)),
      ("b", Column(bools: bools, validity: Bitmap(valid.b))),
    ])
  }

  static let pipelines = [
    "filter i > 0 or s == \"a\" | sort k",
    "derive x = i * 2 + 1, y = d / 4, z = i // 3, m = i % 4, t = s || \"-\" | sort k",
    "aggregate n = count(), si = sum(i), md = mean(d), mx = max(s), mn = min(d), nb = count_if(b) by s | sort s",
    "aggregate n = count(), cd = count_distinct(i), med = median(d), sd = stddev(d) by b | sort b",
    "window by s order k derive rn = row_number(), run = sum(i), prev = lag(d) | sort k",
    "sort -d, k | take 7",
    "filter d is null or i is null | select k, s | sort k",
    "derive c = case when i > 5 then \"hi\" when i < -5 then \"lo\" else \"mid\" end | aggregate n = count() by c | sort c",
    // `distinct` keeps the first row of each key once a sort fixes which is first.
    "sort k | distinct s, b | sort s, b",
  ]

  @Test(arguments: [1, 2, 3, 4])
  func randomTablesAgree(seed: Int) throws {
    let server = try #require(server)
    let session = PostgresServer.session()
    _ = try session.runClean("connect w to \"\(server.url())\"")
    let link = try #require(session.connections["w"])
    try session.execute(link, "CREATE SCHEMA IF NOT EXISTS props", span: .unknown)
    let rows = [0, 1, 37, 500][seed - 1]
    let table = Self.table(rows: rows, seed: UInt64(seed))
    session.store("r", Dataset(name: "r", table: table))
    _ = try session.runClean("export r to w.props.r\(seed) (mode: \"replace\")")
    for steps in Self.pipelines {
      let local = try #require(try session.runClean("from r | \(steps)").lastTable)
      let remote = try #require(try session.runClean("from w.props.r\(seed) | \(steps)").lastTable)
      #expect(remote.columns == local.columns, "seed \(seed): \(steps)")
      #expect(remote.types == local.types, "seed \(seed): \(steps)")
      #expect(remote.rows.count == local.rows.count, "seed \(seed): \(steps)")
      for (a, b) in zip(remote.rows, local.rows) where !Self.same(a, b) {
        Issue.record("seed \(seed), rows \(rows): `\(steps)`: engine \(a), dsw \(b)")
        break
      }
    }
  }

  /// Equal rows; doubles within a relative 1e-9 (sums may add in another order).
  static func same(_ a: [Value], _ b: [Value]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
      switch (x, y) {
      case (.double(let p), .double(let q)):
        if p.isNaN && q.isNaN { continue }
        if p != q && abs(p - q) > 1e-9 * max(1, abs(p), abs(q)) { return false }
      default:
        if x != y { return false }
      }
    }
    return true
  }
}
