import Foundation
import Testing

@testable import DSWCore

/// Timings on big files, run only when asked (release build):
/// `DSW_WRITE_GROUPBY=/tmp/g.csv` writes the 10M-row groupby CSV;
/// `DSW_CSV_BENCH=/tmp/g.csv` times loading it.
@Suite("IO benchmarks")
struct IOBenchmarkTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["DSW_WRITE_GROUPBY"] != nil))
  func writeGroupByCSV() throws {
    let path = try #require(ProcessInfo.processInfo.environment["DSW_WRITE_GROUPBY"])
    let rows = Int(ProcessInfo.processInfo.environment["DSW_ROWS"] ?? "") ?? 10_000_000
    var clock = Date()
    let table = GroupBySynth.generate(rows: rows, k: 100, seed: 108)
    print("synth seconds", Date().timeIntervalSince(clock))
    clock = Date()
    let bytes = CSVWriter.write(table)
    print("csv write seconds", Date().timeIntervalSince(clock), "bytes", bytes.count)
    clock = Date()
    let json = JSONLinesWriter.write(table)
    print("jsonl write seconds", Date().timeIntervalSince(clock), "bytes", json.count)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["DSW_CSV_BENCH"] != nil))
  func loadCSV() throws {
    let path = try #require(ProcessInfo.processInfo.environment["DSW_CSV_BENCH"])
    let descriptor = open(path, O_RDONLY)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    var status = stat()
    fstat(descriptor, &status)
    let size = Int(status.st_size)
    let mapped = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0))
    defer { munmap(mapped, size) }
    let clock = Date()
    let result = try CSVReader.read(UnsafeRawBufferPointer(start: mapped, count: size))
    let seconds = Date().timeIntervalSince(clock)
    let table = result.table
    var sums: [String] = []
    for (name, column) in zip(table.names, table.columns) {
      switch column.storage {
      case .int(let values): sums.append("\(name)=\(values.reduce(0, &+))")
      case .double(let values): sums.append("\(name)=\(values.reduce(0, +))")
      case .string(_, let dictionary): sums.append("\(name):\(dictionary.count) distinct")
      default: break
      }
    }
    print("load seconds", seconds, "rows", table.rowCount, "types", table.types)
    print(sums.joined(separator: " "))
  }
}
