/// How `dsw serve` listens and what it accepts.
public struct ServeConfiguration: Sendable {
  /// The address to bind; loopback unless the user says otherwise.
  public var host = "127.0.0.1"
  /// 0 picks a free port (tests).
  public var port = 8080
  /// The bearer token every request but the health checks must carry; nil: none.
  public var token: String?
  /// Event-loop threads answering requests.
  public var workers: Int
  /// The largest request body, in bytes.
  public var maxBodyBytes = 8 << 20
  /// The most rows one score request may hold.
  public var maxRows = 10_000
  /// How often model files are checked for replacement.
  public var watchInterval: Duration = .milliseconds(500)
  /// Whether the server runs on NIO's process-wide event loops, installed as
  /// Swift's global executor by `ScoringServer.takeOverConcurrency` (one
  /// server per process: the command), rather than loops of its own.
  public var usesSharedLoops = false
  /// Whether SIGTERM and SIGINT shut the server down and SIGHUP reloads; off
  /// when several servers share a process (tests).
  public var handlesSignals = true

  public init(workers: Int) {
    self.workers = workers
  }
}
