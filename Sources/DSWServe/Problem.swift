import DSWCore

/// An error answer in the RFC 9457 `application/problem+json` form.
///
/// `type` is a `urn:dsw:problem:…` name a client can switch on; `detail` is
/// the sentence a person reads. Bad rows also carry `row` (0-based, in request
/// order) and `field`; an unknown model carries the nearest `suggestion`.
/// Details never quote a feature value: they are customer data.
struct Problem: Error, Sendable, Equatable {
  var status: Int
  var kind: String
  var title: String
  var detail: String
  var extensions: [String: JSONValue] = [:]

  static let contentType = "application/problem+json"

  /// The JSON body; `instance` is the request path.
  func body(instance: String) -> [UInt8] {
    var object = extensions
    object["type"] = .string("urn:dsw:problem:\(kind)")
    object["title"] = .string(title)
    object["status"] = .int(Int64(status))
    object["detail"] = .string(detail)
    object["instance"] = .string(instance)
    return Array(JSONWriter.compact(.object(object)).utf8)
  }
}

extension Problem {
  // MARK: 400

  static func malformedJSON(_ diagnostic: Diagnostic) -> Problem {
    var location = ""
    if let span = diagnostic.span { location = " at line \(span.line), column \(span.column)" }
    return Problem(
      status: 400, kind: "malformed-json", title: "Malformed JSON",
      detail: "the body is not valid JSON\(location): \(diagnostic.message)")
  }

  static func badShape(_ detail: String) -> Problem {
    Problem(status: 400, kind: "bad-request", title: "Bad request", detail: detail)
  }

  // MARK: 401

  static let unauthorized = Problem(
    status: 401, kind: "unauthorized", title: "Unauthorized",
    detail: "this server needs an `Authorization: Bearer <token>` header with the right token")

  // MARK: 404

  static func unknownModel(_ name: String, suggestion: String?) -> Problem {
    var problem = Problem(
      status: 404, kind: "unknown-model", title: "Unknown model",
      detail: "no model is served as `\(name)`"
        + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
    problem.extensions["model"] = .string(name)
    if let suggestion { problem.extensions["suggestion"] = .string(suggestion) }
    return problem
  }

  static func unknownVersion(_ name: String, version: Int, known: [Int]) -> Problem {
    var problem = Problem(
      status: 404, kind: "unknown-version", title: "Unknown model version",
      detail: "`\(name)` has no version \(version); served versions: "
        + known.map(String.init).joined(separator: ", "))
    problem.extensions["model"] = .string(name)
    problem.extensions["versions"] = .array(known.map { .int(Int64($0)) })
    return problem
  }

  static func badVersion(_ segment: String) -> Problem {
    Problem(
      status: 404, kind: "unknown-version", title: "Unknown model version",
      detail: "`\(segment)` is not NAME or NAME@VERSION with a version of 1 or more")
  }

  static func notFound(_ path: String) -> Problem {
    Problem(
      status: 404, kind: "not-found", title: "Not found",
      detail: "nothing is served at \(path); see /openapi.json for the endpoints")
  }

  static func methodNotAllowed(_ method: String) -> Problem {
    Problem(
      status: 405, kind: "method-not-allowed", title: "Method not allowed",
      detail: "\(method) is not allowed here; see /openapi.json for the endpoints")
  }

  // MARK: 413

  static func bodyTooLarge(limit: Int) -> Problem {
    var problem = Problem(
      status: 413, kind: "body-too-large", title: "Body too large",
      detail: "the body is over the limit of \(limit) bytes (--max-body)")
    problem.extensions["limit"] = .int(Int64(limit))
    return problem
  }

  static func tooManyRows(_ count: Int, limit: Int) -> Problem {
    var problem = Problem(
      status: 413, kind: "too-many-rows", title: "Too many rows",
      detail: "the request has \(count) rows; the limit is \(limit) (--max-rows)")
    problem.extensions["limit"] = .int(Int64(limit))
    return problem
  }

  // MARK: 422

  /// A bad row or column; `row` is nil for the columns form's whole-column errors.
  static func badRow(
    _ kind: String, title: String, detail: String, row: Int?, field: String,
    suggestion: String? = nil
  ) -> Problem {
    var problem = Problem(status: 422, kind: kind, title: title, detail: detail)
    if let row { problem.extensions["row"] = .int(Int64(row)) }
    problem.extensions["field"] = .string(field)
    if let suggestion { problem.extensions["suggestion"] = .string(suggestion) }
    return problem
  }

  // MARK: 503

  static let shuttingDown = Problem(
    status: 503, kind: "shutting-down", title: "Shutting down",
    detail: "the server is shutting down")
}
