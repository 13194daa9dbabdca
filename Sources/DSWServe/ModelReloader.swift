import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads models on SIGHUP and when a watched model file is replaced.
///
/// A reload reads the source in full before anything is swapped, so the old
/// models answer until the new ones are ready and no request fails during
/// the swap. When the source cannot be read, the old models stay and the
/// log says why.
struct ModelReloader: Service {
  let sources: [ModelSource]
  let store: ModelStore
  let metrics: ServeMetrics
  let state: ServerState
  let logger: Logger
  let interval: Duration
  let hangUps: HangUpSignals

  func run() async throws {
    let stamps = StampBook(sources.map { $0.watchedPath.flatMap(FileStamp.init(path:)) })
    await withTaskGroup(of: Void.self) { group in
      if let signals = hangUps.sequence {
        group.addTask { [self] in
          for await _ in signals {
            logger.info("SIGHUP: reloading every model")
            await Self.offLoop {
              Self.reloadAll(sources: sources, store: store, metrics: metrics, logger: logger)
            }
          }
        }
      }
      group.addTask { [self] in
        while !Task.isCancelled {
          try? await Task.sleep(for: interval)
          for (index, source) in sources.enumerated() {
            guard let path = source.watchedPath else { continue }
            let now = FileStamp(path: path)
            guard now != stamps[index], now != nil else { continue }
            stamps[index] = now
            logger.info("\(path) changed: reloading")
            await Self.offLoop {
              Self.reload(index, sources: sources, store: store, metrics: metrics, logger: logger)
            }
          }
        }
      }
      try? await gracefulShutdown()
      state.markDraining()
      group.cancelAll()
    }
  }

  /// Runs a load (a notebook may take minutes) on a thread of its own, so
  /// the loops answering requests never wait for it.
  static func offLoop(_ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        work()
        continuation.resume()
      }
    }
  }

  static func reloadAll(
    sources: [ModelSource], store: ModelStore, metrics: ServeMetrics, logger: Logger
  ) {
    for index in sources.indices {
      reload(index, sources: sources, store: store, metrics: metrics, logger: logger)
    }
  }

  static func reload(
    _ index: Int, sources: [ModelSource], store: ModelStore, metrics: ServeMetrics,
    logger: Logger
  ) {
    let source = sources[index]
    do {
      let models = try source.load()
      try store.replace(slot: index, with: models)
      metrics.setModelCount(store.catalog.count)
      let names = models.map(\.reference).joined(separator: ", ")
      logger.info("reloaded \(names) from \(source.label)")
    } catch {
      logger.warning(
        "reload of \(source.label) failed, still serving the previous models: \(error)")
    }
  }
}

/// The last seen stamp of each watched file; only the polling task writes it.
private final class StampBook: @unchecked Sendable {
  private var stamps: [FileStamp?]
  init(_ stamps: [FileStamp?]) { self.stamps = stamps }
  subscript(index: Int) -> FileStamp? {
    get { stamps[index] }
    set { stamps[index] = newValue }
  }
}
