import Foundation
import Testing

@testable import DSWCore

/// TreeSHAP against brute-force Shapley values, additivity, reason codes,
/// `explain`, and their errors rendered as users see them.
@Suite struct ExplainTests {
  typealias Data = LearnTestData

  /// Four features, one a string, with interactions and missing values.
  static func table(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var a: [Double] = []
    var b: [Double] = []
    var validity: [Bool] = []
    var c: [Int64] = []
    var tier: [String?] = []
    var label: [Bool] = []
    for _ in 0..<rows {
      let x = random.nextDouble() * 2 - 1
      let y = random.nextDouble() * 2 - 1
      let missing = random.nextDouble() < 0.15
      let z = Int64(random.nextInt(below: 5))
      let t = ["gold", "silver", "member"][random.nextInt(below: 3)]
      a.append(x)
      b.append(missing ? 0 : y)
      validity.append(!missing)
      c.append(z)
      tier.append(t)
      let logit = 2 * x * (missing ? 1 : y) + (t == "gold" ? 1 : 0) - 0.3 * Double(z)
      label.append(random.nextDouble() < 1 / (1 + exp(-logit)))
    }
    return Table([
      ("a", Column(doubles: a)), ("b", Column(doubles: b, validity: Bitmap(validity))),
      ("c", Column(ints: c)), ("tier", Column(strings: tier)), ("label", Column(bools: label)),
    ])
  }

