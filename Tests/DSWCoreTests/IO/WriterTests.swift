import Testing

@testable import DSWCore

@Suite("CSV and JSON Lines writers")
struct WriterTests {
  typealias Support = IOTestSupport

  /// A table with every type, nulls, empty strings and awkward text.
  static func sample() -> Table {
    Table([
      ("id", Column(ints: [1, -2, 3, 0], validity: Bitmap([true, true, true, false]))),
      (
        "ratio", Column(doubles: [0.1, 1e-5, 100, 0], validity: Bitmap([true, true, true, false]))
      ),
      ("whole", Column(doubles: [1, 2, 3, 4])),
      (
        "flag",
        Column(bools: [true, false, false, true], validity: Bitmap([true, true, false, true]))
      ),
      ("day", Column(dates: [19_783, 0, -1, 0], validity: Bitmap([true, true, true, false]))),
      (
        "at",
        Column(
          timestamps: [1_704_164_645_250_000, 0, -1, 5],
          validity: Bitmap([true, true, false, true]))
      ),
      (
        "text",
        Column(strings: ["plain", "", "say \"hi\", ok\nnext line", nil])
      ),
      ("web.webPageDetails.name", Column(strings: ["Zoë 東京 🙂", "x\r\ny", "tab\tin", "\\back"])),
    ])
  }

  /// A block of the record stitcher holds what is written: a one-row table of
  /// a million columns once asked for 4096 rows of scratch per column (65 GB).
  @Test func scratchIsBoundedByWhatIsWritten() {
    #expect(RecordStitcher.blockRows(rowCount: 1, columnCount: 1_000_000) == 1)
    #expect(RecordStitcher.blockRows(rowCount: 10, columnCount: 3) == 10)
    #expect(RecordStitcher.blockRows(rowCount: 1_000_000, columnCount: 3) == 4096)
    #expect(RecordStitcher.blockRows(rowCount: 1_000_000, columnCount: 20_000) == 52)
    #expect(RecordStitcher.blockRows(rowCount: 0, columnCount: 0) == 1)
  }

  @Test func aVeryWideTableIsWritten() {
    let width = 200_000
    let table = Table(
      names: (0..<width).map { "c\($0)" },
      columns: (0..<width).map { Column(ints: [Int64($0), -1]) }, rowCount: 2)
    let csv = String(decoding: CSVWriter.write(table), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("0,1,2,3,"))
    #expect(lines[2].split(separator: ",").count == width)
    let json = String(decoding: JSONLinesWriter.write(table), as: UTF8.self)
    #expect(json.hasSuffix(#","c199999":-1}"# + "\n"))
  }

  /// Many records are formatted in two parts on both cores; written one
  /// after another they are the bytes of the records formatted in small
  /// tables, one part each.
  @Test func manyRecordsFormatInPartsOnBothCoresAsInOne() throws {
    let sample = Self.sample()
    let rows = 100_003
    let table = sample.gather((0..<rows).map { Int32($0 % sample.rowCount) })
    let csvParts = try CSVWriter.parts(table, limits: .none)
    let jsonParts = try JSONLinesWriter.parts(table, limits: .none)
    #expect(csvParts.count == 3)
    #expect(jsonParts.count == 2)
    var csv = CSVWriter.write(table.gather([]))
    var json: [UInt8] = []
    for start in stride(from: 0, to: rows, by: 10_000) {
      let piece = table.gather((start..<min(rows, start + 10_000)).map { Int32($0) })
      let pieceCSV = CSVWriter.write(piece)
      csv += pieceCSV[(pieceCSV.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1..<pieceCSV.count]
      json += JSONLinesWriter.write(piece)
    }
    #expect(Array(csvParts.joined()) == csv)
    #expect(Array(jsonParts.joined()) == json)
  }

  @Test func csvRoundTrip() throws {
    let table = Self.sample()
    let bytes = CSVWriter.write(table)
    let back = try CSVReader.read(bytes).table
    #expect(back.types == table.types)
    #expect(Support.sameTable(back, table))
  }

  @Test func tsvRoundTrip() throws {
    let table = Self.sample()
    let back = try CSVReader.read(CSVWriter.write(table, delimiter: 9), options: .tsv).table
    #expect(Support.sameTable(back, table))
  }

  @Test func jsonLinesRoundTrip() throws {
    let table = Self.sample()
    let back = try JSONDataReader.read(JSONLinesWriter.write(table))
    #expect(back.names == table.names)
    #expect(back.types == table.types)
    #expect(Support.sameTable(back, table))
  }

  @Test func csvText() {
    let table = Table([
      ("a", Column(ints: [1, 2], validity: Bitmap([true, false]))),
      ("b", Column(strings: ["x,y", ""])),
      ("c", Column(doubles: [2, 0.5])),
      ("d", Column(timestamps: [1_704_164_645_250_000, 0])),
    ])
    let text = String(decoding: CSVWriter.write(table), as: UTF8.self)
    #expect(
      text == "a,b,c,d\n1,\"x,y\",2.0,2024-01-02T03:04:05.25Z\n,\"\",0.5,1970-01-01T00:00:00Z\n")
  }

