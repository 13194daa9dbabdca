import Foundation
import Testing

@testable import DSWCore

/// BG/NBD and Gamma-Gamma: likelihoods and gradients against finite
/// differences, recovery of known parameters from simulated customers,
/// scoring, the model file, and the errors users meet.
@Suite struct LifetimeTests {
  /// Gamma(shape, rate) by Marsaglia and Tsang's method.
  static func gamma(_ shape: Double, rate: Double, _ random: inout SeededRandom) -> Double {
    if shape < 1 {
      let boost = gamma(shape + 1, rate: rate, &random)
      return boost * pow(max(random.nextDouble(), 1e-300), 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      let z = random.nextGaussian()
      let v = pow(1 + c * z, 3)
      if v <= 0 { continue }
      let u = max(random.nextDouble(), 1e-300)
      if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return d * v / rate }
    }
  }

  /// Customers of a BG/NBD world: (repeat purchases, time of the last, age).
  static func simulateBGNBD(
    customers: Int, r: Double, alpha: Double, a: Double, b: Double, seed: UInt64
  ) -> Table {
    var random = SeededRandom(seed: seed)
    var x: [Int64] = []
    var recency: [Double] = []
    var age: [Double] = []
    for _ in 0..<customers {
      let rate = gamma(r, rate: alpha, &random)
      let first = gamma(a, rate: 1, &random)
      let dropout = first / (first + gamma(b, rate: 1, &random))
      let horizon = 20 + random.nextDouble() * 20
      var time = 0.0
      var count: Int64 = 0
      var last = 0.0
      while true {
        time += -log(max(random.nextDouble(), 1e-300)) / rate
        if time > horizon { break }
        count += 1
        last = time
        if random.nextDouble() < dropout { break }
      }
      x.append(count)
      recency.append(last)
      age.append(horizon)
    }
    return Table([
      ("x", Column(ints: x)), ("t_x", Column(doubles: recency)), ("T", Column(doubles: age)),
    ])
  }

  /// Repeat customers of a Gamma-Gamma world: (transactions, mean spend).
  static func simulateGammaGamma(customers: Int, p: Double, q: Double, v: Double, seed: UInt64)
    -> Table
  {
    var random = SeededRandom(seed: seed)
    var x: [Int64] = []
    var m: [Double] = []
    for _ in 0..<customers {
      let scale = gamma(q, rate: v, &random)
      let count = 1 + random.nextInt(below: 8)
      var total = 0.0
      for _ in 0..<count { total += gamma(p, rate: scale, &random) }
      x.append(Int64(count))
      m.append(total / Double(count))
    }
    return Table([("x", Column(ints: x)), ("zbar", Column(doubles: m))])
  }

  static func train(_ algorithm: String, _ table: Table, _ roles: [(String, String)]) throws
    -> TrainedModel
  {
    try ModelTrainer.train(
      algorithm: algorithm, table: table,
      arguments: roles.map { LearnTestData.argument($0.0, .names([$0.1])) })
  }

  // MARK: Likelihoods

  @Test func bgnbdGradientMatchesFiniteDifferences() {
    for parameters in [[0.25, 4.4, 0.8, 2.4], [1.3, 0.7, 2.5, 0.9]] {
      for (x, recency, age) in [(0.0, 0.0, 38.9), (2.0, 30.4, 38.9), (7.0, 12.5, 20.0)] {
        let analytic = BGNBDModel.logLikelihood(parameters, x: x, recency: recency, age: age)
        for index in 0..<4 {
          let h = 1e-6 * parameters[index]
          var up = parameters
          var down = parameters
          up[index] += h
          down[index] -= h
          let numeric =
            (BGNBDModel.logLikelihood(up, x: x, recency: recency, age: age).value
              - BGNBDModel.logLikelihood(down, x: x, recency: recency, age: age).value) / (2 * h)
          #expect(abs(numeric - analytic.gradient[index]) < 1e-6 * max(1, abs(numeric)))
        }
      }
    }
  }

