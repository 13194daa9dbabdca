/// One trial of a search: the values it tried and what cross-validation
/// measured (nil when Ctrl-C stopped it first).
public struct TuningTrial: Sendable, Hashable {
  /// The searched parameters' values, in `search:` order.
  public var values: [ModelParameter]
  public var validation: CrossValidationSummary?

  /// The mean of the ranking metric over the folds.
  func score(_ metric: TuningMetric) -> Double? {
    guard let validation, let index = validation.names.firstIndex(of: metric.name) else {
      return nil
    }
    return validation.meanMetrics[index].value
  }
}

/// What `tune` found: every trial, the order they rank in, and the best
/// one's final model, fitted on all the training rows.
public struct TuningOutcome: Sendable {
  public var model: TrainedModel
  public var trials: [TuningTrial]
  /// Indices into `trials` of the finished trials, best first.
  public var ranking: [Int]
  public var metric: TuningMetric
  public var foldCount: Int
  /// A random search (`trials:`) rather than the whole grid.
  public var isRandom: Bool
  /// Ctrl-C stopped the search; the best finished trial was kept.
  public var interrupted: Bool
}

/// Searches hyperparameters by cross-validation: a grid, or seeded random
/// draws. Every (trial, fold) fit is one item of work spread over both
/// cores; each result lands in its own slot, so the trials, their metrics
/// and the chosen model are the same whatever the scheduling.
public enum Tuner {
  /// The folds `tune` uses when `cv:` is not given.
  public static let defaultFolds = 3

  /// - Parameters:
  ///   - arguments: the constructor's arguments except `search:`, `trials:`
  ///     and `metric:`, which `search` carries.
  ///   - resumeAfterInterrupt: clears Ctrl-C once the search stopped, so the
  ///     final fit of the best trial can run (a second Ctrl-C stops it).
  public static func tune(
    algorithm name: String, table: Table, arguments: [ModelArgument], search: SearchSpec,
    span: SourceSpan? = nil, isCancelled: @Sendable () -> Bool = { false },
    resumeAfterInterrupt: () -> Void = {}, progress: (Double) -> Void = { _ in }
  ) throws(Diagnostic) -> TuningOutcome {
    guard let algorithm = ModelAlgorithm(rawValue: name) else {
      throw LearnDiagnostics.unknownAlgorithm(name, at: span)
    }
    if algorithm == .kmeans { throw TuningDiagnostics.tuneClustering(at: span) }
    var fixed = arguments
    if !fixed.contains(where: { $0.name == "cv" }) {
      fixed.append(
        ModelArgument(name: "cv", value: .value(.int(Int64(defaultFolds)))))
    }
    let base = try TrainingRequest(algorithm: algorithm, arguments: fixed)
    try search.validate(algorithm: algorithm, fixed: fixed)
    let plan = try ModelTrainer.prepare(base, table: table, span: span)
    let metric = try TuningMetric.resolve(search.metric, task: plan.analysis.task)
    let rows = try ModelTrainer.trainingRows(base, plan: plan, span: span)
    let foldCount = base.crossValidationFolds ?? defaultFolds
    let split = try CrossValidation.folds(
      plan, rows: rows.training, count: foldCount, seed: base.seed)

    let values = search.trialValues(seed: base.seed)
    var requests: [TrainingRequest] = []
    for trial in values {
      let overrides = zip(search.dimensions, trial).map { dimension, value in
        ModelArgument(
          name: dimension.name, nameSpan: dimension.nameSpan, value: .value(value),
          valueSpan: dimension.valueSpan)
      }
      requests.append(try TrainingRequest(algorithm: algorithm, arguments: fixed + overrides))
    }

    let trialRequests = requests
    let units = requests.count * foldCount
    let results = FitResults<CrossValidation.FoldResult>(count: units)
    let done = ProgressCounter(total: units)
    withoutActuallyEscaping(progress) { progress in
      let report = UncheckedSendable(progress)
      ParallelWork.run(count: units, threads: 2) { unit in
        if isCancelled() { return }
        let request = trialRequests[unit / foldCount]
        results.store(
          unit,
          Result { () throws(Diagnostic) -> CrossValidation.FoldResult in
            try CrossValidation.fitFold(
              plan, request: request, split: split, index: unit % foldCount,
              isCancelled: isCancelled)
          })
        done.advance { report.value($0 * 0.95) }
      }
    }

    let slots = results.all
    var trials: [TuningTrial] = []
    var interrupted = false
    for (index, request) in requests.enumerated() {
      var folds: [CrossValidation.FoldResult] = []
      for slot in slots[(index * foldCount)..<((index + 1) * foldCount)] {
        switch slot {
        case .success(let fold): folds.append(fold)
        case .failure(let error) where error.code == LearnDiagnostics.interrupted.code:
          interrupted = true
        case .failure(let error): throw error
        case nil: interrupted = true
        }
      }
      let parameters = zip(search.dimensions, values[index]).map {
        ModelParameter(name: $0.name, value: $1)
      }
      var trial = TuningTrial(values: parameters, validation: nil)
      if folds.count == foldCount {
        trial.validation = CrossValidationSummary(
          foldRows: split.folds.map(\.count), foldMetrics: folds.map(\.metrics), seed: base.seed,
          foldTreeCounts: request.algorithm == .gbt && request.boosting.earlyStopping != nil
            ? folds.map(\.treeCount) : nil)
      }
      trials.append(trial)
    }
    let ranking = rank(trials, by: metric)
    guard let best = ranking.first, let validation = trials[best].validation else {
      throw LearnDiagnostics.interrupted
    }
    if interrupted { resumeAfterInterrupt() }
    let model = try ModelTrainer.fitFinal(
      plan, request: requests[best], rows: rows, validation: validation,
      isCancelled: isCancelled, progress: { progress(0.95 + $0 * 0.05) })
    return TuningOutcome(
      model: model, trials: trials, ranking: ranking, metric: metric, foldCount: foldCount,
      isRandom: search.trials != nil, interrupted: interrupted)
  }

  /// The finished trials, best first; ties (and NaN scores, last) keep
  /// trial order.
  static func rank(_ trials: [TuningTrial], by metric: TuningMetric) -> [Int] {
    let scored = trials.indices.compactMap { index in
      trials[index].score(metric).map { (index, $0) }
    }
    return scored.sorted { left, right in
      let (a, b) = (left.1, right.1)
      if a.isNaN != b.isNaN { return b.isNaN }
      if a != b && !a.isNaN { return metric.higherIsBetter ? a > b : a < b }
      return left.0 < right.0
    }.map(\.0)
  }
}
