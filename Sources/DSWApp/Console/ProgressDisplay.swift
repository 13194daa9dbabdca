import DSWTerminal
import Foundation
import Synchronization

/// Draws progress bars on stderr when it is a terminal; silent otherwise.
final class ProgressDisplay: Sendable {
  private let enabled: Bool
  private let state = Mutex<(label: String, shown: Bool, started: Double, last: Double)>(
    ("", false, 0, 0))

  init(enabled: Bool) { self.enabled = enabled }

  /// The callback for `SessionContext.progress`.
  var report: @Sendable (String, Double) -> Void {
    { [self] label, fraction in update(label, fraction) }
  }

  private func update(_ label: String, _ fraction: Double) {
    guard enabled else { return }
    let now = Date().timeIntervalSince1970
    let line: String? = state.withLock { state in
      // A count (negative fraction) relabels one line as it grows.
      if (state.label != label && fraction >= 0) || !state.shown {
        state = (label, true, now, 0)
      }
      state.label = label
      // Redraw at most 20 times a second, and always at the end.
      guard now - state.last > 0.05 || fraction >= 1 else { return nil }
      state.last = now
      return ProgressBar.line(
        label: label, fraction: fraction, width: 60, elapsed: now - state.started)
    }
    if let line { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
  }

  /// Clears the bar before other output.
  func finish() {
    guard enabled else { return }
    let shown = state.withLock { state -> Bool in
      defer { state.shown = false }
      return state.shown
    }
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }
}