  @Test func gammaGammaGradientMatchesFiniteDifferences() {
    for parameters in [[6.25, 3.74, 15.4], [0.9, 1.8, 3.0]] {
      for (x, m) in [(1.0, 35.0), (4.0, 12.5), (20.0, 250.0)] {
        let analytic = GammaGammaModel.logLikelihood(parameters, x: x, m: m)
        for index in 0..<3 {
          let h = 1e-6 * parameters[index]
          var up = parameters
          var down = parameters
          up[index] += h
          down[index] -= h
          let numeric =
            (GammaGammaModel.logLikelihood(up, x: x, m: m).value
              - GammaGammaModel.logLikelihood(down, x: x, m: m).value) / (2 * h)
          #expect(abs(numeric - analytic.gradient[index]) < 1e-6 * max(1, abs(numeric)))
        }
      }
    }
  }

  @Test func bgnbdLikelihoodMatchesTheLifetimesPackage() {
    // lifetimes 0.11.3: BetaGeoFitter._negative_log_likelihood at (r, α, a, b)
    // = (0.243, 4.414, 0.793, 2.426) for these three customers.
    let parameters = [0.243, 4.414, 0.793, 2.426]
    let customers = [(2.0, 30.43, 38.86), (1.0, 1.71, 38.86), (0.0, 0.0, 38.86)]
    let total = customers.reduce(0.0) {
      $0 + BGNBDModel.logLikelihood(parameters, x: $1.0, recency: $1.1, age: $1.2).value
    }
    #expect(abs(total - -14.482_412_858_537) < 1e-9)
  }

  @Test func specialFunctionsMatchClosedForms() {
    #expect(abs(SpecialFunctions.digamma(1) - -0.577_215_664_901_532_9) < 1e-11)
    #expect(abs(SpecialFunctions.digamma(0.5) - (-0.577_215_664_901_532_9 - 2 * log(2.0))) < 1e-11)
    #expect(abs(SpecialFunctions.digamma(100) - 4.600_161_852_738_087) < 1e-12)
    for z in [0.1, 0.5, 0.9, 0.999] {
      // ₂F₁(1, 1; 2; z) = −log(1 − z)/z.
      let expected = log(-log(1 - z) / z)
      #expect(abs(SpecialFunctions.logHypergeometric(1, 1, 2, z) - expected) < 1e-10)
    }
    #expect(SpecialFunctions.logHypergeometric(1, 1, 2, 1).isNaN)
  }

  // MARK: Fits

  @Test func bgnbdRecoversSimulatedParametersWithinTheirStandardErrors() throws {
    let truth = (r: 0.6, alpha: 4.0, a: 0.8, b: 2.5)
    let table = Self.simulateBGNBD(
      customers: 6000, r: truth.r, alpha: truth.alpha, a: truth.a, b: truth.b, seed: 2)
    let model = try Self.train(
      "bgnbd", table, [("frequency", "x"), ("recency", "t_x"), ("age", "T")])
    guard case .bgnbd(let fit) = model.fitted else { throw PropertyFailure(message: "not bgnbd") }
    for (index, value) in [truth.r, truth.alpha, truth.a, truth.b].enumerated() {
      let error = fit.standardErrors[index]
      #expect(error.isFinite && error > 0)
      #expect(abs(fit.parameters[index] - value) < 2 * error, "parameter \(index)")
    }
    #expect(model.task == .purchases)
    #expect(model.metrics.first?.name == "log-likelihood")
  }

  @Test func gammaGammaRecoversSimulatedParametersWithinTheirStandardErrors() throws {
    let truth = (p: 6.0, q: 4.0, v: 15.0)
    let table = Self.simulateGammaGamma(
      customers: 5000, p: truth.p, q: truth.q, v: truth.v, seed: 23)
    let model = try Self.train("gamma_gamma", table, [("frequency", "x"), ("monetary", "zbar")])
    guard case .gammaGamma(let fit) = model.fitted else {
      throw PropertyFailure(message: "not gamma_gamma")
    }
    for (index, value) in [truth.p, truth.q, truth.v].enumerated() {
      let error = fit.standardErrors[index]
      #expect(error.isFinite && error > 0)
      #expect(abs(fit.parameters[index] - value) < 2 * error, "parameter \(index)")
    }
  }