  static func gbt(trees: Int64, leaves: Int64, rows: Int = 400) throws -> TrainedModel {
    try Data.train(
      "gbt", table(rows: rows, seed: 3),
      [
        Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(trees)),
        Data.argument("leaves", Data.integer(leaves)),
        Data.argument("min_data_in_leaf", Data.integer(5)),
      ])
  }

  /// The expected output of `tree` when only the features in `known` are
  /// known: the row's branch at their splits, a cover-weighted mix elsewhere.
  static func conditionalExpectation(
    _ tree: RegressionTree, node: Int32, known: Set<Int>, codes: [UInt8]
  ) -> Double {
    if node < 0 { return tree.leafValues[Int(~node)] }
    let split = tree.nodes[Int(node)]
    if known.contains(split.feature) {
      let next =
        tree.goesLeft(node: Int(node), code: codes[split.feature]) ? split.left : split.right
      return conditionalExpectation(tree, node: next, known: known, codes: codes)
    }
    func cover(_ child: Int32) -> Double {
      child >= 0 ? tree.nodeCounts[Int(child)] : tree.leafCounts[Int(~child)]
    }
    let total = tree.nodeCounts[Int(node)]
    return
      (cover(split.left)
      * conditionalExpectation(tree, node: split.left, known: known, codes: codes)
      + cover(split.right)
      * conditionalExpectation(tree, node: split.right, known: known, codes: codes))
      / total
  }

  /// Shapley values by enumerating every coalition of features.
  static func bruteForce(_ model: GradientBoostedTrees, codes: [UInt8]) -> [Double] {
    let count = codes.count
    func value(_ known: Set<Int>) -> Double {
      model.trees.reduce(0) { total, tree in
        total
          + (tree.nodes.isEmpty
            ? tree.leafValues[0]
            : conditionalExpectation(tree, node: 0, known: known, codes: codes))
      }
    }
    func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
    var phi = [Double](repeating: 0, count: count)
    for feature in 0..<count {
      for mask in 0..<(1 << count) where mask & (1 << feature) == 0 {
        let known = Set((0..<count).filter { mask & (1 << $0) != 0 })
        let weight = factorial(known.count) * factorial(count - known.count - 1) / factorial(count)
        phi[feature] += weight * (value(known.union([feature])) - value(known))
      }
    }
    return phi
  }

  @Test(arguments: [(Int64(1), Int64(4)), (3, 8), (5, 16)])
  func treeSHAPMatchesBruteForceShapleyValues(trees: Int64, leaves: Int64) throws {
    let model = try Self.gbt(trees: trees, leaves: leaves)
    guard case .gbt(let boosted) = model.fitted else { throw PropertyFailure(message: "not gbt") }
    let probe = Self.table(rows: 40, seed: 11)
    let frame = try FeatureFrame.extract(model.features, from: probe)
    let contributions = try model.contributions(frame, modelName: "m", at: nil)
    let codes = boosted.binned(frame)
    for row in 0..<probe.rowCount {
      let expected = Self.bruteForce(boosted, codes: codes.map { $0[row] })
      for feature in expected.indices {
        #expect(abs(contributions.value(row: row, feature: feature) - expected[feature]) < 1e-9)
      }
    }
  }

  @Test func gbtContributionsAddUpToTheRawScoreOnEveryRow() throws {
    let model = try Self.gbt(trees: 60, leaves: 31, rows: 2000)
    let probe = Self.table(rows: 3000, seed: 12)
    let frame = try FeatureFrame.extract(model.features, from: probe)
    let contributions = try model.contributions(frame, modelName: "m", at: nil)
    let probabilities = model.predictions(frame)
    for row in 0..<probe.rowCount {
      let raw = log(probabilities[row] / (1 - probabilities[row]))
      #expect(abs(contributions.rawScore(row: row) - raw) < 1e-8)
    }
  }

  @Test func linearContributionsAddUpToTheRawScoreOnEveryRow() throws {
    let table = Self.table(rows: 500, seed: 4)
    for algorithm in ["logistic", "linear"] {
      let target = algorithm == "logistic" ? "label" : "a"
      let model = try Data.train(algorithm, table, [Data.argument("target", Data.names(target))])
      let frame = try FeatureFrame.extract(model.features, from: table)
      let contributions = try model.contributions(frame, modelName: "m", at: nil)
      let scores = model.predictions(frame)
      for row in 0..<table.rowCount {
        let raw = algorithm == "logistic" ? log(scores[row] / (1 - scores[row])) : scores[row]
        #expect(abs(contributions.rawScore(row: row) - raw) < 1e-9)
      }
    }
  }

  @Test func aSavedModelExplainsAsTheTrainedOneDid() throws {
    let model = try Self.gbt(trees: 10, leaves: 8)
    let loaded = try ModelCodec.decode(ModelCodec.encode(model))
    let probe = Self.table(rows: 50, seed: 13)
    let frame = try FeatureFrame.extract(model.features, from: probe)
    #expect(
      try model.contributions(frame, modelName: "m", at: nil).values
        == loaded.contributions(frame, modelName: "m", at: nil).values)
  }

  @Test func aModelFileWithoutRowCountsCannotBeExplained() throws {
    let model = try Self.gbt(trees: 2, leaves: 4)
    var json = String(decoding: ModelCodec.encode(model), as: UTF8.self)
    json = json.replacingOccurrences(
      of: #""count" : [0-9.e+-]+,?"#, with: "", options: .regularExpression)
    json = json.replacingOccurrences(
      of: #""leaf_counts" : \[[^\]]*\],?"#, with: "", options: .regularExpression)
    let loaded = try ModelCodec.decode(Array(json.utf8))
    let frame = try FeatureFrame.extract(model.features, from: Self.table(rows: 5, seed: 1))
    let error = #expect(throws: Diagnostic.self) {
      try loaded.contributions(frame, modelName: "conv", at: nil)
    }
    #expect(error?.code == "M081")
    #expect(error?.message == "`conv` was saved without the training row counts of its tree nodes")
    // It still scores as before.
    #expect(model.predictions(frame) == loaded.predictions(frame))
  }

  /// A model file may hold a tree deeper than TreeSHAP walks (each node's
  /// left child a leaf, its right the next node): it still scores, but
  /// explaining it is refused with M082, as a user sees it.
  @Test func aTreeTooDeepToExplainIsRefused() throws {
    let model = try Self.gbt(trees: 1, leaves: 4)
    let encoded = Foundation.Data(ModelCodec.encode(model))
    var root = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    var gbt = try #require(root["gbt"] as? [String: Any])
    var trees = try #require(gbt["trees"] as? [[String: Any]])
    let split = try #require((trees[0]["nodes"] as? [[String: Any]])?.first)
    let depth = TreeSHAP.maxDepth + 1
    trees[0]["nodes"] = (0..<depth).map { index -> [String: Any] in
      var node = split
      node["left"] = -1 - index
      node["right"] = index + 1 < depth ? index + 1 : -1 - depth
      node["count"] = 1.0
      return node
    }
    trees[0]["leaves"] = [Double](repeating: 0.1, count: depth + 1)
    trees[0]["leaf_counts"] = [Double](repeating: 1, count: depth + 1)
    gbt["trees"] = trees
    root["gbt"] = gbt
    let file = try JSONSerialization.data(withJSONObject: root)
    let session = Session(
      context: SessionContext(
        files: MemoryFiles(["/deep.json": Array(file)]), sandbox: PathSandbox(base: "/")))
    session.store("features", Dataset(name: "features", table: Self.table(rows: 20, seed: 2)))
    let setup = session.run(
      "load model \"deep.json\" as deep\nlet scored = from features | score deep")
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    #expect(
      Self.rendered(session, "from features | score deep (explain: 2)") == """
        error[M082]: a tree of `deep` is deeper than 1024 splits, too deep to explain
         --> cell 1 (test0001), line 1, column 23
          |
        1 | from features | score deep (explain: 2)
          |                       ^^^^
          = help: train with `depth:` or fewer `leaves:`
        """)
  }

  // MARK: In a session

  static func session() -> Session {
    let session = Session()
    session.store("features", Dataset(name: "features", table: table(rows: 600, seed: 21)))
    let setup = session.run(
      """
      train m = gbt(features, target: label, seed: 7, trees: 30)
      train lr = logistic(features, target: label, seed: 7)
      train k = kmeans(features, k: 3, exclude: [label])
      """)
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    return session
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  @Test func reasonColumnsNameTheFeaturesThatPushedTheScoreUp() throws {
    let session = Self.session()
    let run = session.run(
      "let out = from features | score m (explain: 3) | select score, reason_1, reason_2, reason_3")
    #expect(run.error == nil)
    let out = try #require(session.datasets["out"]?.table)
    #expect(out.names == ["score", "reason_1", "reason_2", "reason_3"])
    let model = try session.models.resolve(name: "m")
    let frame = try FeatureFrame.extract(model.features, from: Self.table(rows: 600, seed: 21))
    let contributions = try model.contributions(frame, modelName: "m", at: nil)
    for row in 0..<20 {
      let positive = (0..<4).map {
        (feature: $0, value: contributions.value(row: row, feature: $0))
      }
      .filter { $0.value > 0 }.sorted { $0.value > $1.value }
      for rank in 0..<3 {
        let cell = out.columns[rank + 1].value(at: row)
        guard rank < positive.count else {
          #expect(cell == .null)
          continue
        }
        let name = model.features[positive[rank].feature].name
        guard case .string(let text) = cell else {
          Issue.record("reason \(rank + 1) of row \(row) is \(cell)")
          continue
        }
        #expect(text.hasPrefix("\(name) = "))
        #expect(text.hasSuffix("(\(ReasonCodes.signed(positive[rank].value)))"))
      }
    }
  }

  @Test func reasonsShowTheValueAndTheSignedContribution() {
    #expect(ReasonCodes.signed(0.84213) == "+0.842")
    #expect(ReasonCodes.signed(-1.5) == "-1.500")
    #expect(ReasonCodes.signed(0.00042) == "+0.00042")
    #expect(ReasonCodes.render(.double(3)) == "3")
    #expect(ReasonCodes.render(.double(0.123456)) == "0.1235")
    #expect(ReasonCodes.render(.string("gold")) == "gold")
    #expect(ReasonCodes.render(.null) == "null")
  }

  @Test func explainShowsImportanceAndADependenceChart() throws {
    let session = Self.session()
    let run = session.run("explain m (feature: tier)")
    #expect(run.error == nil)
    guard case .text(let summary) = run.outputs.first,
      case .chart(let importance) = run.outputs[1], case .chart(let dependence) = run.outputs[2]
    else {
      Issue.record("unexpected outputs \(run.outputs)")
      return
    }
    #expect(summary.hasPrefix("m: TreeSHAP contributions to the log-odds of label = true, on "))
    #expect(importance.title == "mean |contribution| per feature")
    #expect(Set(importance.labels) == ["a", "b", "c", "tier"])
    #expect(importance.y == importance.y.sorted(by: >))
    #expect(dependence.title == "dependence: tier")
    #expect(dependence.kind == .bar)
    #expect(Set(dependence.labels) == ["gold", "member", "silver"])
    let numeric = session.run("explain lr (feature: a, data: features)")
    guard case .chart(let scatter) = numeric.outputs.last else {
      Issue.record("no chart")
      return
    }
    #expect(scatter.kind == .scatter)
    #expect(scatter.x.count == 600)
  }

  @Test func evaluateLeadsWithContributionsForGBT() throws {
    let session = Self.session()
    let run = session.run("evaluate m")
    let charts = run.outputs.compactMap { output -> ChartOutput? in
      if case .chart(let chart) = output { chart } else { nil }
    }
    #expect(charts.last?.title == "feature importance (mean |contribution| on the holdout)")
    guard case .table(let table) = run.outputs.last else {
      Issue.record("no importance table")
      return
    }
    #expect(table.columns == ["feature", "mean |contribution|", "gain share"])
  }

  @Test func explainErrorsAreClear() {
    let session = Self.session()
    #expect(
      Self.rendered(session, "explain k") == """
        error[M080]: `k` is a kmeans model, which has no feature contributions to explain
         --> cell 1 (test0001), line 1, column 9
          |
        1 | explain k
          |         ^
          = help: explanations are for gbt, logistic and linear models
        """)
    #expect(
      Self.rendered(session, "explain m (feature: teir)") == """
        error[M083]: `teir` is not a feature of `m`
         --> cell 1 (test0001), line 1, column 21
          |
        1 | explain m (feature: teir)
          |                     ^^^^
          = help: did you mean `tier`?
        """)
    #expect(
      Self.rendered(session, "from features | score k (explain: 2)") == """
        error[M080]: `k` is a kmeans model, which has no feature contributions to explain
         --> cell 1 (test0001), line 1, column 23
          |
        1 | from features | score k (explain: 2)
          |                       ^
          = help: explanations are for gbt, logistic and linear models
        """)
    #expect(
      Self.rendered(session, "from features | score m (explain: 0)") == """
        error[E232]: `explain` must be a whole number from 1 to 100
         --> cell 1 (test0001), line 1, column 35
          |
        1 | from features | score m (explain: 0)
          |                                   ^
        """)
    #expect(
      Self.rendered(session, "explain m (color: 1)").hasPrefix(
        "error[E230]: `explain` has no option `color`"))
  }

  @Test func aLoadedModelNeedsRowsToExplain() throws {
    let session = Self.session()
    let model = try session.models.resolve(name: "m")
    session.models.register(name: "saved", model: try ModelCodec.decode(ModelCodec.encode(model)))
    #expect(
      Self.rendered(session, "explain saved") == """
        error[M084]: `saved` was loaded from a file and keeps no holdout rows to explain
         --> cell 1 (test0001), line 1, column 9
          |
        1 | explain saved
          |         ^^^^^
          = help: name the rows to explain: `explain saved (data: DATASET)`
        """)
    #expect(session.run("explain saved (data: features)").error == nil)
  }
}
