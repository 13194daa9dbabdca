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
  /// The BG/NBD model of repeat purchases (lifetime value).
  case bgnbd
  /// The Gamma-Gamma model of spend per purchase (lifetime value).
  case gammaGamma = "gamma_gamma"
}

/// What a model predicts; it follows from the target (see `TargetAnalysis`).
public enum ModelTask: String, Sendable, Hashable, Codable {
  case binaryClassification = "binary classification"
  case regression
  case clustering
  /// bgnbd: how many purchases a customer will make, and whether they are still a customer.
  case purchases = "repeat purchases"
  /// gamma_gamma: how much a customer spends per purchase.
  case spend
}

extension ModelAlgorithm {
  /// The named arguments this algorithm's constructor takes, in the order
  /// the reference lists them: the common ones, then its own.
  public var argumentNames: [String] {
    if let roles = LifetimeTraining.roles(self) { return roles }
    let common = TrainingRequest.commonNames.filter { name in
      self != .kmeans || !["target", "split", "cv", "positive"].contains(name)
    }
    return common + TrainingRequest.parameterNames(self)
  }
}
