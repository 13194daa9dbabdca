import Foundation

/// One searched parameter as the statement wrote it:
/// `leaves: [15, 31]`, `learning_rate: log_between(0.01, 0.3)`.
public struct SearchDimension: Sendable, Hashable {
  public enum Values: Sendable, Hashable {
    /// Values to try, each with the span it was written at.
    case list([Value], spans: [SourceSpan])
    /// A range sampled uniformly, or uniformly in its logarithm.
    case range(low: Double, high: Double, logarithmic: Bool)
  }

  public var name: String
  public var nameSpan: SourceSpan
  public var values: Values
  public var valueSpan: SourceSpan

  public init(name: String, nameSpan: SourceSpan, values: Values, valueSpan: SourceSpan) {
    self.name = name
    self.nameSpan = nameSpan
    self.values = values
    self.valueSpan = valueSpan
  }
}

/// What `tune` searches: the dimensions, how many random trials (nil: the
/// whole grid), and the metric that ranks them.
public struct SearchSpec: Sendable {
  public var dimensions: [SearchDimension]
  public var span: SourceSpan
  public var trials: (count: Int, span: SourceSpan)?
  public var metric: (name: String, span: SourceSpan)?

  public init(
    dimensions: [SearchDimension], span: SourceSpan, trials: (count: Int, span: SourceSpan)? = nil,
    metric: (name: String, span: SourceSpan)? = nil
  ) {
    self.dimensions = dimensions
    self.span = span
    self.trials = trials
    self.metric = metric
  }

  /// The most trials one `tune` runs, grid or random.
  public static let trialLimit = 1000

  /// The parameters taken as whole numbers: a range's draws are rounded.
  static let integerParameters: Set<String> = [
    "trees", "leaves", "depth", "min_data_in_leaf", "bins", "early_stopping", "k", "iterations",
  ]

  /// Checks the dimensions against the algorithm and the fixed arguments.
  func validate(
    algorithm: ModelAlgorithm, fixed: [ModelArgument]
  ) throws(Diagnostic) {
    let valid = TrainingRequest.parameterNames(algorithm)
    var hasRange = false
    for dimension in dimensions {
      guard valid.contains(dimension.name) else {
        throw TuningDiagnostics.unknownParameter(
          dimension.name, algorithm: algorithm, at: dimension.nameSpan)
      }
      if fixed.contains(where: { $0.name == dimension.name }) {
        throw TuningDiagnostics.searchedAndFixed(dimension.name, at: dimension.nameSpan)
      }
      switch dimension.values {
      case .list(let values, let spans):
        if values.isEmpty {
          throw TuningDiagnostics.emptyValues(dimension.name, at: dimension.valueSpan)
        }
        for (value, span) in zip(values, spans) {
          try check(dimension.name, value, span: span, algorithm: algorithm, fixed: fixed)
        }
      case .range(let low, let high, let logarithmic):
        hasRange = true
        let function = logarithmic ? "log_between" : "between"
        guard low.isFinite, high.isFinite, low < high else {
          throw TuningDiagnostics.badRange(
            "`\(function)(a, b)` needs a below b", at: dimension.valueSpan)
        }
        if logarithmic && low <= 0 {
          throw TuningDiagnostics.badRange(
            "`log_between(a, b)` needs a above 0: it draws evenly in the logarithm",
            at: dimension.valueSpan)
        }
        for end in [low, high] {
          try check(
            dimension.name, value(of: dimension.name, end), span: dimension.valueSpan,
            algorithm: algorithm, fixed: fixed)
        }
      }
    }
    if trials == nil {
      if hasRange,
        let ranged = dimensions.first(where: {
          if case .range = $0.values { true } else { false }
        })
      {
        throw TuningDiagnostics.rangeNeedsTrials(ranged.name, at: ranged.valueSpan)
      }
      let size = gridSize
      if size > Self.trialLimit {
        throw TuningDiagnostics.gridTooLarge(size, limit: Self.trialLimit, at: span)
      }
    }
  }

  /// A value the parameter takes, checked as the constructor would check it.
  private func check(
    _ name: String, _ value: Value, span: SourceSpan, algorithm: ModelAlgorithm,
    fixed: [ModelArgument]
  ) throws(Diagnostic) {
    let argument = ModelArgument(name: name, nameSpan: span, value: .value(value), valueSpan: span)
    _ = try TrainingRequest(algorithm: algorithm, arguments: fixed + [argument])
  }

