import Dispatch
import Foundation

/// Runs data-parallel work over the machine's cores.
///
/// `run(count:threads:)` hands numbered items to a fixed number of workers
/// pulling from a shared counter (the loaders take a thread count, and uneven
/// items balance). `run(parts:)` runs one closure per part, concurrently:
/// callers give each part disjoint output, so the parts never race.
public enum ParallelWork {
  public static func run(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    let workers = max(1, min(threads, count))
    if workers == 1 {
      for index in 0..<count { body(index) }
      return
    }
    let counter = WorkCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = counter.next()
        if index >= count { return }
        body(index)
      }
    }
  }

  /// Calls `body` with each index in `0..<parts`, concurrently.
  ///
  /// Callers hand each part disjoint output (separate features, separate row
  /// ranges), so the parts never race; that is why the closure need not be
  /// `@Sendable`. Results never depend on scheduling.
  static func run(parts: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { escapable in
      let box = UncheckedSendable(escapable)
      DispatchQueue.concurrentPerform(iterations: parts) { box.value($0) }
    }
  }

  /// Elements at or above this are mapped on both cores.
  static let parallelElements = 1 << 16

  /// `transform` of every element, the halves of a long array on both cores.
  /// `transform` must be safe to call concurrently (pure, reading shared
  /// state only).
  static func map<Element, Result: BitwiseCopyable>(
    _ values: [Element], _ transform: (Element) -> Result
  ) -> [Result] {
    // Without limits nothing interrupts the map, so it does not throw.
    (try? map(values, limits: .none, transform)) ?? []
  }

  /// The same, polling Ctrl-C between blocks of each half. An interrupted
  /// map's array is dropped unfinished, so its elements are plain values.
  static func map<Element, Result: BitwiseCopyable>(
    _ values: [Element], limits: ExecutionLimits, _ transform: (Element) -> Result
  ) throws(Diagnostic) -> [Result] {
    try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try map(count: values.count, limits: limits) { transform(values[$0]) }
    }
  }

  /// `transform` of every index in `0..<count`, the halves on both cores
  /// when there are many, polling Ctrl-C between blocks.
  static func map<Result: BitwiseCopyable>(
    count: Int, limits: ExecutionLimits, _ transform: (Int) -> Result
  ) throws(Diagnostic) -> [Result] {
    let result = [Result](uninitializedCount: count) { out, initialized in
      let target = SendablePointer(out.baseAddress)
      let parts = halves(count)
      run(parts: parts.count) { part in
        limits.blocks(of: parts[part]) { block in
          for index in block {
            (target.pointer.unsafelyUnwrapped + index).initialize(to: transform(index))
          }
        }
      }
      initialized = count
    }
    try limits.poll()
    return result
  }

  /// `0..<count` in halves when it is long enough for both cores, else whole.
  static func halves(_ count: Int) -> [Range<Int>] {
    ranges(count, parts: count >= parallelElements ? 2 : 1)
  }

  /// `body` of each range, the ranges concurrently, the results in range
  /// order. Each call builds a result of its own, so the calls never race.
  static func map<Result>(ranges: [Range<Int>], _ body: (Range<Int>) -> Result) -> [Result] {
    map(parts: ranges.count) { body(ranges[$0]) }
  }

  /// `body` of each part in `0..<parts`, concurrently, the results in order.
  static func map<Result>(parts: Int, _ body: (Int) -> Result) -> [Result] {
    var results = [Result?](repeating: nil, count: parts)
    results.withUnsafeMutableBufferPointer { results in
      let out = SendablePointer(results.baseAddress)
      run(parts: parts) { part in out.pointer?[part] = body(part) }
    }
    return results.compactMap { $0 }
  }

  /// `0..<count` cut into `parts` nearly equal ranges.
  static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
    (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
  }
}

private final class WorkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.withLock {
      defer { value += 1 }
      return value
    }
  }
}

/// Set once by the first part of parallel work that fails, so that the
/// others stop taking work.
final class StopSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var stopped = false

  var isSet: Bool { lock.withLock { stopped } }

  func set() { lock.withLock { stopped = true } }
}

/// A pointer handed to worker threads that write disjoint parts of one buffer.
struct SendablePointer<Element>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Element>?

  init(_ pointer: UnsafeMutablePointer<Element>?) { self.pointer = pointer }
}

/// Carries a value whose concurrent use the caller has made safe by construction.
struct UncheckedSendable<Wrapped>: @unchecked Sendable {
  let value: Wrapped
  init(_ value: Wrapped) { self.value = value }
}
