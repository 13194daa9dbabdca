import CoreMetrics
import Foundation
import Prometheus

/// Request counts, a latency histogram and rows scored, per model and status,
/// in Prometheus text for `GET /metrics`.
///
/// The metrics go through swift-metrics with this server's own Prometheus
/// factory rather than the process-wide one, so servers in one process (tests)
/// keep separate counts.
final class ServeMetrics: Sendable {
  private let registry = PrometheusCollectorRegistry()
  private let factory: PrometheusMetricsFactory
  /// The metrics of each model and status, made once: making one looks it up
  /// in the registry under a lock.
  private let cache = MetricCache()

  init() {
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
      .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .seconds(5),
    ]
    self.factory = factory
  }

  /// One answered request; `model` is `conv@1`, or "" when none was resolved.
  func record(model: String, status: Int, duration: Duration, rows: Int?) {
    let metrics = cache.metrics(model: model, status: status) {
      let dimensions = [("model", model), ("status", String(status))]
      return RequestMetrics(
        requests: CoreMetrics.Counter(
          label: "dsw_serve_requests_total", dimensions: dimensions, factory: factory),
        latency: CoreMetrics.Timer(
          label: "dsw_serve_request_duration_seconds", dimensions: dimensions, factory: factory),
        rows: CoreMetrics.Counter(
          label: "dsw_serve_rows_scored_total", dimensions: [("model", model)], factory: factory))
    }
    metrics.requests.increment()
    let (seconds, attoseconds) = duration.components
    metrics.latency.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    if let rows, status == 200 { metrics.rows.increment(by: rows) }
  }

  /// How many models are served, after startup and each reload.
  func setModelCount(_ count: Int) {
    Gauge(label: "dsw_serve_models", factory: factory).record(count)
  }

  func text() -> [UInt8] {
    registry.emitToBuffer()
  }
}

/// The metrics one model and status count into.
struct RequestMetrics: @unchecked Sendable {
  // swift-metrics' Counter and Timer are thread-safe classes not marked Sendable.
  var requests: CoreMetrics.Counter
  var latency: CoreMetrics.Timer
  var rows: CoreMetrics.Counter
}

/// Metrics by model and status, made on first use.
final class MetricCache: @unchecked Sendable {
  private let lock = NSLock()
  private var byKey: [String: RequestMetrics] = [:]

  func metrics(model: String, status: Int, make: () -> RequestMetrics) -> RequestMetrics {
    let key = "\(status) \(model)"
    lock.lock()
    defer { lock.unlock() }
    if let found = byKey[key] { return found }
    let made = make()
    byKey[key] = made
    return made
  }
}
