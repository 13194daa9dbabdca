import Foundation
import Testing

/// Golden-file checks: `Snapshots/<name>.txt` beside this file.
///
/// A missing golden is recorded and the test fails once, so a new golden is
/// always looked at; `DSW_RECORD=1` re-records every golden a run touches.
enum Snapshot {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  static func assert(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = folder.appendingPathComponent(name + ".txt")
    let text = actual.hasSuffix("\n") ? actual : actual + "\n"
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    guard !recording, let data = FileManager.default.contents(atPath: url.path) else {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        Issue.record(
          "recorded golden \(name); check it and run again", sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot write golden \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != text else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let want =
      firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>"
    let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>"
    Issue.record(
      """
      golden \(name) differs at line \(firstDifference + 1):
        expected: \(want)
        actual:   \(got)
      (DSW_RECORD=1 re-records)
      """, sourceLocation: sourceLocation)
  }
}
