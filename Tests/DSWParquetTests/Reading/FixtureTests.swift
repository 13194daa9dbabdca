import DSWCore
import Foundation
import Testing

@testable import DSWParquet

/// Every file written by pyarrow, DuckDB and Polars under `Fixtures/parquet`
/// is read and compared, value by value, with what its writer was given.
@Suite struct FixtureTests {
  static let root: URL = {
    let resources = Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")
    return resources.appendingPathComponent("Fixtures/parquet")
  }()

  static func names(in folder: URL, suffix: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return entries.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
      .sorted()
  }

  static let readable = names(in: root, suffix: ".expected.jsonl").filter {
    !["hive", "multi"].contains($0)
  }
  static let hostile = names(in: root.appendingPathComponent("hostile"), suffix: ".parquet")

  /// The fixture folder as files in memory, under `/data`.
  nonisolated(unsafe) static let files: MemoryFiles = {
    var contents: [String: [UInt8]] = [:]
    let base = root.path
    if let walker = FileManager.default.enumerator(atPath: base) {
      for case let path as String in walker where path.hasSuffix(".parquet") {
        if let data = FileManager.default.contents(atPath: base + "/" + path) {
          contents["/data/" + path] = Array(data)
        }
      }
    }
    return MemoryFiles(contents)
  }()

  static let span = SourceSpan(offset: 0, length: 0, line: 1, column: 1)

  static func open(_ path: String) throws(Diagnostic) -> any ExternalTable {
    let files = try FileSet.expand(
      path, resolved: "/data/" + path, extensions: [".parquet"], access: Self.files, span: span)
    return try ParquetFormat().open(
      files, columns: nil, access: Self.files, limits: .none, span: span)
  }

  struct Expected {
    var names: [String]
    var types: [String]
    var from: [String]
    var rows: [[JSONValue]]
    var sortBy: String?
  }

