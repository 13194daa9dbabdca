import Testing

@testable import DSWCore

@Suite struct ModelRegistryTests {
  typealias Data = LearnTestData

  private func model(seed: UInt64) throws -> TrainedModel {
    try Data.train(
      "logistic", Data.xor(rows: 300, seed: seed), [Data.argument("target", Data.names("label"))])
  }

  @Test func trainingANameAgainMakesANewVersion() throws {
    var registry = ModelRegistry()
    #expect(registry.register(name: "conv", model: try model(seed: 1)) == 1)
    #expect(registry.register(name: "conv", model: try model(seed: 2)) == 2)
    #expect(registry.register(name: "churn", model: try model(seed: 3)) == 1)
    #expect(registry.versions(of: "conv") == [1, 2])
    #expect(registry.names == ["conv", "churn"])
    let first = try registry.resolve(name: "conv", version: 1)
    let latest = try registry.resolve(name: "conv")
    #expect(first.holdout != latest.holdout)
    #expect(try registry.resolve(name: "conv", version: 2).holdout == latest.holdout)
    let reference = ModelRef(name: Name("conv", span: .unknown), version: 1)
    #expect(try registry.resolve(reference).holdout == first.holdout)
  }

  @Test func unknownNamesSuggestTheClosest() throws {
    var registry = ModelRegistry()
    registry.register(name: "conv", model: try model(seed: 1))
    let span = SourceSpan(offset: 9, length: 4, line: 1, column: 10)
    let error = #expect(throws: Diagnostic.self) {
      try registry.resolve(name: "cnv", at: span)
    }
    #expect(error?.code == "M040")
    #expect(error?.message == "unknown model `cnv`")
    #expect(error?.help == "did you mean `conv`?")
    #expect(error?.span == span)
    let empty = #expect(throws: Diagnostic.self) { try ModelRegistry().resolve(name: "x") }
    #expect(empty?.help == "no model has been trained yet")
  }

  @Test func unknownVersionsListTheVersions() throws {
    var registry = ModelRegistry()
    registry.register(name: "conv", model: try model(seed: 1))
    registry.register(name: "conv", model: try model(seed: 2))
    let error = #expect(throws: Diagnostic.self) { try registry.resolve(name: "conv", version: 3) }
    #expect(error?.code == "M041")
    #expect(error?.message == "model `conv` has no version 3 (versions: 1, 2)")
  }

  @Test func listShowsOneRowPerVersion() throws {
    var registry = ModelRegistry()
    let trained = try model(seed: 1)
    registry.register(name: "conv", model: trained)
    registry.register(name: "conv", model: trained)
    let list = registry.list()
    #expect(
      list.columns == [
        "name", "version", "algorithm", "task", "target", "features", "rows", "metric", "value",
      ])
    #expect(list.totalRows == 2)
    #expect(
      list.rows[1][0...7] == [
        .string("conv"), .int(2), .string("logistic"), .string("binary classification"),
        .string("label"), .string("a, b, noise"), .int(240), .string("AUC"),
      ])
    #expect(ModelRegistry.featureSummary(["a", "b", "c", "d"]) == "4 (a, b, c, …)")
  }
}
