import DSWCore
import Foundation

/// One model the server answers for: a trained model under a name and version.
public struct ServedModel: Sendable {
  public var name: String
  public var version: Int
  public private(set) var model: TrainedModel
  /// When it was trained: the notebook run's time, or the model file's
  /// modification time (`save model` writes the file right after training).
  public var trainedAt: Date?
  /// Where it came from, for the startup listing and the logs: a file path or
  /// `notebook.dswnb`.
  public var origin: String
  /// The model's features laid out for reading request bodies.
  let schema: FeatureSchema

  public init(name: String, version: Int, model: TrainedModel, trainedAt: Date?, origin: String) {
    self.name = name
    self.version = version
    self.model = model
    self.trainedAt = trainedAt
    self.origin = origin
    schema = FeatureSchema(model.features)
  }

  /// `conv@2`: how logs, metrics and answers name it.
  public var reference: String { "\(name)@\(version)" }

  /// The names of the columns `score` adds, in the notebook's order:
  /// `score` and `decile`, `score` alone, or `score` and `distance`.
  var scoreColumns: [String] {
    switch model.task {
    case .binaryClassification: ["score", "decile"]
    case .regression: ["score"]
    case .clustering: ["score", "distance"]
    case .purchases, .spend: []
    }
  }

  /// Lifetime-value models (bgnbd, gamma_gamma) score over a horizon the
  /// request cannot give: they are not served.
  public static func isServable(_ model: TrainedModel) -> Bool {
    model.task != .purchases && model.task != .spend
  }
}
