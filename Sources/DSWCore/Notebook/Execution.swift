/// The record of a code cell's last run, stored beside its outputs.
public struct Execution: Sendable, Hashable {
  /// How the last run ended. `stale` appears only in REPL sessions, when an
  /// upstream cell changed after this one ran.
  public enum Status: String, Sendable, Hashable, CaseIterable {
    case ok
    case error
    case stale
  }

  /// The run counter value when the cell last ran.
  public var count: Int
  public var status: Status
  public var durationMs: Int
  /// `sha256:` and the hex digest of the canonical outputs (see `Fingerprint`).
  public var fingerprint: String

  public init(count: Int, status: Status, durationMs: Int, fingerprint: String) {
    self.count = count
    self.status = status
    self.durationMs = durationMs
    self.fingerprint = fingerprint
  }
}
