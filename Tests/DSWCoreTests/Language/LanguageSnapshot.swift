import Foundation
import Testing

/// Golden files for the language tests, under `Snapshots/Language/`.
///
/// A missing golden is recorded and the test fails once; set `DSW_RECORD=1`
/// to re-record every golden that differs.
enum LanguageSnapshot {
  static func directory(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
      .deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Snapshots/Language")
  }

  static func assertMatches(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory(filePath: filePath).appendingPathComponent(name + ".txt")
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if let expected, !recording {
      #expect(actual + "\n" == expected, "golden \(name) differs", sourceLocation: sourceLocation)
      return
    }
    if expected == actual + "\n" { return }
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
    } catch {
      Issue.record("could not record golden \(name): \(error)", sourceLocation: sourceLocation)
      return
    }
    Issue.record("recorded golden \(name); run again to compare", sourceLocation: sourceLocation)
  }
}
