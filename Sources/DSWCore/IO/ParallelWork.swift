import Foundation

/// Runs numbered work items on a fixed number of threads.
///
/// `DispatchQueue.concurrentPerform` alone would use every core; the loaders
/// take a thread count, so a few workers pull item numbers from a shared
/// counter instead (which also balances uneven items).
enum ParallelWork {
  static func run(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
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

/// A pointer handed to worker threads that write disjoint parts of one buffer.
struct SendablePointer<Element>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Element>?

  init(_ pointer: UnsafeMutablePointer<Element>?) { self.pointer = pointer }
}
