import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// Every endpoint and every error, over HTTP against a running server.
@Suite struct ScoringEndpointTests {
  static func withServer(
    configure: (inout ServeConfiguration) -> Void = { _ in },
    _ body: (TestServer, Session) async throws -> Void
  ) async throws {
    let session = try TestModels.session()
    let models = TestModels.served(session)
    let server = try await TestServer.start(
      [ModelSource(label: "test", watchedPath: nil) { models }], configure: configure)
    do {
      try await body(server, session)
    } catch {
      try await server.stop()
      throw error
    }
    try await server.stop()
  }

  static let features = [
    "loyaltyTier", "loyaltyPoints", "points", "gold", "signupDate", "seen", "country",
  ]

  static func rows(_ session: Session, _ range: Range<Int>, features: [String] = features) throws
    -> String
  {
    let table = try #require(session.datasets["f"]?.table)
    return "{\"rows\":["
      + range.map { TestModels.rowJSON(table, row: $0, features: features) }.joined(separator: ",")
      + "]}"
  }

  /// What `score` gives in the session for the first `count` rows of `f`.
  static func notebookScores(_ session: Session, model: String, count: Int) throws -> Table {
    let run = session.run("let scored = from f | take \(count) | score \(model)")
    if let error = run.error { throw TestModels.TrainingFailed(diagnostic: error) }
    return try #require(session.datasets["scored"]?.table)
  }

  @Test func classifierAnswersScoresAndDecilesInRowOrder() async throws {
    try await Self.withServer { server, session in
      let reply = try await server.client.postAsync(
        "/v1/models/m/score", json: try Self.rows(session, 0..<25))
      #expect(reply.status == 200)
      #expect(reply.headers["content-type"] == "application/json")
      let answer = try reply.json()
      #expect(answer["model"] as? String == "m")
      #expect(answer["version"] as? Int == 1)
      let expected = try Self.notebookScores(session, model: "m", count: 25)
      let scores = try #require(answer["scores"] as? [Double])
      let deciles = try #require(answer["deciles"] as? [Int])
      #expect(scores.count == 25)
      for row in 0..<25 {
        #expect(expected.column(named: "score")?.value(at: row) == .double(scores[row]))
        #expect(expected.column(named: "decile")?.value(at: row) == .int(Int64(deciles[row])))
      }
    }
  }

