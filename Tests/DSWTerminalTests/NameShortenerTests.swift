import Testing

@testable import DSWTerminal

@Suite struct NameShortenerTests {
  @Test func namesThatFitStayWhole() {
    #expect(NameShortener.shorten("price", width: 10) == "price")
  }

  @Test func aCutInTheMiddleKeepsTheEnd() {
    #expect(NameShortener.shorten("web.formFilledOut", width: 12) == "web.form…Out")
  }

  @Test func dottedSegmentsAbbreviateFromTheLeft() {
    #expect(NameShortener.shorten("web.webPageDetails.name", width: 12) == "w.w.name")
    #expect(NameShortener.shorten("commerce.order.priceTotal", width: 16) == "c.o.priceTotal")
  }

  @Test func twoNamesNeverReadTheSame() {
    let names = [
      "web.webPageDetails.name", "web.webPageDetails.URL", "web.webPageDetails.nameLong",
      "web.webPageDetails.nameLast", "customer_lifetime_value_2023", "customer_lifetime_value_2024",
    ]
    for width in 3...20 {
      let shown = NameShortener.shorten(names, widths: names.map { _ in width })
      #expect(Set(shown).count == names.count, "width \(width): \(shown)")
      for text in shown { #expect(DisplayWidth.of(text) <= width, "width \(width): \(text)") }
    }
  }

  @Test func equalNamesMayStayEqual() {
    #expect(NameShortener.shorten(["same", "same"], widths: [4, 4]) == ["same", "same"])
  }
}
