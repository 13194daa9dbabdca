import DSWCore
import Dispatch
import Synchronization

/// Runs async work from the session's thread, which is synchronous, and
/// waits for it while polling Ctrl-C.
///
/// The session thread is never a thread of Swift's cooperative pool (the app
/// has no async code), so blocking it does not starve the task it waits for.
enum Blocking {
  /// The outcome of `work`, or `.interrupted` once the user pressed Ctrl-C
  /// and `cancel` has had its chance to stop the server's work.
  static func run<T: Sendable>(
    limits: ExecutionLimits, cancel: @escaping @Sendable () -> Void = {},
    _ work: @escaping @Sendable () async throws(RemoteFailure) -> T
  ) throws(RemoteFailure) -> T {
    let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<Result<T, RemoteFailure>?>(nil)
    let task = Task.detached {
      let result: Result<T, RemoteFailure>
      do throws(RemoteFailure) {
        result = .success(try await work())
      } catch {
        result = .failure(error)
      }
      outcome.withLock { $0 = result }
      done.signal()
    }
    var interrupted = false
    var waitedAfterCancel = 0
    while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      guard limits.isCancelled() else { continue }
      if !interrupted {
        interrupted = true
        cancel()
      } else {
        waitedAfterCancel += 1
        // The server answers a cancel request within moments; if it does
        // not, stop waiting for it and let the task wind down alone.
        if waitedAfterCancel > 100 {
          task.cancel()
          throw RemoteFailure(.interrupted, "interrupted")
        }
      }
    }
    let result = outcome.withLock { $0 } ?? .failure(RemoteFailure(.lost, "no result"))
    if interrupted { throw RemoteFailure(.interrupted, "interrupted") }
    return try result.get()
  }
}