  @Test func regressionAndKMeansAnswerTheirOwnFields() async throws {
    try await Self.withServer { server, session in
      let regressionFeatures = try session.models.resolve(name: "r").features.map(\.name)
      #expect(!regressionFeatures.contains("points"))
      let regression = try await server.client.postAsync(
        "/v1/models/r@1/score", json: try Self.rows(session, 0..<5, features: regressionFeatures))
      #expect(regression.status == 200)
      let answer = try regression.json()
      #expect(Set(answer.keys) == ["model", "version", "scores"])
      let expected = try Self.notebookScores(session, model: "r", count: 5)
      let scores = try #require(answer["scores"] as? [Double])
      #expect(
        (0..<5).map { expected.column(named: "score")?.value(at: $0) } == scores.map { .double($0) }
      )

      let clusters = try await server.client.postAsync(
        "/v1/models/k/score", json: try Self.rows(session, 0..<5))
      #expect(clusters.status == 200)
      let kmeans = try clusters.json()
      #expect(Set(kmeans.keys) == ["model", "version", "scores", "distances"])
      let assigned = try Self.notebookScores(session, model: "k", count: 5)
      #expect(
        (0..<5).map { assigned.column(named: "score")?.value(at: $0) }
          == (kmeans["scores"] as? [Int] ?? []).map { .int(Int64($0)) })
      #expect(
        (0..<5).map { assigned.column(named: "distance")?.value(at: $0) }
          == (kmeans["distances"] as? [Double] ?? []).map { .double($0) })
    }
  }

  @Test func columnsFormAnswersLikeRowsForm() async throws {
    try await Self.withServer { server, session in
      let table = try #require(session.datasets["f"]?.table)
      let columns = Self.features.map { name in
        JSONWriter.quoted(name) + ":["
          + (0..<10).map { JSONCell.text(table.column(named: name), row: $0) }.joined(
            separator: ",") + "]"
      }
      let byColumns = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"columns\":{" + columns.joined(separator: ",") + "}}")
      let byRows = try await server.client.postAsync(
        "/v1/models/m/score", json: try Self.rows(session, 0..<10))
      #expect(byColumns.status == 200)
      #expect(byColumns.text == byRows.text)
    }
  }

  @Test func nullIsAMissingValue() async throws {
    try await Self.withServer { server, _ in
      let row =
        "{\"loyaltyTier\":null,\"loyaltyPoints\":null,\"points\":null,\"gold\":null,"
        + "\"signupDate\":null,\"seen\":null,\"country\":\"Atlantis\"}"
      let reply = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"rows\":[\(row)]}")
      #expect(reply.status == 200)
      #expect((try reply.json()["scores"] as? [Double])?.count == 1)
      let empty = try await server.client.postAsync("/v1/models/m/score", json: "{\"rows\":[]}")
      #expect(empty.text == "{\"model\":\"m\",\"version\":1,\"scores\":[],\"deciles\":[]}")
    }
  }

  @Test func modelListingDescribesEveryVersion() async throws {
    try await Self.withServer { server, _ in
      let list = try await server.client.getAsync("/v1/models")
      #expect(list.status == 200)
      let models = try #require(try list.json()["models"] as? [[String: Any]])
      #expect(models.map { $0["name"] as? String } == ["m", "r", "k"])
      let one = try await server.client.getAsync("/v1/models/m")
      let entry = try one.json()
      #expect(entry["latest"] as? Int == 1)
      let version = try #require((entry["versions"] as? [[String: Any]])?.first)
      #expect(version["task"] as? String == "binary classification")
      #expect(version["algorithm"] as? String == "gbt")
      #expect(version["trained_at"] as? String == "2024-12-05T12:00:00Z")
      #expect(version["training_rows"] as? Int == 320)
      #expect(
        (version["metrics"] as? [String: Any])?["auc"] != nil
          || (version["metrics"] as? [String: Any])?["AUC"] != nil)
      let features = try #require(version["features"] as? [[String: Any]])
      #expect(
        features.map { "\($0["name"] ?? "")/\($0["type"] ?? "")" } == [
          "loyaltyTier/string", "loyaltyPoints/int", "points/double", "gold/bool",
          "signupDate/date", "seen/timestamp", "country/string",
        ])
      let pinned = try await server.client.getAsync("/v1/models/m@1")
      #expect(pinned.status == 200)
    }
  }

  @Test func healthReadinessMetricsAndOpenAPI() async throws {
    try await Self.withServer { server, session in
      #expect(try await server.client.getAsync("/healthz").text == "{\n  \"status\": \"ok\"\n}\n")
      #expect(try await server.client.getAsync("/readyz").status == 200)
      _ = try await server.client.postAsync(
        "/v1/models/m/score", json: try Self.rows(session, 0..<3))
      _ = try await server.client.postAsync("/v1/models/nope/score", json: "{}")
      let metrics = try await server.client.getAsync("/metrics")
      #expect(metrics.status == 200)
      #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
      #expect(metrics.text.contains("dsw_serve_requests_total{model=\"m@1\",status=\"200\"} 1"))
      #expect(metrics.text.contains("dsw_serve_requests_total{model=\"\",status=\"404\"} 1"))
      #expect(metrics.text.contains("dsw_serve_rows_scored_total{model=\"m@1\"} 3"))
      #expect(
        metrics.text.contains(
          "dsw_serve_request_duration_seconds_count{model=\"m@1\",status=\"200\"} 1"))
      #expect(metrics.text.contains("dsw_serve_models 3"))

      let document = try await server.client.getAsync("/openapi.json").json()
      #expect(document["openapi"] as? String == "3.1.0")
      let paths = try #require(document["paths"] as? [String: Any])
      #expect(
        Set(paths.keys).isSuperset(of: [
          "/healthz", "/readyz", "/metrics", "/openapi.json", "/v1/models", "/v1/models/{model}",
          "/v1/models/{model}/score", "/v1/models/m/score", "/v1/models/m@1/score",
          "/v1/models/k/score",
        ]))
      let schemas = try #require(
        (document["components"] as? [String: Any])?["schemas"] as? [String: Any])
      let row = try #require(schemas["m_1Row"] as? [String: Any])
      #expect((row["required"] as? [String])?.count == 7)
      #expect(row["additionalProperties"] as? Bool == false)
    }
  }

  @Test func requestLinesNameTheModelAndNeverAValue() async throws {
    try await Self.withServer { server, session in
      _ = try await server.client.postAsync(
        "/v1/models/m/score", json: try Self.rows(session, 0..<4))
      _ = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"rows\":[{\"loyaltyTier\":\"SECRET-VALUE\"}]}")
      try await Task.sleep(for: .milliseconds(20))
      let lines = server.log.messages
      #expect(lines.first?.hasPrefix("serving 3 models on http://127.0.0.1:") == true)
      #expect(
        lines.contains { $0.hasPrefix("  m@1  gbt, binary classification, 7 features  (test)") })
      let requests = lines.filter { $0.hasPrefix("POST ") }
      #expect(requests.count == 2)
      #expect(
        requests.first?.hasPrefix(
          "POST /v1/models/m/score model=m@1 rows=4 status=200 duration_ms=") == true)
      #expect(
        requests.last?.hasPrefix("POST /v1/models/m/score model=m@1 status=422 duration_ms=")
          == true)
      #expect(!server.log.all.joined().contains("SECRET"))
      #expect(!server.log.all.joined().contains("gold\""))
    }
  }
}
