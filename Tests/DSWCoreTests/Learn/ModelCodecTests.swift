import Foundation
import Testing

@testable import DSWCore

@Suite struct ModelCodecTests {
  typealias Data = LearnTestData

  private func roundTrip(_ model: TrainedModel, scoring table: Table) throws {
    let bytes = ModelCodec.encode(model)
    let loaded = try ModelCodec.decode(bytes)
    #expect(loaded.fitted == model.fitted)
    #expect(loaded.features == model.features)
    #expect(loaded.metrics == model.metrics)
    #expect(loaded.parameters == model.parameters)
    #expect(loaded.holdout == nil)
    let before = try model.score(table)
    let after = try loaded.score(table)
    #expect(before.map(\.0) == after.map(\.0))
    for ((_, original), (_, reloaded)) in zip(before, after) {
      let left = Data.doubles(original).map(\.bitPattern)
      let right = Data.doubles(reloaded).map(\.bitPattern)
      #expect(left == right)
    }
    // Encoding is stable: a loaded model saves to the same bytes.
    #expect(ModelCodec.encode(loaded) == bytes)
  }

  @Test func gbtClassifierScoresIdenticallyAfterLoading() throws {
    var table = Data.regression(rows: 1500, seed: 21)
    let y = Data.doubles(try #require(table.column(named: "y")))
    table.set("high", Column(bools: y.map { $0 > 1 }))
    let model = try Data.train(
      "gbt", table,
      [Data.argument("target", Data.names("high")), Data.argument("exclude", Data.names("y"))])
    try roundTrip(model, scoring: table)
  }

  @Test func gbtWithMissingValuesScoresIdenticallyAfterLoading() throws {
    let table = Data.missingSignal(rows: 1000, seed: 22)
    try roundTrip(
      try Data.train("gbt", table, [Data.argument("target", Data.names("label"))]),
      scoring: table)
  }

  @Test func linearModelsAndKMeansScoreIdenticallyAfterLoading() throws {
    let fixture = try Data.fixture("linear.csv")
    try roundTrip(
      try Data.train(
        "linear", fixture,
        [Data.argument("target", Data.names("y")), Data.argument("exclude", Data.names("won"))]),
      scoring: fixture)
    try roundTrip(
      try Data.train(
        "logistic", fixture,
        [Data.argument("target", Data.names("won")), Data.argument("exclude", Data.names("y"))]),
      scoring: fixture)
    let blobs = Data.blobs(seed: 23)
    try roundTrip(
      try Data.train(
        "kmeans", blobs,
        [Data.argument("k", Data.integer(3)), Data.argument("exclude", Data.names("id"))]),
      scoring: blobs)
  }

  @Test func theFileIsDocumentedJSON() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 400, seed: 24),
      [Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(2))])
    let text = String(decoding: ModelCodec.encode(model), as: UTF8.self)
    for field in [
      "\"format\" : \"dsw-model\"", "\"version\" : 1", "\"algorithm\" : \"gbt\"",
      "\"task\" : \"binary classification\"", "\"upper_bounds\"", "\"missing_left\"",
      "\"initial_score\"", "\"positive\"",
    ] {
      #expect(text.contains(field), "missing \(field)")
    }
  }

  @Test(arguments: [
    ("[1, 2]", "not a valid dsw model file: wrong type at the top level"),
    ("{", "not a valid dsw model file: malformed JSON"),
    ("{\"format\": \"dsw-model\"}", "not a valid dsw model file: missing field \"version\""),
  ])
  func malformedFilesAreRejected(text: String, message: String) {
    let error = #expect(throws: Diagnostic.self) { try ModelCodec.decode(Array(text.utf8)) }
    #expect(error?.code == "M050")
    #expect(error?.message == message)
  }

  @Test func damagedTreesAreRejected() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 400, seed: 25),
      [Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(1))])
    let text = String(decoding: ModelCodec.encode(model), as: UTF8.self)
    let cases = [
      ("\"left\" : 1,", "\"left\" : 0,", "a tree node points outside its tree"),
      ("\"feature\" : 0,", "\"feature\" : 7,", "a split names an unknown feature"),
      (
        "\"version\" : 1", "\"version\" : 2",
        "format version 2 is not supported (this dsw reads version 1)"
      ),
    ]
    for (original, damaged, reason) in cases {
      #expect(text.contains(original), "the file has no \(original)")
      let error = #expect(throws: Diagnostic.self) {
        try ModelCodec.decode(Array(text.replacingOccurrences(of: original, with: damaged).utf8))
      }
      #expect(error?.message == "not a valid dsw model file: \(reason)")
    }
  }

  /// A class value that is a date past the engine's range would trap when
  /// the model is shown, so the file is refused.
  @Test func aDatePastTheEnginesRangeIsRejected() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 400, seed: 25),
      [Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(1))])
    let text = String(decoding: ModelCodec.encode(model), as: UTF8.self)
    let damaged = text.replacingOccurrences(
      of: #""positive" : \{[^}]*\}"#,
      with: #""positive" : {"type": "date", "value": 9223372036854775807}"#,
      options: .regularExpression)
    #expect(damaged != text)
    let error = #expect(throws: Diagnostic.self) { try ModelCodec.decode(Array(damaged.utf8)) }
    #expect(error?.message == "not a valid dsw model file: bad value at positive.value")
  }

  @Test func evaluatingALoadedModelReportsStoredMetrics() throws {
    let model = try Data.train(
      "gbt", Data.xor(rows: 400, seed: 26), [Data.argument("target", Data.names("label"))])
    let loaded = try ModelCodec.decode(ModelCodec.encode(model))
    let outputs = Evaluation.evaluate(loaded, name: "conv")
    #expect(
      outputs.first
        == .text(
          "This model was loaded from a file, which keeps no holdout rows: "
            + "the metrics are those measured on the holdout at training."))
    guard case .metrics(let metrics) = outputs[1] else {
      Issue.record("no metrics")
      return
    }
    #expect(metrics.metrics == model.metrics)
  }
}