  static func expected(_ name: String) throws -> Expected {
    let text = try String(
      contentsOf: root.appendingPathComponent(name + ".expected.jsonl"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    guard let first = lines.first,
      case .object(let header) = try JSONParser.parse(first),
      case .array(let columns) = header["columns"]
    else { throw ParquetError("bad header in \(name)") }
    var expected = Expected(names: [], types: [], from: [], rows: [])
    for column in columns {
      guard case .object(let fields) = column, case .string(let name) = fields["name"],
        case .string(let type) = fields["type"]
      else { continue }
      expected.names.append(name)
      expected.types.append(type)
      if case .string(let from) = fields["from"] {
        expected.from.append(from)
      } else {
        expected.from.append("")
      }
    }
    if case .string(let key) = header["sort_by"] { expected.sortBy = key }
    for line in lines.dropFirst() {
      guard case .array(let row) = try JSONParser.parse(line) else { continue }
      expected.rows.append(row)
    }
    return expected
  }

  /// Whether a value dsw read equals what the writer was given.
  static func matches(_ value: Value, _ expected: JSONValue, type: String, from: String) -> Bool {
    switch (value, expected) {
    case (.null, .null): return true
    case (.int(let a), .int(let b)): return a == b
    case (.date(let a), .int(let b)), (.timestamp(let a), .int(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.double(let a), .string(let b)):
      return (b == "NaN" && a.isNaN) || (b == "inf" && a == .infinity)
        || (b == "-inf" && a == -.infinity)
    case (.double(let a), .int(let b)): return a == Double(b)
    case (.double(let a), .double(let b)):
      if a == b { return a.sign == b.sign }
      // Wide decimals: unscaled / 10^scale may be an ulp from the correctly rounded value.
      return from.contains("decimal") && abs(a - b) <= abs(b) * 1e-15
    default: return false
    }
  }

  @Test(arguments: readable)
  func readsWhatItsWriterWrote(_ name: String) throws {
    let expected = try Self.expected(name)
    let table: Table
    do {
      table = try Self.open(name + ".parquet").readAll(limits: .none)
    } catch {
      // DuckDB's wide INT32 deltas: an error is acceptable, a wrong value is not.
      if name == "duckdb_v2_wide_delta" { return }
      Issue.record("\(name): \(error.message)")
      return
    }
    #expect(table.names == expected.names, "\(name)")
    #expect(table.columns.map(\.type.rawValue) == expected.types, "\(name)")
    #expect(table.rowCount == expected.rows.count, "\(name)")
    guard table.names == expected.names, table.rowCount == expected.rows.count else { return }
    var mismatches: [String] = []
    for (row, values) in expected.rows.enumerated() {
      for (index, value) in values.enumerated() where index < table.columnCount {
        let actual = table.columns[index].value(at: row)
        if !Self.matches(actual, value, type: expected.types[index], from: expected.from[index]) {
          mismatches.append("row \(row) `\(expected.names[index])`: \(actual) ≠ \(value)")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(5).joined(separator: "; "))")
  }

  @Test(arguments: ["hive", "multi"])
  func foldersAndGlobsUnionFilesByName(_ name: String) throws {
    let expected = try Self.expected(name)
    let path = name == "hive" ? "hive/" : "multi/part-*.parquet"
    let table = try Self.open(path).readAll(limits: .none)
    #expect(table.names == expected.names)
    #expect(table.columns.map(\.type.rawValue) == expected.types)
    let key = try #require(table.names.firstIndex(of: expected.sortBy ?? "id"))
    let order = (0..<table.rowCount).sorted {
      "\(table.columns[key].value(at: $0))" < "\(table.columns[key].value(at: $1))"
    }
    let expectedOrder = expected.rows.indices.sorted {
      "\(expected.rows[$0][key])" < "\(expected.rows[$1][key])"
    }
    #expect(order.count == expectedOrder.count)
    for (row, expectedRow) in zip(order, expectedOrder) {
      for index in table.names.indices {
        let actual = table.columns[index].value(at: row)
        #expect(
          Self.matches(actual, expected.rows[expectedRow][index], type: "", from: ""),
          "\(name) `\(table.names[index])`: \(actual) ≠ \(expected.rows[expectedRow][index])")
      }
    }
  }

  @Test(arguments: hostile)
  func aHostileFileIsAnErrorNamingIt(_ name: String) {
    do {
      _ = try Self.open("hostile/\(name).parquet").readAll(limits: .none)
      Issue.record("\(name) was read without an error")
    } catch {
      #expect(error.code == "L020", "\(name): \(error.message)")
      #expect(error.message.contains("\(name).parquet"), "\(error.message)")
    }
  }

  /// A date or timestamp past what the engine holds is refused by name; the
  /// engine's calendar arithmetic would trap on it later (a fuzzer finding).
  @Test(arguments: [
    (
      "time_out_of_range_date",
      "cannot read time_out_of_range_date.parquet, column `t`: a date of 2147483647 days from "
        + "1970-01-01 is out of range; dates and times must fall within about 273,000 years of 1970"
    ),
    (
      "time_out_of_range_us",
      "cannot read time_out_of_range_us.parquet, column `t`: a timestamp is out of range; "
        + "dates and times must fall within about 273,000 years of 1970"
    ),
  ])
  func aTimeOutsideTheEnginesRangeIsAnErrorNamingTheColumn(_ name: String, _ message: String) {
    do {
      _ = try Self.open("\(name).parquet").readAll(limits: .none)
      Issue.record("\(name) was read without an error")
    } catch {
      #expect(error.code == "L020")
      #expect(error.message == message)
    }
  }

  @Test func nanosecondsFloorToMicrosecondsDownToTheSmallestInt64() throws {
    let table = try Self.open("time_nanos_min.parquet").readAll(limits: .none)
    #expect(table.columns[0].int64Values == [-9_223_372_036_854_776, -1, 9_223_372_036_854_775])
  }

  @Test func aUint64PastInt64IsAnErrorNamingTheColumn() throws {
    #expect(throws: Diagnostic.self) {
      try Self.open("uint64_overflow.parquet").readAll(limits: .none)
    }
    do {
      _ = try Self.open("uint64_overflow.parquet").readAll(limits: .none)
    } catch {
      #expect(error.message.contains("column `"), "\(error.message)")
      #expect(error.message.contains("past the largest int"), "\(error.message)")
    }
  }
}
