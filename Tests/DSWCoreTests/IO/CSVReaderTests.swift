import Testing

@testable import DSWCore

@Suite("CSVReader")
struct CSVReaderTests {
  typealias Support = IOTestSupport

  @Test func readsHeaderAndInfersTypes() throws {
    let csv = """
      i,d,b,day,ts,s
      1,1.5,true,2024-01-02,2024-01-02T03:04:05Z,x
      -2,.5,FALSE,2024-02-29,2024-01-02 03:04,y
      3,1e5,True,1970-01-01,2024-01-02T03:04:05.25+01:00,x

      """
    let table = try Support.read(csv).table
    #expect(table.names == ["i", "d", "b", "day", "ts", "s"])
    #expect(table.types == [.int, .double, .bool, .date, .timestamp, .string])
    #expect(Support.values(table, "i") == [.int(1), .int(-2), .int(3)])
    #expect(Support.values(table, "d") == [.double(1.5), .double(0.5), .double(100_000)])
    #expect(Support.values(table, "b") == [.bool(true), .bool(false), .bool(true)])
    #expect(Support.values(table, "day") == [.date(19724), .date(19782), .date(0)])
    #expect(
      Support.values(table, "ts") == [
        .timestamp(1_704_164_645_000_000), .timestamp(1_704_164_640_000_000),
        .timestamp(1_704_161_045_250_000),
      ])
    #expect(Support.values(table, "s") == [.string("x"), .string("y"), .string("x")])
    guard case .string(let codes, let dictionary) = try #require(table.column(named: "s")).storage
    else { return }
    #expect(codes == [0, 1, 0])
    #expect(dictionary.strings == ["x", "y"])
  }

  @Test(arguments: [
    ("1\n2.5", DataType.double), ("2.5\n1", .double),
    ("2024-01-01\n2024-01-01T10:00:00", .timestamp),
    ("2024-01-01T10:00:00\n2024-01-01", .timestamp), ("1\ntrue", .string), ("true\nx", .string),
    ("2024-01-01\n5", .string), ("nan\n1", .string), ("inf", .string), ("1\n", .int),
    ("9223372036854775807", .int), ("9223372036854775808", .string), ("-9223372036854775808", .int),
    ("1e400", .string), ("007", .int), ("1.", .double), ("+4", .int), (" 4", .string),
  ])
  func promotesAcrossTheWholeColumn(text: String, type: DataType) throws {
    let table = try Support.read(text, CSVOptions(header: false)).table
    #expect(table.types == [type])
  }

  @Test func promotionToStringKeepsOriginalText() throws {
    let table = try Support.read("v\n007\n1.50\n\nabc\n").table
    #expect(table.types == [.string])
    #expect(Support.values(table, "v") == [.string("007"), .string("1.50"), .string("abc")])
  }

  @Test func hugeIntegersKeepTheirDigitsAsText() throws {
    let result = try Support.read("id\n1\n123456789012345678901234567890\n")
    #expect(
      Support.values(result.table, "id") == [
        .string("1"), .string("123456789012345678901234567890"),
      ])
    #expect(
      result.integerTextColumns == [
        IntegerTextColumn(
          name: "id", example: "123456789012345678901234567890", reason: .beyondInt64)
      ])
  }

  @Test func nullsAndEmptyStrings() throws {
    let table = try Support.read("a,b,c\n1,,\"\"\n,x,y\n").table
    #expect(table.types == [.int, .string, .string])
    #expect(Support.values(table, "a") == [.int(1), .null])
    #expect(Support.values(table, "b") == [.null, .string("x")])
    #expect(Support.values(table, "c") == [.string(""), .string("y")])
    #expect(table.columns[0].nullCount == 1)
  }

  @Test func allNullColumnIsString() throws {
    let table = try Support.read("a,b\n1,\n2,\n").table
    #expect(table.types == [.int, .string])
    #expect(Support.values(table, "b") == [.null, .null])
  }

  @Test func quotingEdgeCases() throws {
    let csv = "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"\"\"\"\n\"\",\"tail\"\"\"\n"
    let table = try Support.read(csv).table
    #expect(
      Support.values(table, "a") == [.string("x,y"), .string("line1\nline2"), .string("")])
    #expect(
      Support.values(table, "b") == [.string("say \"hi\""), .string("\""), .string("tail\"")])
  }

  @Test func quotedNumbersAreStillNumbers() throws {
    let table = try Support.read("a\n\"12\"\n3\n").table
    #expect(Support.values(table, "a") == [.int(12), .int(3)])
  }

  @Test func crlfLineEndings() throws {
    let table = try Support.read("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n").table
    #expect(Support.values(table, "a") == [.int(1), .int(2)])
    #expect(Support.values(table, "b") == [.string("x\r\ny"), .string("z")])
  }

  /// Old Mac files end lines with a lone CR; they once loaded as 0 rows and
  /// 4 garbled columns, silently.
  @Test func loneCarriageReturnsEndLines() throws {
    let result = try Support.read("a,b\r1,2\r3,4\r")
    #expect(result.table.names == ["a", "b"])
    #expect(Support.values(result.table, "a") == [.int(1), .int(3)])
    #expect(Support.values(result.table, "b") == [.int(2), .int(4)])
    let mixed = try Support.read("a,b\r\r1,\"x\ry\"\r\n2,z\n3,w").table
    #expect(Support.values(mixed, "a") == [.int(1), .int(2), .int(3)])
    #expect(Support.values(mixed, "b") == [.string("x\ry"), .string("z"), .string("w")])
    let headerless = try Support.read("1\r2\r", CSVOptions(header: false)).table
    #expect(Support.values(headerless, "column1") == [.int(1), .int(2)])
  }

  @Test func loneCarriageReturnsCountAsLinesInErrors() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a,b\r\"x\ry\",1\r\r3\r") }
    #expect(diagnostic?.message == "line 5: expected 2 fields but found 1")
    let header = Support.diagnostic { _ = try Support.read("\r\ra,\"b\"x\r") }
    #expect(header?.message == "line 3: text after the closing quote of field 2")
  }

  @Test func aLargeCarriageReturnFileSplitsIntoChunksAlike() throws {
    let rows = (0..<600_000).map { "\($0),\"v\r\($0)\"" }
    let text = "id,v\r" + rows.joined(separator: "\r") + "\r"
    let parallel = try CSVReader.read(Array(text.utf8), options: CSVOptions(threads: 2)).table
    let single = try CSVReader.read(Array(text.utf8), options: CSVOptions(threads: 1)).table
    #expect(parallel.rowCount == 600_000)
    #expect(Support.sameTable(parallel, single))
    #expect(Support.values(parallel, "v").last == .string("v\r599999"))
  }

  @Test func noTrailingNewlineAndBlankLines() throws {
    let table = try Support.read("a,b\n\n1,2\n\n\n3,4").table
    #expect(Support.values(table, "b") == [.int(2), .int(4)])
  }

  @Test func withoutHeader() throws {
    let table = try Support.read("1,x\n2,y\n", CSVOptions(header: false)).table
    #expect(table.names == ["column1", "column2"])
    #expect(table.rowCount == 2)
  }

  @Test func tabAndCustomDelimiters() throws {
    let tsv = try Support.read("a\tb\n1,5\tx y\n", .tsv).table
    #expect(Support.values(tsv, "a") == [.string("1,5")])
    #expect(Support.values(tsv, "b") == [.string("x y")])
    let piped = try Support.read("a|b\n1|\"p|q\"\n", CSVOptions(delimiter: UInt8(ascii: "|")))
      .table
    #expect(Support.values(piped, "b") == [.string("p|q")])
  }

  @Test func emptyAndHeaderOnlyFiles() throws {
    let empty = try Support.read("").table
    #expect(empty.columnCount == 0 && empty.rowCount == 0)
    let blank = try Support.read("\n\n").table
    #expect(blank.columnCount == 0)
    let headerOnly = try Support.read("a,b\n").table
    #expect(headerOnly.names == ["a", "b"])
    #expect(headerOnly.rowCount == 0)
    #expect(headerOnly.types == [.string, .string])
  }

  @Test func byteOrderMarkIsIgnored() throws {
    let table = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("id\n1\n".utf8)).table
    #expect(table.names == ["id"])
  }

  @Test func emptyAndDuplicateHeaderNamesAreRenamed() throws {
    let result = try Support.read("a,,a,a_2,a\n1,2,3,4,5\n")
    #expect(result.table.names == ["a", "column2", "a_3", "a_2", "a_4"])
    #expect(result.renamedColumns.map(\.name) == ["column2", "a_3", "a_4"])
  }

  @Test func unicodeValues() throws {
    let table = try Support.read("name\nZoë\n東京\n🙂\n").table
    #expect(Support.values(table, "name") == [.string("Zoë"), .string("東京"), .string("🙂")])
  }

  @Test func invalidDelimiterIsRejected() {
    let diagnostic = Support.diagnostic {
      _ = try Support.read("a\n", CSVOptions(delimiter: UInt8(ascii: "\"")))
    }
    #expect(diagnostic?.code == "L006")
    #expect(diagnostic?.message == "the delimiter cannot be a quote or a line break")
  }

  @Test func cancellationStopsTheLoad() {
    let diagnostic = Support.diagnostic {
      _ = try CSVReader.read(Array("a\n1\n".utf8), isCancelled: { true })
    }
    #expect(diagnostic?.code == "X001")
    #expect(diagnostic?.message == "interrupted")
  }

  @Test func progressReachesOne() throws {
    let last = ProgressLog()
    _ = try CSVReader.read(Array("a\n1\n".utf8), progress: { last.record($0) })
    #expect(last.values.last == 1)
  }
}

final class ProgressLog: @unchecked Sendable {
  private(set) var values: [Double] = []
  func record(_ value: Double) { values.append(value) }
}
