import DSWCore
import Testing

@testable import DSWTerminal

/// `describe` of the 10-column events table: every statistic, and column
/// names that stay apart, at 80 and 120 columns.
@Suite struct DescribeLayoutTests {
  static let profile: TableOutput? = {
    let session = Session()
    _ = session.run("synth cmle (users: 300, seed: 1)")
    for case .table(let table) in session.run("describe events").outputs { return table }
    return nil
  }()

  @Test(arguments: [80, 120, 160])
  func everyStatisticShows(width: Int) throws {
    let profile = try #require(Self.profile)
    #expect(profile.rows.count == 10)
    for colour in [false, true] {
      let text = TableRenderer.render(
        profile, width: width, maxRows: 20, styler: colour ? Fixtures.colour : Fixtures.plain)
      Snapshot.assert(text, named: "describe-events-\(width)" + (colour ? "-colour" : ""))
      guard !colour else { continue }
      for line in text.split(separator: "\n") {
        #expect(DisplayWidth.of(String(line)) <= width, "\(line)")
      }
      let headers = text.split(separator: "\n").flatMap { line in
        line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
      }
      for statistic in ColumnProfiler.columns {
        #expect(headers.contains(statistic), "\(statistic) missing at \(width)")
      }
      // In each block, the ten names read differently.
      var names: [String] = []
      for line in text.split(separator: "\n") where line.hasPrefix("│ ") {
        let name = line.split(separator: "│").first?.trimmingCharacters(in: .whitespaces) ?? ""
        if name != "column", name != "string" { names.append(name) }
      }
      for block in stride(from: 0, to: names.count, by: 10) {
        let shown = names[block..<min(block + 10, names.count)]
        #expect(Set(shown).count == shown.count, "\(shown)")
      }
    }
  }

  @Test func narrowTerminalsShortenNamesApart() throws {
    let profile = try #require(Self.profile)
    let text = TableRenderer.render(profile, width: 40, maxRows: 20, styler: Fixtures.plain)
    Snapshot.assert(text, named: "describe-events-40")
    #expect(text.contains("w.w.name"))
    #expect(text.contains("w.w.URL"))
  }
}
