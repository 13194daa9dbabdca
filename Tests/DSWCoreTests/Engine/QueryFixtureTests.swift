import Foundation
import Testing

@testable import DSWCore

/// Query semantics, as fixtures: each `.dswq` file under `Fixtures/queries`
/// holds data files and cases; each case is a program and its expected result
/// (a table dump, or the rendered diagnostic). A case without an expectation,
/// or every case when `DSW_RECORD=1`, is recorded into the file and fails once.
@Suite struct QueryFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/queries")

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".dswq") }.sorted()
  }

  @Test(arguments: files)
  func fixture(_ name: String) throws {
    let path = Self.folder.appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var fixture = try QueryFixture.parse(text)
    let record = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    var changed = false
    for index in fixture.cases.indices {
      let actual = fixture.run(fixture.cases[index].source)
      let expected = fixture.cases[index].expected
      if expected == nil || record {
        if expected != actual {
          fixture.cases[index].expected = actual
          changed = true
        }
        if expected == nil {
          Issue.record("recorded \(name): \(fixture.cases[index].title)")
        }
      } else {
        #expect(
          actual == expected, "\(name): \(fixture.cases[index].title)\n--- actual ---\n\(actual)")
      }
    }
    if changed { try fixture.serialized.write(toFile: path, atomically: true, encoding: .utf8) }
  }
}

/// One fixture file: `@data NAME` blocks (files loaded as datasets),
/// `@file NAME` blocks (files only, for `load` with options), then `=== title`
/// cases with a program, a `---` line and the expected result.
struct QueryFixture {
  struct Case {
    var title: String
    var source: String
    var expected: String?
  }

  var data: [(name: String, text: String)] = []
  /// Files a case may `load` itself; they are not loaded up front.
  var files: [(name: String, text: String)] = []
  var cases: [Case] = []

  static func parse(_ text: String) throws -> QueryFixture {
    var fixture = QueryFixture()
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("@data ") || line.hasPrefix("@file ") {
        let name = String(line.dropFirst(6))
        var body: [String] = []
        index += 1
        while index < lines.count, lines[index] != "@end" {
          body.append(lines[index])
          index += 1
        }
        let text = body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
        if line.hasPrefix("@data ") {
          fixture.data.append((name, text))
        } else {
          fixture.files.append((name, text))
        }
        index += 1
      } else if line.hasPrefix("=== ") {
        var item = Case(title: String(line.dropFirst(4)), source: "", expected: nil)
        var source: [String] = []
        index += 1
        while index < lines.count, lines[index] != "---", !lines[index].hasPrefix("=== ") {
          source.append(lines[index])
          index += 1
        }
        item.source = source.joined(separator: "\n").trimmingCharacters(in: .newlines)
        if index < lines.count, lines[index] == "---" {
          var expected: [String] = []
          index += 1
          while index < lines.count, !lines[index].hasPrefix("=== ") {
            expected.append(lines[index])
            index += 1
          }
          item.expected = expected.joined(separator: "\n").trimmingCharacters(in: .newlines)
        }
        fixture.cases.append(item)
      } else {
        index += 1
      }
    }
    return fixture
  }

  var serialized: String {
    var parts: [String] = []
    for (name, text) in data {
      parts.append("@data \(name)\n\(text)@end")
    }
    for (name, text) in files {
      parts.append("@file \(name)\n\(text)@end")
    }
    for item in cases {
      var block = "=== \(item.title)\n\(item.source)"
      if let expected = item.expected { block += "\n---\n\(expected)" }
      parts.append(block)
    }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// Runs a case in a fresh session where every data file is loaded under its stem.
  func run(_ source: String) -> String {
    let contents = (data + files).map { ("/" + $0.name, Array($0.text.utf8)) }
    let files = MemoryFiles(Dictionary(contents, uniquingKeysWith: { first, _ in first }))
    let session = Session(context: SessionContext(files: files, maxRows: 1_000))
    for (name, _) in data {
      let stem = name.split(separator: ".").first.map(String.init) ?? name
      let loaded = session.run("load \"\(name)\" as \(stem)")
      if let error = loaded.error { return "load failed: \(error.message)" }
    }
    let run = session.run(source)
    if let error = run.error {
      return DiagnosticRenderer.render(error, source: source, location: "query")
    }
    guard let last = run.outputs.last else { return "(no output)" }
    return TableDump.dump(last)
  }
}

/// A plain, exact text form of an output, for expectations.
enum TableDump {
  static func dump(_ output: CellOutput) -> String {
    switch output {
    case .table(let table):
      var lines = [
        zip(table.columns, table.types).map { "\($0):\($1.rawValue)" }.joined(separator: " | ")
      ]
      for row in table.rows { lines.append(row.map(value).joined(separator: " | ")) }
      if table.totalRows > table.rows.count { lines.append("… \(table.totalRows) rows") }
      return lines.joined(separator: "\n")
    case .text(let text): return "text: " + text
    case .chart(let chart):
      return
        "chart \(chart.kind.rawValue) \"\(chart.title)\" labels=\(chart.labels) x=\(chart.x) y=\(chart.y)"
        + chart.series.map { "\nseries \"\($0.name)\" x=\($0.x) y=\($0.y)" }.joined()
    case .metrics(let metrics):
      return "metrics " + metrics.metrics.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    case .error(let error): return "error[\(error.code)]: \(error.message)"
    }
  }

  static func value(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .string(let text): "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    default: ValueText.plain(value)
    }
  }
}
