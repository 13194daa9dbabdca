import Foundation
import Testing

/// A standing differential check: a fixed-seed run of `scripts/differential/run.py`, which
/// runs random pipelines in the built `dsw` and as equivalent SQL in DuckDB and compares
/// the answers (see docs/testing.md).
@Suite struct DifferentialTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `dsw` that `swift build --build-tests` puts next to the test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("dsw")
  }

  /// Whether `python3` can import `duckdb`; the check needs both.
  static let hasPythonWithDuckDB: Bool = {
    guard let outcome = try? python(["-c", "import duckdb"]) else { return false }
    return outcome.status == 0
  }()

  static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  // Skipped, with the reason shown, where python3 cannot import duckdb: the check needs
  // DuckDB as its reference. CI installs it with `pip install duckdb`.
  @Test(
    .enabled(
      if: hasPythonWithDuckDB, "needs python3 with the duckdb package: pip install duckdb"),
    .timeLimit(.minutes(10)))
  func fixedSeedAgreesWithDuckDB() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.binary.path),
      "no dsw at \(Self.binary.path): build it with `swift build --build-tests`")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dsw-differential-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Self.repository.appendingPathComponent("scripts/differential/run.py")
    let outcome = try Self.python([
      script.path, "--seed", "1", "--queries", "3000", "--dsw", Self.binary.path, "--out",
      out.path, "--quiet", "--shrink-limit", "3",
    ])
    let report = out.appendingPathComponent("report-seed1.md")
    let details = (try? String(contentsOf: report, encoding: .utf8)) ?? "(no report)"
    #expect(
      outcome.status == 0,
      "\(outcome.output)\n\(details.split(separator: "\n").prefix(80).joined(separator: "\n"))")
    #expect(outcome.output.contains(" passed, "))
  }
}
