import DSWCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// `dsw serve`: models published as an HTTP scoring service.
///
/// The server is a Hummingbird application run in a service group beside
/// the model reloader. SIGTERM (and Ctrl-C) shut it down gracefully: the
/// listening socket closes at once, so new connections are refused, and
/// requests in flight finish. SIGHUP, or a served file being replaced,
/// reloads models; a load that fails leaves the old models serving.
public final class ScoringServer: Sendable {
  private let configuration: ServeConfiguration
  private let sources: [ModelSource]
  private let store: ModelStore
  private let metrics = ServeMetrics()
  private let state = ServerState()
  private let logger: Logger
  private let output: LogOutput
  private let group: ServiceGroup
  private let hangUps = HangUpSignals()
  private let eventLoops: MultiThreadedEventLoopGroup?

  /// Loads every source; throws `ModelSourceError` when one cannot be loaded.
  public init(
    configuration: ServeConfiguration, sources: [ModelSource], output: LogOutput,
    onRunning: @escaping @Sendable (_ port: Int) -> Void = { _ in }
  ) throws {
    self.configuration = configuration
    self.sources = sources
    self.output = output
    var base = Logger(label: "dsw.serve") { _ in LineLogHandler(output: output) }
    base.logLevel = .info
    let logger = base
    self.logger = logger
    var slots: [[ServedModel]] = []
    for source in sources { slots.append(try source.load()) }
    store = try ModelStore(slots: slots)
    guard store.catalog.count > 0 else {
      throw ModelSourceError("there is no model to serve")
    }
    metrics.setModelCount(store.catalog.count)

    let router = Router(context: ServeContext.self)
    router.add(
      middleware: ServeMiddleware(token: configuration.token, metrics: metrics, logger: logger))
    Endpoints(store: store, configuration: configuration, metrics: metrics, state: state)
      .register(on: router)
    let loops =
      configuration.usesSharedLoops
      ? nil : MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.workers))
    eventLoops = loops
    // Hummingbird tags each request's logger with an id; this server's
    // request lines do not print it, so its handler keeps no metadata rather
    // than building a dictionary for every request.
    var quiet = Logger(label: "dsw.serve") { _ in
      LineLogHandler(output: output, keepsMetadata: false)
    }
    quiet.logLevel = .warning
    let state = self.state
    let store = self.store
    let app = Application(
      router: router,
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "dsw"),
      onServerRunning: { channel in
        state.markRunning()
        let port = channel.localAddress?.port ?? configuration.port
        logger.info(
          "serving \(store.catalog.count) model\(store.catalog.count == 1 ? "" : "s") on http://\(Self.hostForURL(configuration.host)):\(port)"
        )
        for served in store.catalog.all {
          logger.info(
            "  \(served.reference)  \(served.model.algorithm.rawValue), \(served.model.task.rawValue), \(served.model.features.count) features  (\(served.origin))"
          )
        }
        onRunning(port)
      },
      eventLoopGroupProvider: loops.map { .shared($0) } ?? .singleton,
      logger: quiet)
    let reloader = ModelReloader(
      sources: sources, store: store, metrics: metrics, state: state, logger: logger,
      interval: configuration.watchInterval, hangUps: hangUps)
    group = ServiceGroup(
      configuration: .init(
        services: [.init(service: app), .init(service: reloader)],
        gracefulShutdownSignals: configuration.handlesSignals ? [.sigterm, .sigint] : [],
        logger: quiet))
  }

  /// Serves until shut down; returns once requests in flight have finished.
  public func run() async throws {
    defer { output.flush() }
    // SIGHUP is trapped before the server says it is serving, so a hang-up
    // sent as soon as the address is printed reloads instead of killing it.
    if configuration.handlesSignals {
      hangUps.sequence = await UnixSignalsSequence(trapping: .sighup)
    }
    try await group.run()
    logger.info("stopped")
  }

  deinit {
    // Connections closing after `run` returns may still use the loops, so
    // they stop only when the server itself goes.
    eventLoops?.shutdownGracefully { _ in }
  }

  /// Makes NIO's `workers` event loops Swift's global executor, so a request
  /// is read, scored and answered on one thread instead of hopping between
  /// the network threads and the concurrency pool. Only before any task has
  /// run; false when too late (the server then still works, on its own loops).
  public static func takeOverConcurrency(workers: Int) -> Bool {
    NIOSingletons.groupLoopCountSuggestion = max(1, workers)
    return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }

  /// What SIGTERM does: stop accepting, finish what is in flight, return from `run`.
  public func shutdown() async {
    state.markDraining()
    await group.triggerGracefulShutdown()
  }

  /// What SIGHUP does: reload every source, keeping the old models of any that fail.
  public func reload() {
    ModelReloader.reloadAll(sources: sources, store: store, metrics: metrics, logger: logger)
  }

  /// A sentence for an error that stopped the server, such as a port in use.
  public func describe(_ error: any Error) -> String {
    let place = "\(Self.hostForURL(configuration.host)):\(configuration.port)"
    if let io = error as? IOError {
      switch io.errnoCode {
      case EADDRINUSE:
        return "cannot listen on \(place): the address is in use (another server? try --port)"
      case EACCES:
        return "cannot listen on \(place): permission denied (ports below 1024 need privileges)"
      case EADDRNOTAVAIL:
        return "cannot listen on \(place): \(configuration.host) is not an address of this machine"
      default:
        return "cannot listen on \(place): \(String(cString: strerror(io.errnoCode)))"
      }
    }
    if error is SocketAddressError || error is SocketAddressError.UnknownHost {
      return "cannot listen on \(place): no such host \(configuration.host)"
    }
    return "\(error)"
  }

  /// `[::1]` for an IPv6 literal, as URLs need.
  static func hostForURL(_ host: String) -> String {
    host.contains(":") ? "[\(host)]" : host
  }
}

/// The SIGHUP signals, trapped by `run` before the services start.
final class HangUpSignals: @unchecked Sendable {
  private let lock = NSLock()
  private var _sequence: UnixSignalsSequence?
  var sequence: UnixSignalsSequence? {
    get { lock.withLock { _sequence } }
    set { lock.withLock { _sequence = newValue } }
  }
}

/// Whether the server is up and not yet shutting down, for `/readyz`.
final class ServerState: @unchecked Sendable {
  private let lock = NSLock()
  private var running = false
  private var draining = false

  var isReady: Bool { lock.withLock { running && !draining } }
  func markRunning() { lock.withLock { running = true } }
  func markDraining() { lock.withLock { draining = true } }
}
