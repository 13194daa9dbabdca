import Foundation
import Testing

/// Compares text with a golden file under `Snapshots/`, recording it when missing.
///
/// A missing golden is written and the test fails once; `DSW_RECORD=1`
/// rewrites every golden the run touches.
enum Snapshot {
  static func assertMatches(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    if record || !FileManager.default.fileExists(atPath: file.path) {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      if !record {
        Issue.record("recorded missing golden \(name); run again", sourceLocation: sourceLocation)
      }
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(actual == expected, "golden \(name) differs", sourceLocation: sourceLocation)
  }
}
