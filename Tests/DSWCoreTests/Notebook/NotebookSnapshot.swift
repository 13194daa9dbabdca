import Foundation
import Testing

/// Golden files under `Tests/DSWCoreTests/Snapshots/Notebook/`.
///
/// A missing golden is recorded and the test fails once; `DSW_RECORD=1`
/// re-records every golden that differs.
enum NotebookSnapshot {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots/Notebook")

  static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

  /// The bytes of a golden that must exist (such as a Python-made one).
  static func load(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(name)))
  }

  /// Compares `bytes` with the golden `name`, recording it when missing.
  static func assertMatches(
    _ bytes: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let file = url(name)
    let record = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    guard let stored = try? Data(contentsOf: file), !record else {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      if (try? Data(contentsOf: file)) == Data(bytes) { return }
      try Data(bytes).write(to: file)
      Issue.record("recorded golden \(name); run the tests again", sourceLocation: sourceLocation)
      return
    }
    #expect(
      [UInt8](stored) == bytes, "output differs from golden \(name)",
      sourceLocation: sourceLocation)
  }
}
