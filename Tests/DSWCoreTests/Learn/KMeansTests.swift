import Testing

@testable import DSWCore

@Suite struct KMeansTests {
  typealias Data = LearnTestData

  @Test func findsSeparatedClustersNumberedBySize() throws {
    let table = Data.blobs(seed: 31)
    let model = try Data.train(
      "kmeans", table,
      [Data.argument("k", Data.integer(3)), Data.argument("exclude", Data.names("id"))])
    #expect(model.task == .clustering)
    #expect(model.clusterSizes == [60, 40, 20])
    #expect(try #require(model.headline).name == "silhouette")
    #expect(try #require(model.headline).value > 0.7)
    let scored = try model.score(table)
    #expect(scored.map(\.0) == ["score", "distance"])
    let clusters = Data.doubles(scored[0].1)
    #expect(clusters[0..<60].allSatisfy { $0 == 1 })
    #expect(clusters[60..<100].allSatisfy { $0 == 2 })
    #expect(clusters[100..<120].allSatisfy { $0 == 3 })
    #expect(Data.doubles(scored[1].1).allSatisfy { $0 >= 0 && $0 < 1 })
  }

  @Test func evaluationReportsSizesAndWithinClusterSumOfSquares() throws {
    let model = try Data.train(
      "kmeans", Data.blobs(seed: 32),
      [Data.argument("k", Data.integer(3)), Data.argument("exclude", Data.names("id"))])
    let outputs = Evaluation.evaluate(model, name: "segs")
    guard case .metrics(let metrics) = outputs.first else {
      Issue.record("no metrics")
      return
    }
    #expect(metrics.title == "segs: kmeans, clustering; 120 rows")
    #expect(metrics.metrics.map(\.name) == ["silhouette", "WCSS", "k"])
    #expect(metrics.tables.first?.table.rows.map { $0[1] } == [.int(60), .int(40), .int(20)])
  }

  @Test func isDeterministicForASeed() throws {
    let table = Data.blobs(seed: 33)
    let arguments = [Data.argument("k", Data.integer(4)), Data.argument("seed", Data.integer(5))]
    #expect(
      try Data.train("kmeans", table, arguments).fitted
        == Data.train("kmeans", table, arguments).fitted)
  }
}
