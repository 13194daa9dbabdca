import DSWCore
import Testing

@testable import DSWTerminal

/// The EDA statements' real outputs, from a session over synthetic customer
/// data, as a person sees them: at 80 and 160 columns, colour off and on.
@Suite struct EDAOutputTests {
  static let statements: [(String, String)] = [
    ("describe", "describe profiles"),
    ("schema", "schema events"),
    (
      "correlate",
      "let f = from events | aggregate n = count(), views = count_if(eventType == \"commerce.productViews\"), opens = count_if(eventType == \"directMarketing.emailOpened\") by userId\ncorrelate f"
    ),
    (
      "funnel",
      "funnel events (steps: [\"directMarketing.emailSent\", \"directMarketing.emailOpened\", \"web.formFilledOut\"])"
    ),
    ("bar", "from events | chart bar eventType"),
    ("hist", "from events | filter price is not null | chart hist price (bins: 12)"),
    (
      "line",
      "from events | derive day = date_trunc(\"week\", timestamp) | aggregate n = count() by day | chart line day n"
    ),
    (
      "scatter",
      "from events | aggregate n = count(), spend = sum(commerce.order.priceTotal) by userId | filter spend is not null | chart scatter n spend"
    ),
    ("sample", "from profiles | sample 3 (seed: 9) | select userId, loyaltyTier, country"),
  ]

  static let outputs: [(String, [CellOutput])] = {
    let session = Session()
    _ = session.run("synth cmle (users: 300, seed: 1)")
    return statements.map { name, source in
      let run = session.run(source)
      return (name, run.outputs.filter { if case .text = $0 { false } else { true } })
    }
  }()

  @Test(arguments: [80, 160])
  func plainGoldens(width: Int) {
    for (name, outputs) in Self.outputs {
      #expect(!outputs.isEmpty, "\(name) gave nothing to show")
      let text = outputs.map {
        OutputRenderer.render($0, width: width, maxRows: 20, styler: Fixtures.plain)
      }.joined(separator: "\n")
      Snapshot.assert(text, named: "eda-\(name)-\(width)")
      #expect(!text.utf8.contains(0x1B))
      for line in text.split(separator: "\n") {
        #expect(DisplayWidth.of(String(line)) <= width, "\(name): \(line)")
      }
    }
  }

  @Test func colourGoldens() {
    for (name, outputs) in Self.outputs {
      let text = outputs.map {
        OutputRenderer.render($0, width: 80, maxRows: 20, styler: Fixtures.colour)
      }.joined(separator: "\n")
      Snapshot.assert(text, named: "eda-\(name)-80-colour")
      let plain = outputs.map {
        OutputRenderer.render($0, width: 80, maxRows: 20, styler: Fixtures.plain)
      }.joined(separator: "\n")
      #expect(DisplayWidth.stripANSI(text) == plain, "\(name)")
    }
  }
}
