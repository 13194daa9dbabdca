import Foundation

@testable import DSWCore

/// The PostgreSQL server of the differential tests, named by
/// `DSW_TEST_POSTGRES=host:port:user:database` (`scripts/postgres/start.sh`
/// prints it). The tests talk to it through `psql`.
struct PostgreSQLClient {
  var host: String
  var port: String
  var user: String
  var database: String

  static let variable = "DSW_TEST_POSTGRES"

  static var configured: PostgreSQLClient? {
    guard let value = ProcessInfo.processInfo.environment[variable] else { return nil }
    let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4 else { return nil }
    return PostgreSQLClient(host: parts[0], port: parts[1], user: parts[2], database: parts[3])
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `sql` (one or more statements) and returns `psql --csv`'s output.
  @discardableResult
  func run(_ sql: String, setup: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "psql", "-X", "-q", "--csv", "-P", "null=\\N", "-v", "ON_ERROR_STOP=1", "-h", host, "-p",
      port, "-U", user,
      "-d", database, "-f", "-",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["PGTZ"] = "UTC"
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let script = (setup + [sql]).map { $0 + ";\n" }.joined()
    // Read while writing: a large answer would otherwise fill the pipe.
    let reader = Thread.detachNewThreadWithResult {
      output.fileHandleForReading.readDataToEndOfFile()
    }
    let errorReader = Thread.detachNewThreadWithResult {
      errors.fileHandleForReading.readDataToEndOfFile()
    }
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let text = String(decoding: reader.wait(), as: UTF8.self)
    let errorText = String(decoding: errorReader.wait(), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Failure(description: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return text
  }

  /// Parses `psql --csv` output: a header, then rows. Nulls are written
  /// `\N` (set by `run`), since psql writes the empty string unquoted.
  static func parseCSV(_ text: String) -> (header: [String], rows: [[String?]]) {
    var records: [[String?]] = []
    var record: [String?] = []
    var field = ""
    var quoted = false
    var wasQuoted = false
    var characters = Array(text.unicodeScalars)[...]
    func endField() {
      record.append(field == "\\N" && !wasQuoted ? nil : field)
      field = ""
      wasQuoted = false
    }
    while let scalar = characters.popFirst() {
      if quoted {
        if scalar == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
      } else if scalar == "\"" {
        quoted = true
        wasQuoted = true
      } else if scalar == "," {
        endField()
      } else if scalar == "\n" {
        endField()
        records.append(record)
        record = []
      } else {
        field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || wasQuoted || !record.isEmpty {
      endField()
      records.append(record)
    }
    guard let header = records.first else { return ([], []) }
    // A statement with no columns has an empty header line.
    let names = header == [""] ? [] : header.map { $0 ?? "" }
    return (names, Array(records.dropFirst()))
  }
}

extension Thread {
  /// Runs `body` on a new thread; `wait()` gives its result.
  static func detachNewThreadWithResult<T: Sendable>(_ body: @escaping @Sendable () -> T)
    -> ThreadResult<T>
  {
    let result = ThreadResult<T>()
    Thread.detachNewThread { result.set(body()) }
    return result
  }
}

final class ThreadResult<T: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: T?

  func set(_ newValue: T) {
    condition.lock()
    value = newValue
    condition.signal()
    condition.unlock()
  }

  func wait() -> T {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let value { return value }
      condition.wait()
    }
  }
}
