/// A trained model: what it learned, from what, and how well it did.
///
/// Everything here except `holdout` is saved by `ModelCodec`, and a loaded
/// model scores exactly as the trained one did.
public struct TrainedModel: Sendable {
  public var algorithm: ModelAlgorithm
  public var task: ModelTask
  /// The target column (nil for kmeans).
  public var target: String?
  /// For classification: the target value that is positive, and the other one.
  public var positiveClass: Value?
  public var negativeClass: Value?
  public var features: [FeatureSpec]
  public var parameters: [ModelParameter]
  public var fitted: FittedModel
  /// Holdout metrics (kmeans: training metrics); the headline comes first.
  public var metrics: [MetricsOutput.Metric]
  /// Per feature, most important first: gain share for gbt, summed
  /// |standardized coefficient| for linear models; empty for kmeans.
  public var featureImportance: [FeatureImportance]
  public var trainingRowCount: Int
  public var holdoutRowCount: Int
  /// The positive rate among training rows; the threshold metrics predict
  /// positive at or above it.
  public var baseRate: Double?
  /// kmeans: rows per cluster, cluster 1 first.
  public var clusterSizes: [Int]
  /// The holdout rows with their labels and scores, kept in memory only.
  public var holdout: Holdout?
  /// With `cv:` (and after `tune`): the metrics of each fold.
  public var crossValidation: CrossValidationSummary? = nil

  /// The first metric: AUC, RMSE or silhouette.
  public var headline: MetricsOutput.Metric? { metrics.first }
}

/// The fitted state of a model, by family.
public enum FittedModel: Sendable, Hashable {
  case gbt(GradientBoostedTrees)
  case linear(LinearModel)
  case kmeans(KMeansModel)
  case bgnbd(BGNBDModel)
  case gammaGamma(GammaGammaModel)
}

/// The rows held out of training, for `evaluate`.
public struct Holdout: Sendable, Hashable {
  /// Row indices into the training table.
  public var rows: [Int]
  /// 1/0 for classification; values for regression.
  public var labels: [Double]
  /// Probabilities or predictions.
  public var scores: [Double]
  /// The holdout rows' features, for `explain` and `evaluate`'s contributions.
  var frame: FeatureFrame? = nil
}

/// How much one feature contributes to a model.
public struct FeatureImportance: Sendable, Hashable {
  public var feature: String
  public var importance: Double
  public init(feature: String, importance: Double) {
    self.feature = feature
    self.importance = importance
  }
}

extension TrainedModel {
  /// Scores `table`: `score` (probability of the positive class, prediction,
  /// or cluster 1...k), plus `decile` for classification (1 = highest, ties in
  /// row order) and `distance` for kmeans.
  ///
  /// The table must hold every feature with a compatible type; `span` is where
  /// errors point (the `score` transform).
  public func score(
    _ table: Table, at span: SourceSpan? = nil, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [(String, Column)] {
    let frame = try FeatureFrame.extract(features, from: table, span: span)
    switch fitted {
    case .kmeans(let model):
      var clusters: [Int64] = []
      var distances: [Double] = []
      clusters.reserveCapacity(frame.rowCount)
      distances.reserveCapacity(frame.rowCount)
      try frame.forEachBlock(limits: limits) { block in
        let assignment = model.assign(block)
        clusters += assignment.clusters
        distances += assignment.distances
      }
      return [("score", Column(ints: clusters)), ("distance", Column(doubles: distances))]
    case .bgnbd, .gammaGamma:
      // Lifetime models score through `LifetimeScoring`, which needs `horizon:`.
      return []
    case .gbt, .linear:
      var scores: [Double] = []
      scores.reserveCapacity(frame.rowCount)
      try frame.forEachBlock(limits: limits) { block in scores += predictions(block) }
      if task == .binaryClassification {
        return [
          ("score", Column(doubles: scores)), ("decile", Column(ints: Metrics.deciles(scores))),
        ]
      }
      return [("score", Column(doubles: scores))]
    }
  }

  /// Probabilities or predictions of a supervised model.
  func predictions(_ frame: FeatureFrame) -> [Double] {
    switch fitted {
    case .gbt(let model): model.predict(frame)
    case .linear(let model): model.predict(frame)
    case .kmeans(let model): model.assign(frame).clusters.map(Double.init)
    case .bgnbd, .gammaGamma: [Double](repeating: .nan, count: frame.rowCount)
    }
  }
}
