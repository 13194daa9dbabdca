import DSWCore
import Foundation
import Hummingbird
import NIOCore

/// The service's endpoints, registered on a Hummingbird router.
struct Endpoints: Sendable {
  let store: ModelStore
  let configuration: ServeConfiguration
  let metrics: ServeMetrics
  let state: ServerState

  func register(on router: Router<ServeContext>) {
    router.get("/healthz") { _, _ in json(.object(["status": .string("ok")])) }
    router.get("/readyz") { _, _ in
      guard state.isReady else { throw Problem.shuttingDown }
      return json(.object(["status": .string("ready")]))
    }
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: metrics.text())))
    }
    router.get("/openapi.json") { _, _ in
      json(OpenAPIDocument.build(store.catalog, configuration: configuration))
    }
    router.get("/v1/models") { _, _ in json(ModelDescription.list(store.catalog)) }
    router.get("/v1/models/:model") { _, context in
      let segment = context.parameters.get("model") ?? ""
      let catalog = store.catalog
      let served = try catalog.resolve(segment)
      context.notes.model = served.reference
      let versions =
        segment.contains("@") ? [served] : catalog.versions(of: served.name)
      return json(ModelDescription.entry(versions))
    }
    router.post("/v1/models/:model/score") { request, context in
      try await score(request, context: context)
    }
  }

  private func score(_ request: Request, context: ServeContext) async throws -> Response {
    let served = try store.catalog.resolve(context.parameters.get("model") ?? "")
    context.notes.model = served.reference
    let limit = configuration.maxBodyBytes
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      throw Problem.bodyTooLarge(limit: limit)
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw Problem.bodyTooLarge(limit: limit)
    }
    let maxRows = configuration.maxRows
    let answer = try buffer.withUnsafeReadableBytes { body throws(Problem) in
      try Scorer.score(body, with: served, maxRows: maxRows)
    }
    context.notes.rows = answer.rowCount
    return Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
  }

  /// The methods a path answers to; empty for a path that is not an endpoint.
  static func allowedMethods(_ path: String) -> [HTTPRequest.Method] {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    switch parts.count {
    case 2 where ["healthz", "readyz", "metrics", "openapi.json"].contains(parts[1]):
      return [.get]
    case 3 where parts[1] == "v1" && parts[2] == "models": return [.get]
    case 4 where parts[1] == "v1" && parts[2] == "models" && !parts[3].isEmpty: return [.get]
    case 5 where parts[1] == "v1" && parts[2] == "models" && parts[4] == "score": return [.post]
    default: return []
    }
  }
}

private func json(_ value: JSONValue) -> Response {
  Response(
    status: .ok, headers: [.contentType: "application/json"],
    body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(value))))
}
