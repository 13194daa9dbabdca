// The Codable shape of a model file; docs/model-format.md describes it.
// Field names are snake_case in JSON (see ModelCodec's key strategy).

struct ModelFile: Codable {
  var format: String
  var version: Int
  var algorithm: ModelAlgorithm
  var task: ModelTask
  var target: String?
  var positive: ValueField?
  var negative: ValueField?
  var features: [FeatureField]
  var parameters: [ParameterField]
  var metrics: [MetricField]
  var importance: [ImportanceField]
  var trainingRows: Int
  var holdoutRows: Int
  var baseRate: Double?
  var clusterSizes: [Int]
  var gbt: BoostedField?
  var linear: LinearField?
  var kmeans: KMeansField?
  /// bgnbd and gamma_gamma: the fitted parameters.
  var lifetime: LifetimeField?

  static let formatName = "dsw-model"
  static let currentVersion = 1
}

/// A boxed `Value`: `{"type": "int", "value": 3}`; dates are days since the
/// epoch, timestamps microseconds.
struct ValueField: Codable {
  var value: Value

  private enum Keys: String, CodingKey { case type, value }

  init(_ value: Value) { self.value = value }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    switch value {
    case .null: try container.encode("null", forKey: .type)
    case .int(let payload):
      try container.encode("int", forKey: .type)
      try container.encode(payload, forKey: .value)
    case .double(let payload):
      try container.encode("double", forKey: .type)
      try container.encode(payload, forKey: .value)
    case .bool(let payload):
      try container.encode("bool", forKey: .type)
      try container.encode(payload, forKey: .value)
    case .string(let payload):
      try container.encode("string", forKey: .type)
      try container.encode(payload, forKey: .value)
    case .date(let payload):
      try container.encode("date", forKey: .type)
      try container.encode(payload, forKey: .value)
    case .timestamp(let payload):
      try container.encode("timestamp", forKey: .type)
      try container.encode(payload, forKey: .value)
    }
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    switch try container.decode(String.self, forKey: .type) {
    case "null": value = .null
    case "int": value = .int(try container.decode(Int64.self, forKey: .value))
    case "double": value = .double(try container.decode(Double.self, forKey: .value))
    case "bool": value = .bool(try container.decode(Bool.self, forKey: .value))
    case "string": value = .string(try container.decode(String.self, forKey: .value))
    case let name where name == "date" || name == "timestamp":
      let type: DataType = name == "date" ? .date : .timestamp
      let number = try container.decode(Int64.self, forKey: .value)
      // The engine's calendar arithmetic assumes its range; a value past it
      // would trap when shown.
      guard TimeRange.contains(number, type) else {
        throw DecodingError.dataCorruptedError(
          forKey: .value, in: container, debugDescription: TimeRange.help)
      }
      value = type == .date ? .date(number) : .timestamp(number)
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown value type \"\(other)\"")
    }
  }
}

struct FeatureField: Codable {
  var name: String
  var type: DataType
  /// "numeric" or "categorical".
  var encoding: String
  var categories: [String]?
  /// True when the last category groups every other string.
  var other: Bool?
}

struct ParameterField: Codable {
  var name: String
  var value: ValueField
}

struct MetricField: Codable {
  var name: String
  var value: Double
}

struct ImportanceField: Codable {
  var feature: String
  var importance: Double
}

struct BoostedField: Codable {
  var objective: GradientBoostedTrees.Objective
  var initialScore: Double
  /// Per feature: numeric upper bounds, or the categorical bin count.
  var bins: [BinField]
  var trees: [TreeField]
}

struct BinField: Codable {
  var upperBounds: [Double]?
  var categories: Int?
}

struct TreeField: Codable {
  var nodes: [NodeField]
  var leaves: [Double]
  /// Training rows per leaf (optional: files written before explanations lack it).
  var leafCounts: [Double]?
}

struct NodeField: Codable {
  var feature: Int
  /// Numeric: bins 0...threshold go left.
  var threshold: Int?
  /// Categorical: the category codes that go left.
  var leftCategories: [Int]?
  var missingLeft: Bool
  /// >= 0: a node index; < 0: `-1 - leaf`.
  var left: Int
  var right: Int
  var gain: Double
  /// Training rows that reached the node (optional, as `leaf_counts`).
  var count: Double?
}

struct TermField: Codable {
  var feature: Int
  /// "value", "missing" or "category".
  var kind: String
  var imputed: Double?
  var category: Int?
  var mean: Double
  var scale: Double
}

struct LinearField: Codable {
  var link: LinearModel.Link
  var intercept: Double
  var terms: [TermField]
  var coefficients: [Double]
}

struct KMeansField: Codable {
  var terms: [TermField]
  /// One row of standardized coordinates per cluster, cluster 1 first.
  var centres: [[Double]]
}

/// A lifetime-value model's parameters in their fixed order (bgnbd: r,
/// alpha, a, b; gamma_gamma: p, q, v), with standard errors.
struct LifetimeField: Codable {
  var estimates: [EstimateField]
}

struct EstimateField: Codable {
  var name: String
  var value: Double
  var standardError: Double
}
