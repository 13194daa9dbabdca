import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C as a flag: the signal sets it, long kernels poll it and stop.
///
/// SIGINT is caught through a dispatch source, so no Swift code runs in
/// signal context. A second Ctrl-C while nothing polls still interrupts
/// the wait for input (readline handles that itself).
final class Interrupt: @unchecked Sendable {
  private let flag = Atomic<Bool>(false)
  private let source: any DispatchSourceSignal

  init() {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [unowned self] in self.flag.store(true, ordering: .relaxed) }
    source.resume()
  }

  var isSet: Bool { flag.load(ordering: .relaxed) }

  func reset() { flag.store(false, ordering: .relaxed) }

  /// A closure for `SessionContext.isCancelled`.
  var check: @Sendable () -> Bool {
    { [self] in flag.load(ordering: .relaxed) }
  }
}
