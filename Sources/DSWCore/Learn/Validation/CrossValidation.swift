import Foundation

/// What k-fold cross-validation measured: each fold's metrics, and their
/// mean and standard deviation.
public struct CrossValidationSummary: Sendable, Hashable {
  /// Validation rows per fold.
  public var foldRows: [Int]
  /// Each fold's metrics, in `Evaluation.headlineMetrics` order.
  public var foldMetrics: [[MetricsOutput.Metric]]
  public var seed: UInt64
  /// Trees each fold kept, when early stopping cut them; nil otherwise.
  var foldTreeCounts: [Int]?

  public var foldCount: Int { foldRows.count }

  /// The metric names, headline first.
  public var names: [String] { foldMetrics.first?.map(\.name) ?? [] }

  /// Each metric's mean over the folds (NaN folds are skipped).
  public var meanMetrics: [MetricsOutput.Metric] {
    names.indices.map { MetricsOutput.Metric(name: names[$0], value: Self.mean(values($0))) }
  }

  /// Each metric's standard deviation over the folds, as scikit-learn's
  /// `cv_results_` reports it (dividing by the number of folds).
  public var standardDeviations: [Double] {
    names.indices.map { Self.standardDeviation(values($0)) }
  }

  /// The fold values of metric `index`.
  func values(_ index: Int) -> [Double] {
    foldMetrics.map { index < $0.count ? $0[index].value : .nan }
  }

  /// The mean number of trees the folds kept, rounded.
  var meanTreeCount: Int? {
    guard let counts = foldTreeCounts, !counts.isEmpty else { return nil }
    return Int((Double(counts.reduce(0, +)) / Double(counts.count)).rounded())
  }

  static func mean(_ values: [Double]) -> Double {
    let finite = values.filter(\.isFinite)
    guard !finite.isEmpty else { return .nan }
    return finite.reduce(0, +) / Double(finite.count)
  }

  static func standardDeviation(_ values: [Double]) -> Double {
    let finite = values.filter(\.isFinite)
    guard !finite.isEmpty else { return .nan }
    let mean = Self.mean(finite)
    let squares = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(finite.count)).squareRoot()
  }

  /// A table of one row per fold, then the mean and the standard deviation.
  public var foldTable: TableOutput {
    var rows: [[Value]] = []
    for (index, metrics) in foldMetrics.enumerated() {
      rows.append(
        [.string(String(index + 1)), .int(Int64(foldRows[index]))]
          + metrics.map { .double($0.value) })
    }
    rows.append([.string("mean"), .null] + meanMetrics.map { .double($0.value) })
    rows.append([.string("sd"), .null] + standardDeviations.map { .double($0) })
    return TableOutput(
      columns: ["fold", "rows"] + names, types: [.string, .int] + names.map { _ in .double },
      rows: rows, totalRows: rows.count)
  }

  /// Each metric as mean and standard deviation, one row per metric.
  public var summaryTable: TableOutput {
    let sds = standardDeviations
    let rows = meanMetrics.enumerated().map { index, metric -> [Value] in
      [.string(metric.name), .double(metric.value), .double(sds[index])]
    }
    return TableOutput(
      columns: ["metric", "mean", "± sd"], types: [.string, .double, .double], rows: rows,
      totalRows: rows.count)
  }
}

/// Stratified, seeded k-fold cross-validation of one training request.
enum CrossValidation {
  /// Fits `request` once per fold of `rows` and measures each fit on its
  /// fold. Folds run on both cores; the results do not depend on which
  /// finishes first.
  static func run(
    _ plan: TrainingPlan, request: TrainingRequest, rows: [Int], folds count: Int,
    isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> CrossValidationSummary {
    let split = try folds(plan, rows: rows, count: count, seed: request.seed)
    let results = FitResults<FoldResult>(count: count)
    let done = ProgressCounter(total: count)
    withoutActuallyEscaping(progress) { progress in
      let report = UncheckedSendable(progress)
      ParallelWork.run(count: count, threads: 2) { index in
        results.store(
          index,
          Result { () throws(Diagnostic) -> FoldResult in
            try fitFold(
              plan, request: request, split: split, index: index, isCancelled: isCancelled)
          })
        done.advance { report.value($0) }
      }
    }
    var metrics: [[MetricsOutput.Metric]] = []
    var trees: [Int] = []
    for result in results.all {
      switch result {
      case .success(let fold):
        metrics.append(fold.metrics)
        trees.append(fold.treeCount)
      case .failure(let error): throw error
      case nil: throw LearnDiagnostics.interrupted
      }
    }
    return CrossValidationSummary(
      foldRows: split.folds.map(\.count), foldMetrics: metrics, seed: request.seed,
      foldTreeCounts: request.boosting.earlyStopping != nil && request.algorithm == .gbt
        ? trees : nil)
  }

  /// The folds of `rows`, checked: each fold needs rows, and each training
  /// side both classes.
  static func folds(
    _ plan: TrainingPlan, rows: [Int], count: Int, seed: UInt64
  ) throws(Diagnostic) -> FoldSplit {
    let binary = plan.analysis.task == .binaryClassification
    if binary {
      let positives = rows.reduce(0) { $0 + (plan.analysis.labels[$1] == 1 ? 1 : 0) }
      let fewest = min(positives, rows.count - positives)
      if fewest < count {
        throw TuningDiagnostics.tooFewForFolds(
          count,
          detail: "each class of `\(plan.target)` needs at least \(count) rows; "
            + "the smaller class has \(fewest)")
      }
    } else if rows.count < 2 * count {
      throw TuningDiagnostics.tooFewForFolds(
        count, detail: "it needs at least \(2 * count) rows; there are \(rows.count)")
    }
    return FoldSplit.stratified(
      rows: rows, strata: binary ? plan.analysis.labels : nil, count: count, seed: seed)
  }

  struct FoldResult: Sendable {
    var metrics: [MetricsOutput.Metric]
    var treeCount: Int
  }

  /// Fits on every fold but `index` and measures on fold `index`.
  static func fitFold(
    _ plan: TrainingPlan, request: TrainingRequest, split: FoldSplit, index: Int,
    isCancelled: @Sendable () -> Bool
  ) throws(Diagnostic) -> FoldResult {
    let model = try ModelTrainer.fit(
      plan, request: request, training: split.training(excluding: index),
      holdout: split.folds[index], isCancelled: isCancelled, progress: { _ in })
    var trees = 0
    if case .gbt(let ensemble) = model.fitted { trees = ensemble.trees.count }
    return FoldResult(metrics: model.metrics, treeCount: trees)
  }
}

/// Results written by worker threads into their own slots.
final class FitResults<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, Diagnostic>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ result: Result<Value, Diagnostic>) {
    lock.withLock { slots[index] = result }
  }

  /// Every slot; nil where the work never finished.
  var all: [Result<Value, Diagnostic>?] { lock.withLock { slots } }
}

/// Counts finished work items and reports the fraction done, one report at
/// a time.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int

  init(total: Int) { self.total = total }

  func advance(_ report: (Double) -> Void) {
    lock.withLock {
      done += 1
      report(Double(done) / Double(max(total, 1)))
    }
  }
}
