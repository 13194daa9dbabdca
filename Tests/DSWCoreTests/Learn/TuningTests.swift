import Synchronization
import Testing

@testable import DSWCore

/// `tune`: the search, its determinism, Ctrl-C, and every error it reports.
@Suite struct TuningTests {
  typealias Data = LearnTestData

  private static let table = Data.xor(rows: 400, seed: 5)

  private static func spec(
    _ dimensions: [(String, SearchDimension.Values)], trials: Int? = nil, metric: String? = nil
  ) -> SearchSpec {
    SearchSpec(
      dimensions: dimensions.map {
        SearchDimension(name: $0.0, nameSpan: .unknown, values: $0.1, valueSpan: .unknown)
      }, span: .unknown, trials: trials.map { ($0, .unknown) },
      metric: metric.map { ($0, .unknown) })
  }

  private static func list(_ values: Value...) -> SearchDimension.Values {
    .list(values, spans: values.map { _ in .unknown })
  }

  private static let arguments = [
    Data.argument("target", Data.names("label")), Data.argument("trees", Data.integer(15)),
  ]

  @Test func gridSearchTriesEveryCombinationInWrittenOrder() throws {
    let outcome = try Tuner.tune(
      algorithm: "gbt", table: Self.table, arguments: Self.arguments,
      search: Self.spec([
        ("leaves", Self.list(.int(3), .int(15))),
        ("learning_rate", Self.list(.double(0.05), .double(0.3))),
      ]))
    #expect(
      outcome.trials.map { $0.values.map(\.value) } == [
        [.int(3), .double(0.05)], [.int(3), .double(0.3)], [.int(15), .double(0.05)],
        [.int(15), .double(0.3)],
      ])
    #expect(outcome.foldCount == 3)
    #expect(outcome.ranking.count == 4)
    #expect(!outcome.isRandom && !outcome.interrupted)
    let scores = outcome.ranking.map { outcome.trials[$0].score(outcome.metric)! }
    #expect(scores == scores.sorted(by: >))
    let best = outcome.trials[outcome.ranking[0]]
    #expect(outcome.model.crossValidation == best.validation)
    for parameter in best.values {
      #expect(outcome.model.parameters.contains(parameter))
    }
    #expect(outcome.model.trainingRowCount == 400)
  }

  @Test func tuningIsDeterministicForASeed() throws {
    func run() throws -> TuningOutcome {
      try Tuner.tune(
        algorithm: "gbt", table: Self.table,
        arguments: Self.arguments + [Data.argument("seed", Data.integer(8))],
        search: Self.spec(
          [
            ("leaves", .range(low: 2, high: 40, logarithmic: false)),
            ("learning_rate", .range(low: 0.01, high: 0.5, logarithmic: true)),
          ], trials: 6, metric: "log_loss"))
    }
    let first = try run()
    let again = try run()
    #expect(first.trials == again.trials)
    #expect(first.ranking == again.ranking)
    #expect(first.model.fitted == again.model.fitted)
    #expect(first.metric == TuningMetric(name: "log loss", higherIsBetter: false))
    let scores = first.ranking.map { first.trials[$0].score(first.metric)! }
    #expect(scores == scores.sorted())
  }

  @Test func randomDrawsStayInTheirRangesAndRoundWholeNumbers() {
    let spec = Self.spec(
      [
        ("leaves", .range(low: 4, high: 9, logarithmic: false)),
        ("learning_rate", .range(low: 0.001, high: 0.1, logarithmic: true)),
        ("min_data_in_leaf", Self.list(.int(5), .int(50))),
      ], trials: 200)
    let trials = spec.trialValues(seed: 42)
    #expect(trials.count == 200)
    for trial in trials {
      guard case .int(let leaves) = trial[0], case .double(let rate) = trial[1] else {
        Issue.record("unexpected types \(trial)")
        return
      }
      #expect((4...9).contains(leaves))
      #expect(rate >= 0.001 && rate <= 0.1)
      #expect([.int(5), .int(50)].contains(trial[2]))
    }
    // Log-uniform: about half the draws fall below the geometric middle, 0.01.
    let low = trials.filter { $0[1].doubleValue ?? 1 < 0.01 }.count
    #expect(low > 70 && low < 130)
    #expect(spec.trialValues(seed: 42) == trials)
    #expect(spec.trialValues(seed: 43) != trials)
  }

  @Test func ctrlCKeepsTheBestFinishedTrial() throws {
    let stopped = Atomic<Bool>(false)
    let resumed = Atomic<Bool>(false)
    // Ctrl-C once 9 of the 12 (trial, fold) fits are done (the search is 95%
    // of the progress, so 9 / 12 · 0.95 ≈ 0.71): with two workers
    // at most one more has started, so trials 1–3 lose at most one fold
    // between them and trial 4 never finishes.
    let outcome = try Tuner.tune(
      algorithm: "logistic", table: Self.table,
      arguments: [Data.argument("target", Data.names("label"))],
      search: Self.spec([("C", Self.list(.double(0.01), .double(0.1), .double(1), .double(10)))]),
      isCancelled: { stopped.load(ordering: .relaxed) },
      resumeAfterInterrupt: {
        resumed.store(true, ordering: .relaxed)
        stopped.store(false, ordering: .relaxed)
      },
      progress: { fraction in
        if fraction >= 0.7 && !resumed.load(ordering: .relaxed) {
          stopped.store(true, ordering: .relaxed)
        }
      })
    #expect(outcome.interrupted)
    let didResume = resumed.load(ordering: .relaxed)
    #expect(didResume)
    #expect((2...3).contains(outcome.ranking.count))
    #expect(outcome.trials[3].validation == nil)
    #expect(outcome.trials.count == 4)
    let best = outcome.trials[outcome.ranking[0]]
    #expect(outcome.model.crossValidation == best.validation)
  }

  @Test func ctrlCBeforeAnyTrialFinishesIsAnInterruption() {
    #expect {
      _ = try Tuner.tune(
        algorithm: "gbt", table: Self.table, arguments: Self.arguments,
        search: Self.spec([("leaves", Self.list(.int(3), .int(7)))]), isCancelled: { true })
    } throws: { error in
      (error as? Diagnostic)?.code == "X001"
    }
  }

  @Test func rankingPutsNaNLastAndKeepsTrialOrderOnTies() {
    func trial(_ auc: Double) -> TuningTrial {
      TuningTrial(
        values: [],
        validation: CrossValidationSummary(
          foldRows: [1], foldMetrics: [[.init(name: "AUC", value: auc)]], seed: 1))
    }
    let metric = TuningMetric(name: "AUC", higherIsBetter: true)
    #expect(
      Tuner.rank([trial(0.7), trial(.nan), trial(0.9), trial(0.7)], by: metric) == [2, 0, 3, 1])
  }
}
