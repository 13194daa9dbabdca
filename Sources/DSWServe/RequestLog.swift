import Foundation
import Logging

/// Where the server's lines go: standard output for `dsw serve`, a buffer in tests.
public struct LogOutput: Sendable {
  public var write: @Sendable (String) -> Void

  public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

  /// Standard output, one whole line per write so concurrent lines never interleave.
  public static let standardOutput = LogOutput { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}

/// A swift-log handler that writes plain lines: time, level (when not info),
/// message, then `key=value` metadata in a stable order.
struct LineLogHandler: LogHandler {
  let output: LogOutput
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var line = ModelDescription.timestamp(Date())
    if event.level != .info { line += " \(event.level)" }
    line += " \(event.message)"
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    for key in Self.order where merged[key] != nil {
      line += " \(key)=\(merged[key].map { "\($0)" } ?? "")"
    }
    for key in merged.keys.sorted() where !Self.order.contains(key) {
      line += " \(key)=\(merged[key].map { "\($0)" } ?? "")"
    }
    output.write(line)
  }

  /// Request lines read left to right: what was asked, of which model, how it went.
  private static let order = ["model", "rows", "status", "duration_ms"]
}
