import DSWCore
import DSWTerminal
import Testing

@testable import DSWApp

/// `:mode`, `:pager` and `:set digits`, driven as a user types them.
@Suite struct WorkbenchDisplayTests {
  static let setup = [
    "synth cmle (users: 60, seed: 3)",
    "let orders = from events | filter commerce.order.priceTotal is not null | aggregate revenue = sum(commerce.order.priceTotal) * 100.0, n = count() by userId | sort -revenue | take 3",
  ]

  @Test(arguments: [80, 160])
  func everyModePrintsTheLastResultAgain(width: Int) throws {
    let harness = try WorkbenchHarness()
    harness.settings.width = { width }
    try harness.run(
      Self.setup + [
        ":mode", ":mode line", "from orders", ":mode csv", ":mode json", ":mode markdown",
        ":mode table", ":set digits 3", "from orders | derive third = revenue / 3.0",
        ":set digits", ":set",
      ])
    REPLSnapshot.assertMatches(harness.transcript, named: "modes-\(width)")
  }

  @Test func modeBeforeAnyResultSaysWhatItDoes() throws {
    let harness = try WorkbenchHarness()
    try harness.run([":mode csv", "synth groupby (rows: 30, k: 3)", "from groupby | take 2"])
    REPLSnapshot.assertMatches(harness.transcript, named: "mode-before-result")
  }

  @Test func rowsLeftOutOfCSVAreNotedApart() throws {
    let harness = try WorkbenchHarness()
    try harness.run([":maxrows 2", ":mode csv", "synth groupby (rows: 30, k: 3)", "from groupby"])
    #expect(
      harness.transcript.contains(
        "2 of 30 rows shown (`:maxrows N` holds more; `export` writes them all)"))
  }

  @Test func wideTablesSayHowToSeeHiddenColumns() throws {
    let harness = try WorkbenchHarness()
    try harness.run(Self.setup + ["from events | take 2"])
    #expect(harness.transcript.contains("hidden: "))
    #expect(harness.transcript.contains("`:mode line` shows every column"))
  }

  @Test func badArgumentsAreExplained() throws {
    let harness = try WorkbenchHarness()
    try harness.run([
      ":mode lines", ":mode html", ":pager sideways", ":set digits 0", ":set digits many",
      ":set digts 4", ":pager", ":pager on",
    ])
    REPLSnapshot.assertMatches(harness.transcript, named: "display-errors")
    #expect(
      harness.transcript.contains(
        "error: unknown mode `lines`\n  did you mean `line`? the modes are: table, line, csv, json, markdown"
      ))
    #expect(
      harness.transcript.contains("error: `digits` takes a number from 1 to 17, not `0`"))
    #expect(
      harness.transcript.contains("error: `:pager` takes `on`, `off` or `auto`, not `sideways`"))
    #expect(harness.transcript.contains("pager on (output is not a terminal, so nothing is paged)"))
  }

  @Test func thePagerShowsResultsWhenOnOrLong() throws {
    let harness = try WorkbenchHarness()
    final class Paged { var texts: [String] = [] }
    let paged = Paged()
    harness.settings.page = { text in
      paged.texts.append(text)
      return true
    }
    harness.settings.height = { 30 }
    try harness.run(
      Self.setup + [
        "from orders", ":pager on", "from events | take 2", "let two = from events | take 2",
        ":pager off", "from events | take 2",
        ":pager auto", ":maxrows 40", "from events | take 40",
      ])
    // Short output prints; `on` pages tables at full width, not a `let`
    // summary; `off` prints; a long result pages.
    #expect(paged.texts.count == 2)
    let wide = try #require(paged.texts.first)
    #expect(wide.contains("web.webPageDetails.URL") && wide.contains("quantity"))
    #expect(!wide.contains("hidden:"))
    #expect(paged.texts.last?.contains("40 rows") == true)
    #expect(harness.transcript.contains("hidden: "))
    #expect(harness.transcript.contains("two: 2 rows × 10 columns"))
  }

  @Test(arguments: [80, 120])
  func describeShowsEveryStatisticAndTellsNamesApart(width: Int) throws {
    let harness = try WorkbenchHarness()
    harness.settings.width = { width }
    try harness.run(["synth cmle (users: 300, seed: 1)", "describe events"])
    REPLSnapshot.assertMatches(harness.transcript, named: "describe-events-\(width)")
    for statistic in ColumnProfiler.columns { #expect(harness.transcript.contains(statistic)) }
    #expect(!harness.transcript.contains("columns shown"))
  }

  @Test func thePagerFallsBackToPrintingWhenItCannotStart() throws {
    let harness = try WorkbenchHarness()
    harness.settings.page = { _ in false }
    try harness.run([":pager on", "synth groupby (rows: 30, k: 3)", "from groupby | take 2"])
    #expect(harness.transcript.contains("2 rows"))
  }

  @Test func noPagerWithoutATerminal() {
    #expect(Pager(environment: ["PAGER": "less"], isTerminal: false) == nil)
    #expect(Pager(environment: [:], isTerminal: true)?.command == "less -S -R -X")
    #expect(Pager(environment: ["PAGER": "most"], isTerminal: true)?.command == "most")
  }

  @Test func thePagerReadsTheTextOnItsStandardInput() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/paged.txt"
    let pager = try #require(Pager(environment: ["PAGER": "cat > '\(path)'"], isTerminal: true))
    #expect(pager.page("line one\nline two"))
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written == "line one\nline two\n")
    let missing = try #require(
      Pager(environment: ["PAGER": "dsw-no-such-pager-x"], isTerminal: true))
    #expect(!missing.page("text"))
  }
}
