import Foundation
import Testing

@testable import DSWCore

/// Helpers shared by the IO tests.
enum IOTestSupport {
  static func read(
    _ text: String, _ options: CSVOptions = CSVOptions()
  ) throws -> CSVResult {
    try CSVReader.read(Array(text.utf8), options: options)
  }

  static func fixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/io/\(name)")
    return Array(try Data(contentsOf: url))
  }

  /// The column's values, boxed, for comparisons in tests.
  static func values(_ table: Table, _ name: String) -> [Value] {
    guard let column = table.column(named: name) else { return [] }
    return (0..<table.rowCount).map { column.value(at: $0) }
  }

  /// The diagnostic `body` throws, or nil.
  static func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
    do {
      try body()
      return nil
    } catch let diagnostic as Diagnostic {
      return diagnostic
    } catch {
      return nil
    }
  }

  /// Tables equal in names, types and every value.
  static func sameTable(_ lhs: Table, _ rhs: Table) -> Bool {
    guard lhs.names == rhs.names, lhs.types == rhs.types, lhs.rowCount == rhs.rowCount else {
      return false
    }
    for (left, right) in zip(lhs.columns, rhs.columns) {
      for row in 0..<lhs.rowCount where left.value(at: row) != right.value(at: row) {
        return false
      }
    }
    return true
  }
}