  @Test func jsonLinesText() {
    let table = Table([
      ("a", Column(ints: [1, 2], validity: Bitmap([true, false]))),
      ("web.name", Column(strings: ["q\"\n\u{1}", nil])),
      ("d", Column(dates: [0, 19_783])),
      ("x", Column(doubles: [.nan, -0.25])),
    ])
    let text = String(decoding: JSONLinesWriter.write(table), as: UTF8.self)
    #expect(
      text == """
        {"a":1,"web.name":"q\\"\\n\\u0001","d":"1970-01-01","x":null}
        {"a":null,"web.name":null,"d":"2024-03-01","x":-0.25}

        """)
  }

  @Test(arguments: ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
  func formulaTriggersAreEscaped(value: String) {
    let table = Table([("v", Column(strings: [value]))])
    let escaped = String(decoding: CSVWriter.write(table), as: UTF8.self)
    let expectedField =
      value.first == "\r" ? "\"'\(value)\"" : "'\(value)"
    #expect(escaped == "v\n\(expectedField)\n")
    let raw = String(decoding: CSVWriter.write(table, escapeFormulas: false), as: UTF8.self)
    #expect(raw == (value.first == "\r" ? "v\n\"\(value)\"\n" : "v\n\(value)\n"))
  }

  @Test func formulaEscapeLeavesNumbersAlone() {
    let table = Table([("n", Column(ints: [-5])), ("s", Column(strings: ["a=b"]))])
    #expect(String(decoding: CSVWriter.write(table), as: UTF8.self) == "n,s\n-5,a=b\n")
  }

  @Test func extremeIntegersRoundTrip() throws {
    let table = Table([("n", Column(ints: [.max, .min, 0, -1, 1_000_000_000_000_000_000]))])
    let text = String(decoding: CSVWriter.write(table), as: UTF8.self)
    #expect(
      text == "n\n9223372036854775807\n-9223372036854775808\n0\n-1\n1000000000000000000\n")
    #expect(Support.sameTable(try CSVReader.read(CSVWriter.write(table)).table, table))
    #expect(Support.sameTable(try JSONDataReader.read(JSONLinesWriter.write(table)), table))
  }

  @Test func emptyTables() {
    #expect(CSVWriter.write(.empty) == Array("\n".utf8))
    #expect(JSONLinesWriter.write(.empty).isEmpty)
    let headerOnly = Table([("a", Column(ints: []))])
    #expect(String(decoding: CSVWriter.write(headerOnly), as: UTF8.self) == "a\n")
  }

  @Test func manyRowsRoundTripAcrossBlocks() throws {
    let table = GroupBySynth.generate(rows: 20_000, k: 10, nas: 5, seed: 3)
    let back = try CSVReader.read(CSVWriter.write(table)).table
    #expect(Support.sameTable(back, table))
    let fromJSON = try JSONDataReader.read(JSONLinesWriter.write(table))
    #expect(Support.sameTable(fromJSON, table))
  }
}
