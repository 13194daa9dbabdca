import DSWCore
import Dispatch
import Synchronization

/// Runs async work from the session's thread, which is synchronous, and
/// waits for it while polling Ctrl-C.
///
/// The work runs on an executor of its own (`RemoteExecutor`), not on Swift's
/// cooperative pool: the waiting thread may itself be one of the pool's few
/// threads (a test, a server running a notebook), and blocking the pool's
/// threads while the work waits for one of them would never end.
enum Blocking {
  /// The outcome of `work`, or `.interrupted` once the user pressed Ctrl-C
  /// and `cancel` has had its chance to stop the server's work.
  static func run<T: Sendable>(
    limits: ExecutionLimits, cancel: @escaping @Sendable () -> Void = {},
    _ work: @escaping @Sendable () async throws(RemoteFailure) -> T
  ) throws(RemoteFailure) -> T {
    let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<Result<T, RemoteFailure>?>(nil)
    let task = Task.detached(executorPreference: RemoteExecutor.shared) {
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

/// A serial executor on a dispatch queue of its own, for remote work: the
/// jobs of one connection's statements, one at a time, off the cooperative
/// pool.
final class RemoteExecutor: TaskExecutor, @unchecked Sendable {
  static let shared = RemoteExecutor()
  private let queue = DispatchQueue(label: "dsw.remote")

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