  @Test func predictionsMatchTheLifetimesPackage() {
    // lifetimes 0.11.3 with the CDNOW summary's published parameters.
    let model = BGNBDModel(
      parameters: [0.242593, 4.413532, 0.792886, 2.425752], standardErrors: [])
    #expect(
      abs(model.expectedPurchases(horizon: 52, x: 2, recency: 30.43, age: 38.86) - 1.558_584)
        < 1e-5)
    #expect(
      abs(model.expectedPurchases(horizon: 52, x: 0, recency: 0, age: 38.86) - 0.251_666) < 1e-5)
    let spend = GammaGammaModel(parameters: [6.248802, 3.744588, 15.447748], standardErrors: [])
    // p·v/(q−1) for a customer without repeat purchases.
    #expect(abs(spend.expectedSpend(x: 0, m: 0) - 6.248802 * 15.447748 / 2.744588) < 1e-9)
  }

  // MARK: Scoring and files in a session

  static func session() -> Session {
    let session = Session()
    let rfm = simulateBGNBD(customers: 800, r: 0.6, alpha: 4, a: 0.8, b: 2.5, seed: 5)
    var random = SeededRandom(seed: 8)
    let spend = (0..<rfm.rowCount).map { _ in 10 + random.nextDouble() * 40 }
    var table = rfm
    table.set("zbar", Column(doubles: spend))
    session.store("rfm", Dataset(name: "rfm", table: table))
    let setup = session.run(
      """
      let repeaters = from rfm | filter x > 0
      train c = bgnbd(rfm, frequency: x, recency: t_x, age: T)
      train v = gamma_gamma(repeaters, frequency: x, monetary: zbar)
      """)
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    return session
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  @Test func scoringAddsPurchasesAliveSpendAndValue() throws {
    let session = Self.session()
    #expect(session.run("let a = from rfm | score c (horizon: 52)").error == nil)
    #expect(
      try #require(session.datasets["a"]).table.names.suffix(2) == [
        "expected_purchases", "p_alive",
      ])
    #expect(session.run("let b = from repeaters | score v").error == nil)
    #expect(try #require(session.datasets["b"]).table.names.last == "expected_spend")
    #expect(session.run("let both = from rfm | score c, v (horizon: 52)").error == nil)
    #expect(
      session.run("let cheap = from rfm | score v, c (horizon: 52, discount_rate: 0.01)").error
        == nil)
    let both = try #require(session.datasets["both"]).table
    let cheap = try #require(session.datasets["cheap"]).table
    #expect(
      both.names.suffix(4) == ["expected_purchases", "p_alive", "expected_spend", "clv"])
    let value = LearnTestData.doubles(try #require(both.column(named: "clv")))
    let purchases = LearnTestData.doubles(try #require(both.column(named: "expected_purchases")))
    let spend = LearnTestData.doubles(try #require(both.column(named: "expected_spend")))
    let discounted = LearnTestData.doubles(try #require(cheap.column(named: "clv")))
    for row in 0..<both.rowCount {
      #expect(abs(value[row] - purchases[row] * spend[row]) < 1e-9 * max(1, value[row]))
      #expect(discounted[row] < value[row] || value[row] == 0)
    }
  }

  @Test func lifetimeModelsSaveAndLoad() throws {
    let session = Self.session()
    for name in ["c", "v"] {
      let model = try session.models.resolve(name: name)
      let bytes = ModelCodec.encode(model)
      let loaded = try ModelCodec.decode(bytes)
      #expect(loaded.fitted == model.fitted)
      #expect(loaded.features == model.features)
      #expect(ModelCodec.encode(loaded) == bytes)
    }
  }

  @Test func trainingShowsParametersWithStandardErrors() throws {
    let session = Session()
    session.store(
      "rfm",
      Dataset(
        name: "rfm",
        table: Self.simulateBGNBD(customers: 500, r: 0.6, alpha: 4, a: 0.8, b: 2.5, seed: 2)))
    let run = session.run("train c = bgnbd(rfm, frequency: x, recency: t_x, age: T)")
    guard case .metrics(let metrics) = run.outputs[1] else {
      Issue.record("no metrics: \(run.outputs)")
      return
    }
    #expect(metrics.tables.first?.name == "parameters")
    #expect(
      metrics.tables.first?.table.columns == [
        "parameter", "estimate", "std. error", "lower 95%", "upper 95%",
      ])
    #expect(
      metrics.tables.first?.table.rows.map { $0[0] } == ["r", "alpha", "a", "b"].map(Value.string))
  }

  @Test func gammaGammaWarnsWhenSpendFollowsFrequency() throws {
    let session = Session()
    // Spend per purchase grows with the number of purchases.
    var random = SeededRandom(seed: 3)
    let x: [Int64] = (0..<400).map { Int64(1 + $0 % 10) }
    let m = x.map { Double($0) * 10 * Self.gamma(4, rate: 4, &random) }
    session.store(
      "r", Dataset(name: "r", table: Table([("x", Column(ints: x)), ("m", Column(doubles: m))])))
    let run = session.run("train v = gamma_gamma(r, frequency: x, monetary: m)")
    #expect(run.error == nil)
    let warned = run.outputs.contains {
      if case .text(let text) = $0 {
        text.hasPrefix("warning: frequency and monetary value are correlated")
      } else {
        false
      }
    }
    #expect(warned)
  }

  @Test func lifetimeErrorsAreClear() {
    let session = Self.session()
    #expect(
      Self.rendered(session, "from rfm | score c") == """
        error[M096]: `score` needs `horizon:` for a bgnbd model: the period to predict, in the units of its recency and age
         --> cell 1 (test0001), line 1, column 18
          |
        1 | from rfm | score c
          |                  ^
          = help: for example: score c (horizon: 52)
        """)
    #expect(
      Self.rendered(session, "from rfm | score v (horizon: 52)") == """
        error[M096]: `score` takes no `horizon:` here: gamma_gamma predicts spend per purchase, over no period
         --> cell 1 (test0001), line 1, column 30
          |
        1 | from rfm | score v (horizon: 52)
          |                              ^^
        """)
    #expect(
      Self.rendered(session, "from rfm | score c, c (horizon: 52)") == """
        error[M095]: `score` cannot combine `c` and `c`
         --> cell 1 (test0001), line 1, column 21
          |
        1 | from rfm | score c, c (horizon: 52)
          |                     ^
          = help: score one model at a time, or a bgnbd and a gamma_gamma model together for `clv`
        """)
    #expect(
      Self.rendered(session, "from rfm | score c (horizon: 52, explain: 2)") == """
        error[M096]: `score` takes no `explain:` here: lifetime-value models have no feature contributions
         --> cell 1 (test0001), line 1, column 43
          |
        1 | from rfm | score c (horizon: 52, explain: 2)
          |                                           ^
        """)
    #expect(
      Self.rendered(session, "train d = bgnbd(rfm, frequency: x, recency: T, age: t_x)")
        .hasPrefix(
          "error[M091]: `t_x` (age) is not above 0 on row"))
    #expect(
      Self.rendered(session, "train d = bgnbd(rfm, frequency: x, age: T)") == """
        error[M004]: bgnbd needs `recency:`
         --> cell 1 (test0001), line 1, column 11
          |
        1 | train d = bgnbd(rfm, frequency: x, age: T)
          |           ^^^^^
          = help: for example: bgnbd(rfm, frequency: x, recency: t_x, age: T)
        """)
    #expect(
      Self.rendered(session, "train d = gamma_gamma(rfm, frequency: x, monetary: zbar, age: T)")
        .hasPrefix("error[M001]: unknown argument `age` for gamma_gamma"))
    #expect(
      Self.rendered(session, "from rfm | score c (horizon: -1)").hasPrefix(
        "error[E232]: `horizon` must be a number above 0 and at most 100,000"))
  }

  /// The data errors of training: a column of the wrong type, nulls, too few
  /// customers, and a fit that cannot converge (every spend the same).
  @Test func lifetimeDataErrorsNameTheColumn() {
    let session = Self.session()
    let setup = session.run(
      """
      let named = from rfm | take 10 | derive tier = "a"
      let gaps = from rfm | take 10 | derive xn = case when true then null else x end
      let few = from repeaters | take 2
      let same = from repeaters | derive m = 10.0
      """)
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    #expect(
      Self.rendered(session, "train d = bgnbd(named, frequency: tier, recency: t_x, age: T)") == """
        error[M090]: `tier` (frequency) must be a numeric column
         --> cell 1 (test0001), line 1, column 35
          |
        1 | train d = bgnbd(named, frequency: tier, recency: t_x, age: T)
          |                                   ^^^^
        """)
    #expect(
      Self.rendered(session, "train d = bgnbd(gaps, frequency: xn, recency: t_x, age: T)") == """
        error[M094]: `xn` has 10 null or non-finite values
         --> cell 1 (test0001), line 1, column 34
          |
        1 | train d = bgnbd(gaps, frequency: xn, recency: t_x, age: T)
          |                                  ^^
          = help: fill them (`coalesce`) or filter the rows out first
        """)
    #expect(
      Self.rendered(session, "train v = gamma_gamma(few, frequency: x, monetary: zbar)") == """
        error[M092]: gamma_gamma needs at least 3 customers with repeat purchases; the table has 2
         --> cell 1 (test0001), line 1, column 11
          |
        1 | train v = gamma_gamma(few, frequency: x, monetary: zbar)
          |           ^^^^^^^^^^^
        """)
    #expect(
      Self.rendered(session, "train v = gamma_gamma(same, frequency: x, monetary: m)") == """
        error[M093]: the gamma_gamma fit did not converge
         --> cell 1 (test0001), line 1, column 11
          |
        1 | train v = gamma_gamma(same, frequency: x, monetary: m)
          |           ^^^^^^^^^^^
          = help: check the columns' units and values: the data may not fit the model
        """)
  }
}