  /// The number of grid combinations (Int.max when it overflows).
  var gridSize: Int {
    var size = 1
    for dimension in dimensions {
      guard case .list(let values, _) = dimension.values else { continue }
      let (product, overflow) = size.multipliedReportingOverflow(by: max(values.count, 1))
      size = overflow ? Int.max : product
    }
    return size
  }

  /// The value a range's draw stands for: rounded for whole-number parameters.
  func value(of name: String, _ number: Double) -> Value {
    if Self.integerParameters.contains(name) { return .int(Int64(number.rounded())) }
    return .double(number)
  }

  /// The trials, each a value per dimension: the grid in written order (the
  /// last dimension varies fastest), or `trials` seeded random draws.
  func trialValues(seed: UInt64) -> [[Value]] {
    if let trials {
      var random = SeededRandom(seed: seed).split(0x7475_6E65)
      return (0..<trials.count).map { _ in
        dimensions.map { dimension in draw(dimension, &random) }
      }
    }
    var grid: [[Value]] = [[]]
    for dimension in dimensions {
      guard case .list(let values, _) = dimension.values else { continue }
      grid = grid.flatMap { prefix in values.map { prefix + [$0] } }
    }
    return grid
  }

  private func draw(_ dimension: SearchDimension, _ random: inout SeededRandom) -> Value {
    switch dimension.values {
    case .list(let values, _):
      return values[random.nextInt(below: values.count)]
    case .range(let low, let high, let logarithmic):
      let unit = random.nextDouble()
      let number =
        logarithmic ? exp(log(low) + unit * (log(high) - log(low))) : low + unit * (high - low)
      // Four significant digits: trials read cleanly and replay exactly.
      return value(of: dimension.name, Double(String(format: "%.4g", number)) ?? number)
    }
  }
}

/// The metric that ranks tuning trials, and which way is better.
public struct TuningMetric: Sendable, Hashable {
  /// As `evaluate` names it: "AUC", "log loss", "RMSE"…
  public var name: String
  public var higherIsBetter: Bool

  /// How each metric may be written in `metric:`, and the task it applies to.
  static let known: [(spelling: String, metric: TuningMetric, task: ModelTask)] = [
    ("auc", TuningMetric(name: "AUC", higherIsBetter: true), .binaryClassification),
    ("log_loss", TuningMetric(name: "log loss", higherIsBetter: false), .binaryClassification),
    ("accuracy", TuningMetric(name: "accuracy", higherIsBetter: true), .binaryClassification),
    ("precision", TuningMetric(name: "precision", higherIsBetter: true), .binaryClassification),
    ("recall", TuningMetric(name: "recall", higherIsBetter: true), .binaryClassification),
    ("f1", TuningMetric(name: "F1", higherIsBetter: true), .binaryClassification),
    ("rmse", TuningMetric(name: "RMSE", higherIsBetter: false), .regression),
    ("mae", TuningMetric(name: "MAE", higherIsBetter: false), .regression),
    ("r2", TuningMetric(name: "R²", higherIsBetter: true), .regression),
    ("mape", TuningMetric(name: "MAPE %", higherIsBetter: false), .regression),
  ]

  /// The metric `text` names for `task`; the task's headline when nil.
  static func resolve(
    _ text: (name: String, span: SourceSpan)?, task: ModelTask
  ) throws(Diagnostic) -> TuningMetric {
    let forTask = known.filter { $0.task == task }
    guard let text else { return forTask[0].metric }
    let key = text.name.lowercased().replacingOccurrences(of: " ", with: "_")
    let match = known.first { entry in
      entry.spelling == key || entry.metric.name.lowercased() == text.name.lowercased()
        || (key == "logloss" && entry.spelling == "log_loss")
        || (key == "r²" && entry.spelling == "r2")
    }
    guard let match else {
      throw TuningDiagnostics.unknownMetric(
        text.name, valid: forTask.map(\.spelling), at: text.span)
    }
    guard match.task == task else {
      throw TuningDiagnostics.metricNotApplicable(
        text.name, task: task, valid: forTask.map(\.spelling), at: text.span)
    }
    return match.metric
  }
}
