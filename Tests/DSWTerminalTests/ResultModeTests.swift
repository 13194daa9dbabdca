import DSWCore
import Testing

@testable import DSWTerminal

/// Every `:mode` at 80 and 160 columns, colour off and on, over a table
/// with money, large counts, awkward strings, NULLs and dates, and a wide
/// one that does not fit.
@Suite struct ResultModeTests {
  static let sales = TableOutput(
    columns: ["region", "revenue", "orders", "share", "since", "note", "year"],
    types: [.string, .double, .int, .double, .date, .string, .int],
    rows: [
      [
        .string("North, East"), .double(412_732.18), .int(12_345), .double(0.123456789),
        .date(19_723), .string("said \"hi\""), .int(2024),
      ],
      [
        .string("South"), .double(1_234_567.891), .int(987), .double(2.0 / 3.0), .date(19_724),
        .null, .int(2023),
      ],
      [
        .string("Wést 東京"), .double(19.99), .int(-1_000_000), .double(1e-7), .null,
        .string(""), .int(2022),
      ],
    ], totalRows: 3)

  static let wide: TableOutput = {
    let columns = (1...12).map { "customer_lifetime_value_\($0)" }
    let rows = (0..<3).map { row in
      columns.indices.map { Value.double(Double(row * 1000 + $0) * 1234.5) }
    }
    return TableOutput(
      columns: columns, types: columns.map { _ in .double }, rows: rows, totalRows: 40)
  }()

  @Test(arguments: ResultMode.allCases)
  func goldens(mode: ResultMode) {
    for width in [80, 160] {
      for colour in [false, true] {
        let styler = colour ? Fixtures.colour : Fixtures.plain
        var text = ""
        for table in [Self.sales, Self.wide] {
          let rendered = ResultModeRenderer.render(
            .table(table), mode: mode, width: width, maxRows: 20, styler: styler,
            hiddenHint: "`:mode line` shows every column")
          text += rendered.text + "\n"
          if let note = rendered.note { text += "note: " + note + "\n" }
        }
        Snapshot.assert(text, named: "mode-\(mode.rawValue)-\(width)" + (colour ? "-colour" : ""))
        if !colour {
          #expect(!text.utf8.contains(0x1B))
          if mode == .table {
            for line in text.split(separator: "\n") where !(line.first?.isNumber ?? false) {
              #expect(DisplayWidth.of(String(line)) <= width, "\(line)")
            }
          }
        }
      }
    }
  }

  @Test func machineModesHaveNoSeparatorsAndEveryDigit() {
    let csv = ResultModeRenderer.render(
      .table(Self.sales), mode: .csv, width: 80, maxRows: 20, styler: Fixtures.colour
    ).text
    #expect(
      csv.contains("\"North, East\",412732.18,12345,0.123456789,2024-01-01,\"said \"\"hi\"\"\""))
    #expect(csv.contains("South,1234567.891,987,0.6666666666666666,2024-01-02,,2023"))
    #expect(csv.contains(",\"\",2022"))
    let json = ResultModeRenderer.render(
      .table(Self.sales), mode: .json, width: 80, maxRows: 20, styler: Fixtures.plain
    ).text
    #expect(json.hasPrefix("[{\"region\":\"North, East\",\"revenue\":412732.18,\"orders\":12345,"))
    #expect(json.contains("\"note\":null"))
  }

  @Test func rowsLeftOutAreANoteOutsideCSV() {
    let rendered = ResultModeRenderer.render(
      .table(Self.wide), mode: .csv, width: 80, maxRows: 20, styler: Fixtures.plain)
    #expect(
      rendered.note == "3 of 40 rows shown (`:maxrows N` holds more; `export` writes them all)")
    #expect(!rendered.text.contains("rows shown"))
  }

  @Test func wideTablesNameTheHiddenColumns() {
    let text = TableRenderer.render(
      Self.wide, width: 80, maxRows: 20, styler: Fixtures.plain,
      hiddenHint: "`:mode line` shows every column")
    let footer = text.split(separator: "\n").suffix(5)
    #expect(footer.first?.hasPrefix("3 of 40 rows shown · 5 of 12 columns shown") == true)
    #expect(footer.last == "`:mode line` shows every column")
    for number in 4...8 { #expect(text.contains("customer_lifetime_value_\(number),")) }
    #expect(text.contains(" and 1 more\n"))
  }
}
