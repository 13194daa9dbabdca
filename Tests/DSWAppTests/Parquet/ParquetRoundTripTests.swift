import Foundation
import Testing

/// Files dsw writes are read back by pyarrow, DuckDB and Polars with the
/// values dsw was given: `scripts/parquet/roundtrip.py` runs the built `dsw`
/// on CSV inputs and checks its Parquet files with all three readers.
@Suite struct ParquetRoundTripTests {
  static let hasReaders: Bool = {
    guard
      let outcome = try? DifferentialTests.python([
        "-c", "import pyarrow, duckdb, polars",
      ])
    else { return false }
    return outcome.status == 0
  }()

  // Skipped, with the reason shown, where python3 lacks the readers; CI installs them.
  @Test(
    .enabled(
      if: hasReaders,
      "needs python3 with pyarrow, duckdb and polars: pip install pyarrow duckdb polars"),
    .timeLimit(.minutes(5)))
  func pyarrowDuckDBAndPolarsReadWhatDswWrites() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: DifferentialTests.binary.path),
      "no dsw at \(DifferentialTests.binary.path): build it with `swift build --build-tests`")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dsw-parquet-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let script = DifferentialTests.repository.appendingPathComponent("scripts/parquet/roundtrip.py")
    let outcome = try DifferentialTests.python([
      script.path, "--dsw", DifferentialTests.binary.path, "--out", out.path,
    ])
    #expect(outcome.status == 0, "\(outcome.output)")
    // Eight files, each checked by three readers.
    #expect(outcome.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == 24)
  }
}
