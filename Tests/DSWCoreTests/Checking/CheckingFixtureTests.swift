import Foundation
import Testing

@testable import DSWCore

/// `dsw check` against the query fixtures: every case a run fails with a
/// syntax (E1xx), planning (E2xx) or profile and scoring (E7xx) error, check
/// reports without running, rendered exactly as the run renders it.
@Suite struct CheckingFixtureTests {
  struct Expectation: CustomTestStringConvertible, Sendable {
    var file: String
    var title: String
    var source: String
    var expected: String
    var data: [String]
    var contents: [String: [UInt8]]
    var testDescription: String { "\(file): \(title)" }
  }

  static var cases: [Expectation] {
    QueryFixtureTests.files.flatMap { name -> [Expectation] in
      let path = QueryFixtureTests.folder.appendingPathComponent(name).path
      guard let text = try? String(contentsOfFile: path, encoding: .utf8),
        let fixture = try? QueryFixture.parse(text)
      else { return [] }
      let contents = Dictionary(
        (fixture.data + fixture.files).map { ("/" + $0.name, Array($0.text.utf8)) },
        uniquingKeysWith: { first, _ in first })
      return fixture.cases.compactMap { item in
        guard let expected = item.expected,
          ["error[E1", "error[E2", "error[E7"].contains(where: expected.hasPrefix)
        else { return nil }
        return Expectation(
          file: name, title: item.title, source: item.source, expected: expected,
          data: fixture.data.map(\.name), contents: contents)
      }
    }
  }

  @Test(arguments: cases)
  func checkReportsWhatARunReports(_ expectation: Expectation) throws {
    var checker = NotebookChecker(
      files: MemoryFiles(expectation.contents), sandbox: PathSandbox(base: "/"))
    for name in expectation.data {
      let stem = name.split(separator: ".").first.map(String.init) ?? name
      let source = "load \"\(name)\" as \(stem)"
      let loaded = checker.check(try Parser.parseProgram(source), source: source)
      #expect(loaded.diagnostics.isEmpty && loaded.notes.isEmpty, "\(loaded)")
    }
    let diagnostic: Diagnostic?
    do throws(Diagnostic) {
      let program = try Parser.parseProgram(expectation.source)
      diagnostic = checker.check(program, source: expectation.source).diagnostics.first
    } catch {
      diagnostic = error
    }
    let found = try #require(diagnostic, "check found nothing")
    let rendered = DiagnosticRenderer.render(found, source: expectation.source, location: "query")
    #expect(rendered == expectation.expected)
  }
}
