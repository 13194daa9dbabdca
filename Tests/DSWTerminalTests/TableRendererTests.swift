import DSWCore
import Testing

@testable import DSWTerminal

@Suite struct TableRendererTests {
  func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test(arguments: [80, 160])
  func customersGolden(width: Int) {
    let table = Fixtures.customers(rows: 7)
    Snapshot.assert(
      TableRenderer.render(table, width: width, maxRows: 20, styler: Fixtures.plain),
      named: "table-customers-\(width)")
    Snapshot.assert(
      TableRenderer.render(table, width: width, maxRows: 20, styler: Fixtures.colour),
      named: "table-customers-\(width)-colour")
  }

  /// A 1.2 MB value is cut to what its cell can show before it is escaped, and
  /// shows exactly as a value of its first 41 characters would.
  @Test func aHugeValueShowsAsItsFirstCharacters() {
    let huge = String(repeating: "x\n", count: 600_000)
    func table(_ value: String) -> TableOutput {
      TableOutput(
        columns: ["id", "text"], types: [.int, .string], rows: [[.int(1), .string(value)]],
        totalRows: 1)
    }
    let text = TableRenderer.render(table(huge), width: 80, maxRows: 20, styler: Fixtures.plain)
    let short = String(huge.prefix(41)) + "y"
    #expect(
      text == TableRenderer.render(table(short), width: 80, maxRows: 20, styler: Fixtures.plain))
    #expect(lines(text)[4] == "│   1 │ " + String(repeating: "x\\n", count: 13) + "… │")
  }

  @Test func narrowTableElidesMiddleColumns() {
    let text = TableRenderer.render(
      Fixtures.customers(rows: 3), width: 50, maxRows: 20, styler: Fixtures.plain)
    Snapshot.assert(text, named: "table-customers-50")
    #expect(text.contains("3 rows · 4 of 7 columns shown\nhidden: "))
    let header = lines(text)[1]
    #expect(header.contains("userId"))
    #expect(header.contains("loyaltyTier"))
    #expect(header.contains("│ … │"))
    for line in lines(text) { #expect(DisplayWidth.of(line) <= 50) }
  }

  @Test func rowsPastMaxShowFirstAndLastWithDotRow() {
    let table = Fixtures.customers(rows: 12)
    let text = TableRenderer.render(table, width: 120, maxRows: 5, styler: Fixtures.plain)
    Snapshot.assert(text, named: "table-row-elision")
    let body = lines(text)
    #expect(body.last == "5 of 12 rows shown")
    #expect(body.contains { $0.contains("1000") && $0.contains("Ada") })
    #expect(body.contains { $0.contains("1011") })
    #expect(!body.contains { $0.contains("1005") })
    #expect(body.contains { $0.hasPrefix("│   ·    │") })
  }

  @Test func heldRowsOfALargerResultShowWithFooter() {
    let table = Fixtures.customers(rows: 20, total: 1_000_000)
    let text = TableRenderer.render(table, width: 120, maxRows: 40, styler: Fixtures.plain)
    let body = lines(text)
    #expect(body.last == "20 of 1,000,000 rows shown")
    #expect(body.contains { $0.contains("1019") })
    // The dot row sits after the held rows, just above the bottom border.
    #expect(body[body.count - 3].hasPrefix("│   ·    │"))
    let capped = TableRenderer.render(table, width: 120, maxRows: 4, styler: Fixtures.plain)
    #expect(lines(capped).last == "4 of 1,000,000 rows shown")
    #expect(!capped.contains("1019"))
  }

  @Test func footers() {
    #expect(TableRenderer.footer(shownRows: 3, totalRows: 3) == "3 rows")
    #expect(TableRenderer.footer(shownRows: 1, totalRows: 1) == "1 row")
    #expect(TableRenderer.footer(shownRows: 0, totalRows: 0) == "0 rows")
    #expect(
      TableRenderer.footer(shownRows: 20, totalRows: 1_000_000) == "20 of 1,000,000 rows shown")
  }

  @Test func emptyResultAndNoColumns() {
    let empty = TableOutput(columns: ["a", "b"], types: [.int, .string], rows: [], totalRows: 0)
    Snapshot.assert(
      TableRenderer.render(empty, width: 80, maxRows: 10, styler: Fixtures.plain),
      named: "table-empty")
    let none = TableOutput(columns: [], types: [], rows: [], totalRows: 0)
    #expect(
      TableRenderer.render(none, width: 80, maxRows: 10, styler: Fixtures.plain)
        == "(no columns)\n0 rows")
  }

  @Test func nullAndEmptyStringAreDistinct() {
    let table = TableOutput(
      columns: ["s"], types: [.string], rows: [[.null], [.string("")], [.string("x")]], totalRows: 3
    )
    let text = TableRenderer.render(table, width: 40, maxRows: 10, styler: Fixtures.plain)
    #expect(
      text == """
        ┌────────┐
        │   s    │
        │ string │
        ├────────┤
        │ NULL   │
        │        │
        │ x      │
        └────────┘
        3 rows
        """)
    let coloured = TableRenderer.render(table, width: 40, maxRows: 10, styler: Fixtures.colour)
    #expect(coloured.contains("\u{1B}[2;90mNULL  \u{1B}[0m"))
  }

  @Test func wideCharactersAlign() {
    let table = TableOutput(
      columns: ["city", "n"], types: [.string, .int],
      rows: [
        [.string("東京"), .int(1)], [.string("Zürich"), .int(22)], [.string("😀 ok"), .int(3)],
      ],
      totalRows: 3)
    let text = TableRenderer.render(table, width: 40, maxRows: 10, styler: Fixtures.plain)
    Snapshot.assert(text, named: "table-wide-characters")
    let widths = Set(lines(text).dropLast().map(DisplayWidth.of))
    #expect(widths.count == 1)
  }

  @Test func longCellsAreShortenedWithEllipsis() {
    let long = String(repeating: "abcdefghij", count: 10)
    let table = TableOutput(
      columns: ["id", "text"], types: [.int, .string], rows: [[.int(1), .string(long)]],
      totalRows: 1)
    let text = TableRenderer.render(table, width: 30, maxRows: 10, styler: Fixtures.plain)
    #expect(lines(text)[4] == "│   1 │ abcdefghijabcdefghi… │")
    #expect(DisplayWidth.of(lines(text)[4]) == 30)
  }

  @Test func escapeSequencesInDataAreShownEscaped() {
    let table = TableOutput(
      columns: ["\u{1B}]0;evil\u{7}"], types: [.string],
      rows: [[.string("\u{1B}[2J")], [.string("\u{202E}abc")], [.string("\u{85}")]], totalRows: 3)
    let text = TableRenderer.render(table, width: 80, maxRows: 10, styler: Fixtures.plain)
    #expect(!text.unicodeScalars.contains(where: SafeText.needsEscape) || text.contains("\n"))
    #expect(text.contains("\\e[2J"))
    #expect(text.contains("\\u{202e}abc"))
    #expect(text.contains("\\u{85}"))
    #expect(text.contains("\\e]0;evil\\u{7}"))
  }

  @Test func heatShadesCorrelations() {
    Snapshot.assert(
      TableRenderer.render(
        Fixtures.correlations, width: 100, maxRows: 10, styler: Fixtures.colour, heat: true),
      named: "table-correlations-heat-colour")
    let plainHeat = TableRenderer.render(
      Fixtures.correlations, width: 100, maxRows: 10, styler: Fixtures.plain, heat: true)
    #expect(
      plainHeat
        == TableRenderer.render(
          Fixtures.correlations, width: 100, maxRows: 10, styler: Fixtures.plain))
  }

  /// Random tables of hostile values never yield an escape byte when colour
  /// is off, and every box line fits the width.
  @Test func noEscapeBytesWhenDisabled() {
    var random = SeededRandom(seed: 2024)
    let hostile = [
      "\u{1B}[2J", "\u{1B}]52;c;ZXZpbA==\u{7}", "\u{9B}31m", "\u{7F}", "\u{202E}", "\r\n", "\t",
      "東京", "😀", "", "e\u{301}", "NULL",
    ]
    for trial in 0..<200 {
      let columnCount = 1 + random.nextInt(below: 9)
      let types = (0..<columnCount).map { _ in DataType.allCases[random.nextInt(below: 6)] }
      let rowCount = random.nextInt(below: 30)
      var rows: [[Value]] = []
      for _ in 0..<rowCount {
        rows.append(
          types.map { type -> Value in
            if random.nextInt(below: 6) == 0 { return .null }
            switch type {
            case .int: return .int(Int64(random.next() >> 1) - Int64(random.next() >> 1))
            case .double:
              return .double((random.nextDouble() - 0.5) * pow10(random.nextInt(below: 30)))
            case .bool: return .bool(random.nextInt(below: 2) == 0)
            case .date: return .date(Int64(random.nextInt(below: 100_000)) - 50_000)
            case .timestamp: return .timestamp(Int64(random.next() >> 12) - (1 << 51))
            case .string:
              let parts = (0..<random.nextInt(below: 4)).map { _ in
                hostile[random.nextInt(below: hostile.count)]
              }
              return .string(parts.joined(separator: "x"))
            }
          })
      }
      let names = (0..<columnCount).map { "c\($0)" + hostile[random.nextInt(below: hostile.count)] }
      let table = TableOutput(
        columns: names, types: types, rows: rows,
        totalRows: rowCount + random.nextInt(below: 3) * 1000)
      let width = 16 + random.nextInt(below: 180)
      let maxRows = 1 + random.nextInt(below: 20)
      let text = TableRenderer.render(
        table, width: width, maxRows: maxRows, styler: Fixtures.plain, heat: trial % 2 == 0)
      #expect(!text.utf8.contains(0x1B), "trial \(trial)")
      #expect(
        !text.unicodeScalars.contains { $0 != "\n" && SafeText.needsEscape($0) }, "trial \(trial)")
      // Every line fits but the row-count footer, which is never cut.
      for line in lines(text) where !(line.first?.isNumber ?? false) {
        #expect(DisplayWidth.of(line) <= width, "trial \(trial): \(line)")
      }
      let coloured = TableRenderer.render(
        table, width: width, maxRows: maxRows, styler: Fixtures.colour)
      #expect(DisplayWidth.stripANSI(coloured) == text || trial % 2 == 0)
    }
  }

  private func pow10(_ exponent: Int) -> Double {
    var value = 1e-10
    for _ in 0..<exponent { value *= 10 }
    return value
  }
}
