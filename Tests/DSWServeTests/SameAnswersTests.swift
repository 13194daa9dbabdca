import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// The server's answers equal, bit for bit, what `score` gives in the
/// notebook, for every model the shipped notebooks train.
@Suite struct SameAnswersTests {
  static let notebooksFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("notebooks")

  /// The shipped notebooks that train models.
  static let notebooks = ["propensity", "churn", "clv"]

  /// Runs a shipped notebook in memory, smaller than shipped so the test is quick.
  static func run(_ name: String) throws -> Session {
    let bytes = try Data(contentsOf: notebooksFolder.appendingPathComponent("\(name).dswnb"))
    let notebook = try NotebookCodec.decode(bytes: Array(bytes))
    let session = Session()
    session.parameterOverrides = ["users": "3000"]
    var failure: Diagnostic?
    _ = NotebookRunner(session: session, clock: { 0 }).run(notebook) { report in
      if failure == nil { failure = report.error }
    }
    if let failure { throw TestModels.TrainingFailed(diagnostic: failure) }
    return session
  }

  @Test func shippedNotebooksTrainEveryKindOfSupervisedModel() throws {
    let trained = try Self.notebooks.flatMap { TestModels.served(try Self.run($0)).map(\.name) }
    #expect(Set(trained) == ["conv", "conv_lr", "churn", "clv_linear", "clv"])
  }

  @Test(arguments: notebooks)
  func servedScoresEqualTheNotebooks(notebook: String) async throws {
    let session = try Self.run(notebook)
    let served = TestModels.served(session, origin: notebook)
    let server = try await TestServer.start([
      ModelSource(label: notebook, watchedPath: nil) { served }
    ])
    do {
      for model in served { try await Self.check(model, session: session, server: server) }
    } catch {
      try await server.stop()
      throw error
    }
    try await server.stop()
  }

  /// Scores the model's whole training table in the notebook and over HTTP.
  static func check(_ model: ServedModel, session: Session, server: TestServer) async throws {
    // The table the model learned from: the dataset holding its target and features.
    let names = model.model.features.map(\.name) + [model.model.target ?? ""]
    let dataset = try #require(
      session.datasetOrder.first { name in
        let schema = session.datasets[name]?.schema
        return names.allSatisfy { schema?.index(of: $0) != nil }
      })
    let run = session.run("let served_check = from \(dataset) | score \(model.reference)")
    if let error = run.error { throw TestModels.TrainingFailed(diagnostic: error) }
    let expected = try #require(session.datasets["served_check"]?.table)
    let table = try #require(session.datasets[dataset]?.table)
    let features = model.model.features.map(\.name)
    let body =
      "{\"rows\":["
      + (0..<table.rowCount).map { TestModels.rowJSON(table, row: $0, features: features) }
      .joined(separator: ",") + "]}"
    let reply = try await server.client.postAsync(
      "/v1/models/\(model.reference)/score", json: body)
    #expect(reply.status == 200, "\(model.reference): \(reply.text.prefix(300))")
    let answer = try reply.json()
    let scores = try #require(answer["scores"] as? [Double])
    try #require(scores.count == table.rowCount)
    var differing = 0
    for row in 0..<table.rowCount {
      guard case .double(let notebookScore) = expected.column(named: "score")?.value(at: row),
        notebookScore.bitPattern == scores[row].bitPattern
      else {
        differing += 1
        continue
      }
    }
    #expect(differing == 0, "\(model.reference): \(differing) of \(table.rowCount) scores differ")
    if model.model.task == .binaryClassification {
      let deciles = try #require(answer["deciles"] as? [Int])
      #expect(
        deciles.map { Value.int(Int64($0)) }
          == (0..<table.rowCount).map { expected.column(named: "decile")?.value(at: $0) ?? .null }
      )
    }
  }
}
