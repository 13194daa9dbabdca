/// What a session needs from the world around it: files, interruption,
/// progress and display limits. The app fills it in; tests use defaults.
public struct SessionContext {
  public var files: any FileAccess
  public var sandbox: PathSandbox
  /// True once the user asked to interrupt (Ctrl-C); long kernels poll it.
  public var isCancelled: @Sendable () -> Bool
  /// Reports progress of long work: a label and a fraction in 0...1.
  public var progress: @Sendable (String, Double) -> Void
  /// How many rows a table output keeps.
  public var maxRows: Int
  /// The session's memory limit in bytes; nil means none.
  public var memoryLimit: Int?
  /// The bytes the process holds now, as the app measures it.
  public var memoryInUse: @Sendable () -> Int
  /// File formats read and written by modules outside the core (Parquet).
  public var formats: [any ExternalFormat] = []
  /// The engine `connect` opens connections with (PostgreSQL-wire); nil in
  /// a build without one.
  public var remoteEngine: (any RemoteEngine)?
  /// Monotonic nanoseconds, for run durations; the core reads no clock.
  public var clock: @Sendable () -> UInt64 = { 0 }
  /// Clears a Ctrl-C that work has already honoured (`tune` stops its search
  /// and still fits the best trial; a second Ctrl-C stops that too).
  public var resetInterrupt: @Sendable () -> Void = {}

  public init(
    files: any FileAccess = MemoryFiles(), sandbox: PathSandbox = PathSandbox(base: "/"),
    isCancelled: @escaping @Sendable () -> Bool = { false },
    progress: @escaping @Sendable (String, Double) -> Void = { _, _ in }, maxRows: Int = 20,
    memoryLimit: Int? = nil, memoryInUse: @escaping @Sendable () -> Int = { 0 }
  ) {
    self.files = files
    self.sandbox = sandbox
    self.isCancelled = isCancelled
    self.progress = progress
    self.maxRows = maxRows
    self.memoryLimit = memoryLimit
    self.memoryInUse = memoryInUse
  }

  /// Ctrl-C and the memory limit, as kernels see them.
  public var limits: ExecutionLimits {
    ExecutionLimits(memoryLimit: memoryLimit, memoryInUse: memoryInUse, isCancelled: isCancelled)
  }
}