extension LifetimeTests {
  static func bgnbdModel(_ parameters: [Double], errors: [Double]) -> TrainedModel {
    TrainedModel(
      algorithm: .bgnbd, task: .purchases, target: nil, positiveClass: nil, negativeClass: nil,
      features: ["x", "t_x", "T"].map { FeatureSpec(name: $0, type: .double, encoding: .numeric) },
      parameters: [], fitted: .bgnbd(BGNBDModel(parameters: parameters, standardErrors: errors)),
      metrics: [], featureImportance: [], trainingRowCount: 10, holdoutRowCount: 0, baseRate: nil,
      clusterSizes: [], holdout: nil)
  }

  @Test func missingStandardErrorsAreExplained() {
    let flat =
      "note: some standard errors are missing: the log-likelihood is flat in some direction at "
      + "the estimate, so the data do not pin those parameters down."
    let large = Self.bgnbdModel([0.2, 1.6, 1460, 277_482], errors: [.nan, .nan, .nan, .nan])
    #expect(
      LifetimeReport.missingErrorsNote(large)
        == flat
        + " Very large a and b mean that every customer has the same dropout probability, a/(a+b).")
    let small = Self.bgnbdModel([0.2, 9.9, 5e-9, 3e-8], errors: [.nan, 1, .nan, .nan])
    #expect(
      LifetimeReport.missingErrorsNote(small)
        == flat
        + " Very small a and b mean that customers either never drop out or drop out at their first chance."
    )
    let fine = Self.bgnbdModel([0.24, 4.4, 0.79, 2.4], errors: [0.01, 0.4, 0.2, 0.7])
    #expect(LifetimeReport.missingErrorsNote(fine) == nil)
    #expect(LifetimeReport.evaluate(fine, name: "c").count == 2)
  }
}
