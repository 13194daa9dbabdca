import Foundation
import Logging

/// Where the server's lines go: standard output for `dsw serve`, a buffer in tests.
public struct LogOutput: Sendable {
  public var write: @Sendable (String) -> Void
  /// Writes out what is buffered; called when the server stops.
  public var flush: @Sendable () -> Void

  public init(
    write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void = {}
  ) {
    self.write = write
    self.flush = flush
  }

  /// Standard output, written in batches: a system call per request line
  /// would cost a loaded server a good share of its time. Lines wait at most
  /// a tenth of a second.
  public static let standardOutput: LogOutput = {
    let buffer = LineBuffer(descriptor: 1)
    return LogOutput(write: buffer.append, flush: buffer.flush)
  }()
}

/// Whole lines gathered for one file descriptor, written when 16 KiB have
/// built up and every 100 ms, so concurrent lines never interleave.
final class LineBuffer: @unchecked Sendable {
  private let descriptor: Int32
  private let lock = NSLock()
  private var pending: [UInt8] = []

  init(descriptor: Int32) {
    self.descriptor = descriptor
    pending.reserveCapacity(32 << 10)
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.1)
        flush()
      }
    }
  }

  func append(_ line: String) {
    lock.lock()
    pending.append(contentsOf: line.utf8)
    pending.append(UInt8(ascii: "\n"))
    let full = pending.count >= 16 << 10
    lock.unlock()
    if full { flush() }
  }

  func flush() {
    lock.lock()
    defer { lock.unlock() }
    var offset = 0
    while offset < pending.count {
      let written = pending[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if written <= 0 { break }
      offset += written
    }
    pending.removeAll(keepingCapacity: true)
  }
}

/// A swift-log handler that writes plain lines: time, level (when not info),
/// message, then `key=value` metadata in a stable order.
struct LineLogHandler: LogHandler {
  let output: LogOutput
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]
  /// False for a logger whose metadata is never printed, so setting it costs nothing.
  private let keepsMetadata: Bool
  private let clock = SecondClock()

  init(output: LogOutput, keepsMetadata: Bool = true) {
    self.output = output
    self.keepsMetadata = keepsMetadata
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { if keepsMetadata { metadata[key] = newValue } }
  }

  func log(event: LogEvent) {
    var line = clock.now()
    if event.level != .info { line += " \(event.level)" }
    line += " \(event.message)"
    // A request line's metadata is the event's alone: no merge to build.
    let merged =
      metadata.isEmpty ? event.metadata ?? [:] : metadata.merging(event.metadata ?? [:]) { $1 }
    var written = 0
    for key in Self.order {
      guard let value = merged[key] else { continue }
      line += " \(key)=\(value)"
      written += 1
    }
    if written < merged.count {
      for key in merged.keys.sorted() where !Self.order.contains(key) {
        line += " \(key)=\(merged[key].map { "\($0)" } ?? "")"
      }
    }
    output.write(line)
  }

  /// Request lines read left to right: what was asked, of which model, how it went.
  private static let order = ["model", "rows", "status", "duration_ms"]
}

/// The time in whole seconds as the log writes it, formatted once a second
/// rather than once a line.
final class SecondClock: @unchecked Sendable {
  private let lock = NSLock()
  private var second = Int64.min
  private var text = ""

  func now() -> String {
    let date = Date()
    let current = Int64((date.timeIntervalSince1970).rounded(.down))
    lock.lock()
    defer { lock.unlock() }
    if current != second {
      second = current
      text = ModelDescription.timestamp(date)
    }
    return text
  }
}
