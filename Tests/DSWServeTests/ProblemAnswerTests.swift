import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// Every error answer, with its exact RFC 9457 body.
@Suite struct ProblemAnswerTests {
  static let goodRow =
    "{\"loyaltyTier\":\"gold\",\"loyaltyPoints\":1200,\"points\":1800.0,\"gold\":true,"
    + "\"signupDate\":\"2023-05-01\",\"seen\":\"2024-01-02T10:30:00Z\",\"country\":\"US\"}"

  static func problem(
    _ reply: HTTPTestClient.Reply, status: Int
  ) throws -> String {
    #expect(reply.status == status)
    #expect(reply.headers["content-type"] == "application/problem+json")
    return reply.text
  }

  @Test func malformedJSONIs400WithWhere() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let reply = try await server.client.postAsync("/v1/models/m/score", json: "{\"rows\": [1,}")
      #expect(
        try Self.problem(reply, status: 400)
          == #"{"detail":"the body is not valid JSON at line 1, column 13: expected a JSON value, found '}'","instance":"/v1/models/m/score","status":400,"title":"Malformed JSON","type":"urn:dsw:problem:malformed-json"}"#
      )
      let empty = try await server.client.postAsync("/v1/models/m/score", json: "")
      #expect(
        try Self.problem(empty, status: 400)
          == #"{"detail":"the body is not valid JSON at line 1, column 1: the file is empty","instance":"/v1/models/m/score","status":400,"title":"Malformed JSON","type":"urn:dsw:problem:malformed-json"}"#
      )
    }
  }

  @Test func wrongShapesAre400() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let cases: [(String, String)] = [
        ("[]", "the body must be a JSON object with \\\"rows\\\" or \\\"columns\\\", not an array"),
        ("{}", "the body must hold \\\"rows\\\" or \\\"columns\\\""),
        ("{\"rows\":[],\"columns\":{}}", "give \\\"rows\\\" or \\\"columns\\\", not both"),
        (
          "{\"data\":[]}",
          "unknown key \\\"data\\\"; the body holds \\\"rows\\\" or \\\"columns\\\""
        ),
        ("{\"rows\":{}}", "\\\"rows\\\" must be an array of objects, not an object"),
        ("{\"rows\":[1]}", "row 0 must be an object, not an integer"),
        ("{\"columns\":[]}", "\\\"columns\\\" must be an object of arrays, not an array"),
      ]
      for (body, detail) in cases {
        let reply = try await server.client.postAsync("/v1/models/m/score", json: body)
        #expect(
          try Self.problem(reply, status: 400)
            == "{\"detail\":\"\(detail)\",\"instance\":\"/v1/models/m/score\",\"status\":400,\"title\":\"Bad request\",\"type\":\"urn:dsw:problem:bad-request\"}"
        )
      }
    }
  }

  @Test func unknownModelIs404WithTheNearestName() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let reply = try await server.client.postAsync("/v1/models/mm/score", json: "{\"rows\":[]}")
      #expect(
        try Self.problem(reply, status: 404)
          == #"{"detail":"no model is served as `mm`; did you mean `m`?","instance":"/v1/models/mm/score","model":"mm","status":404,"suggestion":"m","title":"Unknown model","type":"urn:dsw:problem:unknown-model"}"#
      )
      let far = try await server.client.getAsync("/v1/models/propensity")
      #expect(
        try Self.problem(far, status: 404)
          == #"{"detail":"no model is served as `propensity`","instance":"/v1/models/propensity","model":"propensity","status":404,"title":"Unknown model","type":"urn:dsw:problem:unknown-model"}"#
      )
      let version = try await server.client.postAsync("/v1/models/m@3/score", json: "{\"rows\":[]}")
      #expect(
        try Self.problem(version, status: 404)
          == #"{"detail":"`m` has no version 3; served versions: 1","instance":"/v1/models/m@3/score","model":"m","status":404,"title":"Unknown model version","type":"urn:dsw:problem:unknown-version","versions":[1]}"#
      )
      let bad = try await server.client.postAsync("/v1/models/m@x/score", json: "{\"rows\":[]}")
      #expect(
        try Self.problem(bad, status: 404)
          == #"{"detail":"`m@x` is not NAME or NAME@VERSION with a version of 1 or more","instance":"/v1/models/m@x/score","status":404,"title":"Unknown model version","type":"urn:dsw:problem:unknown-version"}"#
      )
      let nowhere = try await server.client.getAsync("/v2/things")
      #expect(
        try Self.problem(nowhere, status: 404)
          == #"{"detail":"nothing is served at /v2/things; see /openapi.json for the endpoints","instance":"/v2/things","status":404,"title":"Not found","type":"urn:dsw:problem:not-found"}"#
      )
      let method = try await server.client.sendAsync("DELETE", "/v1/models/m")
      #expect(method.headers["allow"] == "GET")
      #expect(
        try Self.problem(method, status: 405)
          == #"{"detail":"DELETE is not allowed here; see /openapi.json for the endpoints","instance":"/v1/models/m","status":405,"title":"Method not allowed","type":"urn:dsw:problem:method-not-allowed"}"#
      )
    }
  }

  @Test func badRowsAre422NamingRowAndField() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let good = Self.goodRow
      let missing = good.replacingOccurrences(of: ",\"country\":\"US\"", with: "")
      let unknown = good.replacingOccurrences(of: "\"points\"", with: "\"pionts\"")
      let wrongNumber = good.replacingOccurrences(of: "1200", with: "\"1200\"")
      let wrongBool = good.replacingOccurrences(of: "true", with: "1")
      let wrongDate = good.replacingOccurrences(of: "\"2023-05-01\"", with: "\"May 1st\"")
      let wrongString = good.replacingOccurrences(of: "\"US\"", with: "7")
      let cases: [(String, String)] = [
        (
          missing,
          #"{"detail":"row 2 has no `country`; every feature is needed (null for a missing value)","field":"country","instance":"/v1/models/m/score","row":2,"status":422,"title":"Missing feature","type":"urn:dsw:problem:missing-feature"}"#
        ),
        (
          unknown,
          #"{"detail":"row 2 has `pionts`, which is not a feature of the model; did you mean `points`?","field":"pionts","instance":"/v1/models/m/score","row":2,"status":422,"suggestion":"points","title":"Unknown feature","type":"urn:dsw:problem:unknown-feature"}"#
        ),
        (
          wrongNumber,
          #"{"detail":"row 2: `loyaltyPoints` must be a number or null, not a string","field":"loyaltyPoints","instance":"/v1/models/m/score","row":2,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
        (
          wrongBool,
          #"{"detail":"row 2: `gold` must be true or false or null, not an integer","field":"gold","instance":"/v1/models/m/score","row":2,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
        (
          wrongDate,
          #"{"detail":"row 2: `signupDate` must be a date written as \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM:SS\"","field":"signupDate","instance":"/v1/models/m/score","row":2,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
        (
          wrongString,
          #"{"detail":"row 2: `country` must be a string or null, not an integer","field":"country","instance":"/v1/models/m/score","row":2,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
      ]
      for (bad, expected) in cases {
        let reply = try await server.client.postAsync(
          "/v1/models/m/score", json: "{\"rows\":[\(good),\(good),\(bad)]}")
        #expect(try Self.problem(reply, status: 422) == expected)
      }
    }
  }

  @Test func badColumnsAre422NamingTheField() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let full =
        "\"loyaltyTier\":[\"gold\",\"silver\"],\"loyaltyPoints\":[1,2],\"points\":[1.5,3],"
        + "\"gold\":[true,false],\"signupDate\":[\"2023-05-01\",null],\"seen\":[null,null]"
      let cases: [(String, String)] = [
        (
          "{\"columns\":{\(full)}}",
          #"{"detail":"the columns have no `country`; every feature is needed (null for a missing value)","field":"country","instance":"/v1/models/m/score","status":422,"title":"Missing feature","type":"urn:dsw:problem:missing-feature"}"#
        ),
        (
          "{\"columns\":{\(full),\"country\":[\"US\"]}}",
          #"{"detail":"column `country` has 1 values; `loyaltyTier` has 2","field":"country","instance":"/v1/models/m/score","status":422,"title":"Columns of different lengths","type":"urn:dsw:problem:column-length"}"#
        ),
        (
          "{\"columns\":{\(full),\"country\":\"US\"}}",
          #"{"detail":"column `country` must be an array, not a string","field":"country","instance":"/v1/models/m/score","status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
        (
          "{\"columns\":{\(full),\"country\":[\"US\",false]}}",
          #"{"detail":"row 1: `country` must be a string or null, not a boolean","field":"country","instance":"/v1/models/m/score","row":1,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
        (
          "{\"columns\":{\(full),\"country\":[\"US\",\"FR\"],\"age\":[1,2]}}",
          #"{"detail":"the columns have `age`, which is not a feature of the model","field":"age","instance":"/v1/models/m/score","status":422,"title":"Unknown feature","type":"urn:dsw:problem:unknown-feature"}"#
        ),
      ]
      for (body, expected) in cases {
        let reply = try await server.client.postAsync("/v1/models/m/score", json: body)
        #expect(try Self.problem(reply, status: 422) == expected)
      }
    }
  }

  @Test func oversizedBodiesAndTooManyRowsAre413() async throws {
    try await ScoringEndpointTests.withServer(configure: {
      $0.maxBodyBytes = 4096
      $0.maxRows = 3
    }) { server, _ in
      let big = "{\"rows\":[" + String(repeating: "{},", count: 2000) + "{}]}"
      let reply = try await server.client.postAsync("/v1/models/m/score", json: big)
      #expect(
        try Self.problem(reply, status: 413)
          == #"{"detail":"the body is over the limit of 4096 bytes (--max-body)","instance":"/v1/models/m/score","limit":4096,"status":413,"title":"Body too large","type":"urn:dsw:problem:body-too-large"}"#
      )
      // Without a Content-Length the limit holds while the body streams in.
      let chunked = try await offPool { [port = server.port] in
        let connection = try Connection(port: port)
        defer { connection.close() }
        var head = "POST /v1/models/m/score HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        head += "Transfer-Encoding: chunked\r\n\r\n"
        try connection.write(Array(head.utf8))
        let piece = String(repeating: "x", count: 1000)
        for _ in 0..<6 {
          try connection.write(Array("\(String(1000, radix: 16))\r\n\(piece)\r\n".utf8))
        }
        try connection.write(Array("0\r\n\r\n".utf8))
        return try HTTPTestClient.parse(connection.readToEnd())
      }
      #expect(chunked.status == 413)
      let rows = "{\"rows\":[\(Self.goodRow),\(Self.goodRow),\(Self.goodRow),\(Self.goodRow)]}"
      let tooMany = try await server.client.postAsync("/v1/models/m/score", json: rows)
      #expect(
        try Self.problem(tooMany, status: 413)
          == #"{"detail":"the request has 4 rows; the limit is 3 (--max-rows)","instance":"/v1/models/m/score","limit":3,"status":413,"title":"Too many rows","type":"urn:dsw:problem:too-many-rows"}"#
      )
      let columns = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"columns\":{\"loyaltyTier\":[1,2,3,4]}}")
      #expect(columns.status == 413)
    }
  }

  @Test func tokenIsRequiredEverywhereButHealthChecks() async throws {
    try await ScoringEndpointTests.withServer(configure: { $0.token = "s3cret-token" }) {
      server, _ in
      let expected =
        #"{"detail":"this server needs an `Authorization: Bearer <token>` header with the right token","instance":"/v1/models","status":401,"title":"Unauthorized","type":"urn:dsw:problem:unauthorized"}"#
      let missing = try await server.client.getAsync("/v1/models")
      #expect(try Self.problem(missing, status: 401) == expected)
      #expect(missing.headers["www-authenticate"] == "Bearer")
      for header in [
        "Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-token2", "s3cret-token", "Bearer ",
      ] {
        let wrong = try await server.client.getAsync(
          "/v1/models", headers: ["Authorization": header])
        #expect(wrong.status == 401, "\(header)")
      }
      let right = try await server.client.getAsync(
        "/v1/models", headers: ["Authorization": "Bearer s3cret-token"])
      #expect(right.status == 200)
      for path in ["/metrics", "/openapi.json", "/v1/models/m"] {
        #expect(try await server.client.getAsync(path).status == 401)
      }
      let score = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"rows\":[\(Self.goodRow)]}")
      #expect(score.status == 401)
      #expect(try await server.client.getAsync("/healthz").status == 200)
      #expect(try await server.client.getAsync("/readyz").status == 200)
    }
  }

  @Test(arguments: [
    "{\"rows\":[" + String(repeating: "[", count: 600) + "]}",
    "{\"rows\":[{\"loyaltyPoints\":1e999}]}",
    "{\"rows\":[{\"loyaltyTier\":\"\\ud800\"}]}",
    "\u{FEFF}{}",
    "{\"rows\":[{\"loyaltyTier\":\"a\",\"loyaltyTier\":\"b\"}]}",
    "{\"rows\":[{\"loyaltyPoints\":123456789012345678901234567890}]}",
  ])
  func hostileBodiesNeverCrash(body: String) async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let reply = try await server.client.postAsync("/v1/models/m/score", json: body)
      #expect([400, 422].contains(reply.status))
      #expect(try await server.client.getAsync("/healthz").status == 200)
    }
  }
}
