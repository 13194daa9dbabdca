import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// `:help TOPIC` and `dsw help TOPIC`: an answer for every name the code
/// knows, the same text in both places, and did-you-mean for a misspelling.
@Suite struct HelpTests {
  @Test(arguments: NameRegistry.names)
  func everyNameHasHelp(_ name: NameRegistry.Name) {
    guard case .markdown(let text) = HelpText.answer(name.name) else {
      Issue.record("`:help \(name.name)` has no answer")
      return
    }
    #expect(text.contains("- syntax:"))
  }

  @Test(arguments: ["language", "expressions", "keys", "run", ":run", "ce", "q", "drop"])
  func topicsAndCommandSpellingsAnswer(_ topic: String) {
    guard case .markdown = HelpText.answer(topic) else {
      Issue.record("`:help \(topic)` has no answer")
      return
    }
  }

  /// The options and helpers of cross-validation and tuning open its guide.
  @Test(arguments: ["tuning", "cv", "search", "trials", "between", "log_between", "metric"])
  func tuningWordsOpenTheTuningGuide(_ topic: String) {
    guard case .markdown(let text) = HelpText.answer(topic) else {
      Issue.record("`:help \(topic)` has no answer")
      return
    }
    #expect(text.contains("## Validation, tuning and runs"))
  }

  @Test func aWordThatIsAStatementAndAStepShowsBoth() throws {
    guard case .markdown(let text) = HelpText.answer("drop") else {
      Issue.record("no help on drop")
      return
    }
    #expect(text.contains("### drop · statement"))
    #expect(text.contains("### drop · pipeline step"))
  }

  @Test func aMisspelledTopicGetsTheNearestOne() {
    #expect(HelpText.answer("contians") == .unknown(suggestion: "contains"))
    #expect(HelpText.answer("row_numbr") == .unknown(suggestion: "row_number"))
    #expect(HelpText.answer("zzzzzzzz") == .unknown(suggestion: nil))
  }

  @Test func theIndexGroupsEveryKind() {
    let index = HelpText.index()
    for kind in ReferenceEntry.Kind.allCases where kind != .command {
      #expect(index.contains("**\(kind.rawValue.lowercased())**"))
    }
    #expect(index.contains("row_number"))
  }

  @Test func theWorkbenchAndTheShellPrintTheSame() throws {
    let harness = try WorkbenchHarness()
    harness.settings.width = { 100 }
    try harness.run([":help chart"])
    let folder = try CommandLineTests.folder()
    let shell = try CommandLineTests.dsw(
      ["help", "chart", "--color", "never"], in: folder, environment: ["COLUMNS": "100"])
    #expect(shell.status == 0)
    #expect(shell.stdout.count > 200)
    #expect(harness.screen.text.contains(shell.stdout.trimmingCharacters(in: .newlines)))
    let workbenchText = harness.screen.text
    #expect(workbenchText.contains("chart · pipeline step"))
  }

  @Test func theShellRefusesAnUnknownTopicWithASuggestion() throws {
    let folder = try CommandLineTests.folder()
    let outcome = try CommandLineTests.dsw(["help", "contians"], in: folder)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("did you mean `contains`?"))
    let language = try CommandLineTests.dsw(["help", "language"], in: folder)
    #expect(language.stdout.contains("The language in brief"))
  }

  @Test func theWorkbenchSuggestsForAMisspelledTopic() throws {
    let harness = try WorkbenchHarness()
    try harness.run([":help starts_wth"])
    #expect(harness.transcript.contains("did you mean `starts_with`?"))
  }
}
