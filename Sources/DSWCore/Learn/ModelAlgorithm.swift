/// The model families dsw trains.
public enum ModelAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
  /// Gradient-boosted decision trees on histogram bins.
  case gbt
  /// L2-regularized logistic regression.
  case logistic
  /// Ridge regression.
  case linear
  /// k-means++ clustering.
  case kmeans
}

/// What a model predicts; it follows from the target (see `TargetAnalysis`).
public enum ModelTask: String, Sendable, Hashable, Codable {
  case binaryClassification = "binary classification"
  case regression
  case clustering
}

extension ModelAlgorithm {
  /// The named arguments this algorithm's constructor takes, in the order
  /// the reference lists them: the common ones, then its own.
  public var argumentNames: [String] {
    let common = TrainingRequest.commonNames.filter { name in
      self != .kmeans || !["target", "split", "cv", "positive"].contains(name)
    }
    return common + TrainingRequest.parameterNames(self)
  }
}
