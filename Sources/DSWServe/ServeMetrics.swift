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
    let dimensions = [("model", model), ("status", String(status))]
    Counter(label: "dsw_serve_requests_total", dimensions: dimensions, factory: factory)
      .increment()
    CoreMetrics.Timer(
      label: "dsw_serve_request_duration_seconds", dimensions: dimensions, factory: factory
    ).recordNanoseconds(
      duration.components.seconds * 1_000_000_000 + duration.components.attoseconds
        / 1_000_000_000)
    if let rows, status == 200 {
      Counter(
        label: "dsw_serve_rows_scored_total", dimensions: [("model", model)], factory: factory
      )
      .increment(by: rows)
    }
  }

  /// How many models are served, after startup and each reload.
  func setModelCount(_ count: Int) {
    Gauge(label: "dsw_serve_models", factory: factory).record(count)
  }

  func text() -> [UInt8] {
    registry.emitToBuffer()
  }
}
