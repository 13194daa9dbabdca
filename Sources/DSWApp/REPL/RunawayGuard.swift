import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The way out of a cell that does not answer Ctrl-C.
///
/// Long kernels poll the interrupt flag, but a step that never polls would
/// leave the user stuck. While a cell runs, the third Ctrl-C ends dsw at once
/// (exit 130). Nothing typed is lost: runs have autosaved the notebook and
/// edits are in the journal, which the next session offers to recover.
final class RunawayGuard {
  private struct State: Sendable {
    var running = false
    var presses = 0
  }

  /// A class, so the signal handler can share the noncopyable mutex.
  private final class Shared: Sendable {
    let state = Mutex(State())
  }

  private let shared = Shared()
  private let source: any DispatchSourceSignal
  static let pressesToQuit = 3

  init() {
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [shared] in
      let presses = shared.state.withLock { state -> Int in
        guard state.running else { return 0 }
        state.presses += 1
        return state.presses
      }
      if presses == Self.pressesToQuit - 1 {
        FileHandle.standardError.write(
          Data("\nstill running; Ctrl-C once more quits dsw (edits are journaled)\n".utf8))
      } else if presses >= Self.pressesToQuit {
        FileHandle.standardError.write(Data("\nquitting: the cell did not stop\n".utf8))
        _exit(130)
      }
    }
    source.resume()
  }

  /// Called as a cell starts and ends.
  func setRunning(_ running: Bool) {
    shared.state.withLock { state in
      state.running = running
      state.presses = 0
    }
  }
}
