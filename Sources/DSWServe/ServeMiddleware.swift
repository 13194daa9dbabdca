import DSWCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Wraps every request, routed or not: checks the bearer token, turns errors
/// into problem+json answers, and logs and counts the request.
///
/// The log line has the method, path, model, rows, status and duration;
/// never a header or a body value, which may be customer data.
struct ServeMiddleware: RouterMiddleware {
  typealias Context = ServeContext

  let tokenDigest: [UInt8]?
  let metrics: ServeMetrics
  let logger: Logger

  init(token: String?, metrics: ServeMetrics, logger: Logger) {
    tokenDigest = token.map { SHA256.hash(Array($0.utf8)) }
    self.metrics = metrics
    self.logger = logger
  }

  func handle(
    _ request: Request, context: ServeContext,
    next: (Request, ServeContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    let path = request.uri.path
    var response: Response
    if let tokenDigest, !Self.isOpen(path), !Self.authorized(request, digest: tokenDigest) {
      response = Self.problemResponse(.unauthorized, path: path)
      response.headers[.wwwAuthenticate] = "Bearer"
    } else {
      do {
        response = try await next(request, context)
      } catch let problem as Problem {
        response = Self.problemResponse(problem, path: path)
      } catch let error as HTTPError where error.status == .notFound {
        let allowed = Endpoints.allowedMethods(path)
        if allowed.isEmpty || allowed.contains(request.method) {
          response = Self.problemResponse(.notFound(path), path: path)
        } else {
          response = Self.problemResponse(.methodNotAllowed(request.method.rawValue), path: path)
          response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        }
      } catch {
        logger.error("unexpected error answering \(request.method) \(path): \(error)")
        response = Self.problemResponse(
          Problem(
            status: 500, kind: "internal", title: "Internal error",
            detail: "the server could not answer; see its log"), path: path)
      }
    }
    let duration = start.duration(to: .now)
    let status = response.status.code
    let model = context.notes.model
    let rows = context.notes.rows
    metrics.record(model: model ?? "", status: status, duration: duration, rows: rows)
    let (seconds, attoseconds) = duration.components
    let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    // The line is written whole rather than as metadata: no dictionary to
    // build and order for each request.
    var line = "\(request.method) \(SafePath.printable(path))"
    if let model { line += " model=\(model)" }
    if let rows { line += " rows=\(rows)" }
    line += " status=\(status) duration_ms=\((milliseconds * 1000).rounded() / 1000)"
    logger.info("\(line)")
    return response
  }

  /// The health checks answer without a token, for load balancers and probes.
  static func isOpen(_ path: String) -> Bool {
    path == "/healthz" || path == "/readyz"
  }

  /// Compares SHA-256 digests byte by byte without stopping early, so the
  /// time taken says nothing about how much of the token was right.
  static func authorized(_ request: Request, digest: [UInt8]) -> Bool {
    guard let header = request.headers[.authorization] else { return false }
    let prefix = "Bearer "
    guard header.count > prefix.count, header.hasPrefix(prefix) else { return false }
    let given = SHA256.hash(Array(header.utf8.dropFirst(prefix.utf8.count)))
    var difference: UInt8 = 0
    for (left, right) in zip(given, digest) { difference |= left ^ right }
    return difference == 0 && given.count == digest.count
  }

  static func problemResponse(_ problem: Problem, path: String) -> Response {
    Response(
      status: .init(code: problem.status),
      headers: [.contentType: Problem.contentType],
      body: .init(byteBuffer: ByteBuffer(bytes: problem.body(instance: path))))
  }
}

/// Request paths as they appear in the log: control characters escaped so a
/// crafted path cannot forge a log line.
enum SafePath {
  static func printable(_ path: String) -> String {
    if !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return path }
    var result = ""
    for scalar in path.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
