import Foundation
import Testing

/// Golden files for the core's tests, under `Tests/DSWCoreTests/Snapshots/`.
///
/// A missing golden is recorded and the test fails once; `DSW_RECORD=1`
/// re-records every golden that differs (and fails once, so a re-record is
/// never silent).
enum Golden {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Snapshots")

  static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// The bytes of a golden that must exist (such as a Python-made one).
  static func load(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(path)))
  }

  /// Compares `bytes` with the golden at `path` (relative to `Snapshots/`).
  static func assertMatches(
    _ bytes: [UInt8], at path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let file = url(path)
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    let stored = try? Data(contentsOf: file)
    if let stored, !recording {
      #expect([UInt8](stored) == bytes, "golden \(path) differs", sourceLocation: sourceLocation)
      return
    }
    if stored == Data(bytes) { return }
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: file)
    } catch {
      Issue.record("could not record golden \(path): \(error)", sourceLocation: sourceLocation)
      return
    }
    Issue.record("recorded golden \(path); run again to compare", sourceLocation: sourceLocation)
  }

  static func assertMatches(
    _ text: String, at path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    assertMatches(Array(text.utf8), at: path, sourceLocation: sourceLocation)
  }
}
