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
