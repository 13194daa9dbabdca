import Foundation

/// One result per work item, filled by parallel workers in any order.
final class ResultSlots<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, ParquetError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<Value, ParquetError>) {
    lock.withLock { slots[index] = result }
  }

  /// Every result; a slot no worker filled is an error, never a trap.
  var values: [Result<Value, ParquetError>] {
    lock.withLock { slots.map { $0 ?? .failure(ParquetError("a work item did not finish")) } }
  }
}
