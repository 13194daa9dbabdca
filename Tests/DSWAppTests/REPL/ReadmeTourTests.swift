import DSWCore
import Foundation
import Testing

@testable import DSWApp

/// The README's short tour, typed at the workbench line by line as printed,
/// must leave a notebook that replays headlessly with the same outputs.
@Suite struct ReadmeTourTests {
  static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("README.md")

  /// The lines typed after `scratch.dswnb [N]> ` in the README.
  static func tourLines() throws -> [String] {
    let text = try String(contentsOf: readme, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("scratch.dswnb ["), let prompt = line.range(of: "]> ") else {
        return nil
      }
      return String(line[prompt.upperBound...])
    }
  }

  @Test func theTourLeavesANotebookThatReplays() throws {
    let lines = try Self.tourLines()
    #expect(lines.contains(":keep all"))
    let harness = try WorkbenchHarness(name: "scratch.dswnb")
    try harness.run(lines)
    REPLSnapshot.assertMatches(
      harness.transcript.replacingOccurrences(
        of: #"ok · \d+ ms"#, with: "ok · N ms", options: .regularExpression),
      named: "readme-tour")
    let saved = try #require(try harness.savedNotebook())
    #expect(saved.cells.map(\.kind) == [.query, .query])
    let bytes = NotebookCodec.encodeBytes(saved)
    let replay = try CommandLineTests.dsw(
      ["run", harness.path, "--check"], in: URL(fileURLWithPath: harness.folder.path))
    #expect(replay.status == 0, "dsw run --check on the tour's notebook: \(replay.stderr)")
    #expect(!bytes.isEmpty)
  }
}
