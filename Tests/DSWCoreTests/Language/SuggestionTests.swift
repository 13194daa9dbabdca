import Testing

@testable import DSWCore

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("fitler", "filter"), ("lod", "load"), ("agregate", "aggregate"), ("FILTER", "filter"),
    ("Load", "load"), ("sotr", "sort"), ("dervie", "derive"), ("evalute", "evaluate"),
  ])
  func suggestsTheNearestKeyword(word: String, expected: String) {
    let candidates = Parser.statementKeywords + Parser.transformKeywords
    #expect(Suggestion.closest(to: word, among: candidates) == expected)
  }

  @Test func nothingCloseGivesNil() {
    #expect(Suggestion.closest(to: "frobnicate", among: Parser.transformKeywords) == nil)
    #expect(Suggestion.closest(to: "", among: ["a"]) == nil)
    #expect(Suggestion.closest(to: "xy", among: ["ab"]) == nil)
  }

  @Test func distances() {
    #expect(Suggestion.editDistance(Array("abc"), Array("abc")) == 0)
    #expect(Suggestion.editDistance(Array("abc"), Array("acb")) == 1)
    #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    #expect(Suggestion.editDistance(Array("ca"), Array("abc")) == 3)
  }

  @Test func helpLine() {
    #expect(Suggestion.didYouMean("lod", among: ["load"]) == "did you mean `load`?")
    #expect(Suggestion.didYouMean("zzzz", among: ["load"]) == nil)
  }
}
