import Dispatch

/// Runs data-parallel loops over both cores.
enum ParallelWork {
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

  /// `0..<count` cut into `parts` nearly equal ranges.
  static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
    (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
  }
}

/// Carries a value whose concurrent use the caller has made safe by construction.
private struct UncheckedSendable<Wrapped>: @unchecked Sendable {
  let value: Wrapped
  init(_ value: Wrapped) { self.value = value }
}
