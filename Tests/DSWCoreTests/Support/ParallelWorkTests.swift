import Synchronization
import Testing

@testable import DSWCore

@Suite struct ParallelWorkTests {
  /// An empty array is made without the standard library's uninitialized
  /// initializer (which writes the count of the storage all empty arrays
  /// share, a race ThreadSanitizer reports), and the body still runs.
  @Test func uninitializedArraysOfEveryLength() {
    var calls = 0
    let empty = [Int](uninitializedCount: 0) { buffer, initialized in
      calls += 1
      #expect(buffer.isEmpty)
      initialized = 0
    }
    #expect(empty.isEmpty)
    #expect(calls == 1)
    let three = [Int](uninitializedCount: 3) { buffer, initialized in
      for index in 0..<3 { buffer.initializeElement(at: index, to: index * 10) }
      initialized = 3
    }
    #expect(three == [0, 10, 20])
  }

  /// The polling map gives the plain map's answer on both cores, throws
  /// once interrupted, and maps nothing to nothing.
  @Test func pollingMapMatchesMapAndStops() throws {
    let values = (0..<(3 * ParallelWork.parallelElements)).map { Int64($0) }
    #expect(try ParallelWork.map(values, limits: .none) { $0 * 2 } == values.map { $0 * 2 })
    #expect(try ParallelWork.map([Int64](), limits: .none) { $0 }.isEmpty)
    let polls = Atomic<Int>(0)
    let limits = ExecutionLimits(isCancelled: { polls.add(1, ordering: .relaxed).newValue > 1 })
    #expect(throws: Diagnostic.interrupted) {
      _ = try ParallelWork.map(values, limits: limits) { $0 }
    }
    #expect(try ExecutionLimits.none.map(5) { Int32($0) } == [0, 1, 2, 3, 4])
  }
}
