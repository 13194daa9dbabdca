import Foundation
import Testing

/// Golden transcripts under `Snapshots/Teach/`, found through `#filePath`.
///
/// A missing golden is recorded and the test fails once, so every new golden
/// is looked at; `DSW_RECORD=1` re-records the goldens a run touches.
enum TeachSnapshot {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Snapshots/Teach")

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
    let first =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
    let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
    Issue.record(
      """
      golden \(name) differs at line \(first + 1):
        expected: \(want)
        actual:   \(got)
      (DSW_RECORD=1 re-records)
      """, sourceLocation: sourceLocation)
  }
}
