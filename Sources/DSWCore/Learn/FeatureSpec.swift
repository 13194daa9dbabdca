/// How a trained model reads one input column.
///
/// Numeric features take int, double, bool (0/1), date (days since the epoch)
/// and timestamp (fractional days since the epoch) columns. String features are
/// categorical: their categories are the distinct strings seen in training,
/// sorted; a string not among them reads as missing.
///
/// A string feature with more than `categoryLimit` distinct training strings
/// keeps the `categoryLimit − 1` most frequent and groups every other string
/// (at training and at scoring) into one last category, `otherLabel`.
public struct FeatureSpec: Sendable, Hashable {
  public var name: String
  /// The column's type at training.
  public var type: DataType
  public var encoding: FeatureEncoding
  /// Whether the last category stands for every string not among the others.
  public var groupsOthers: Bool

  public init(name: String, type: DataType, encoding: FeatureEncoding, groupsOthers: Bool = false) {
    self.name = name
    self.type = type
    self.encoding = encoding
    self.groupsOthers = groupsOthers
  }

  /// At most this many categories make a categorical feature, "other" included.
  public static let categoryLimit = 32
  /// The name of the category that groups the rarer strings.
  public static let otherLabel = "(other)"

  /// Whether a column of `other` type can stand in for this feature at scoring.
  func accepts(_ other: DataType) -> Bool {
    switch type {
    case .int, .double: other == .int || other == .double
    case .bool: other == .bool
    case .date, .timestamp: other == .date || other == .timestamp
    case .string: other == .string
    }
  }

  /// The spec of `column` as a feature; categories are the strings it holds on `rows`.
  static func infer(name: String, column: Column, rows: [Int]) -> FeatureSpec {
    guard case .string(let codes, let dictionary) = column.storage else {
      return FeatureSpec(name: name, type: column.type, encoding: .numeric)
    }
    // The categories come from the training rows only.
    var counts = [Int](repeating: 0, count: dictionary.count)
    for row in rows where codes[row] >= 0 { counts[Int(codes[row])] += 1 }
    let seen = counts.indices.filter { counts[$0] > 0 }
    guard seen.count > categoryLimit else {
      let categories = seen.map { dictionary.strings[$0] }.sorted()
      return FeatureSpec(name: name, type: .string, encoding: .categorical(categories))
    }
    // The most frequent strings, ties to the earlier in sort order.
    let kept = seen.sorted { lhs, rhs in
      counts[lhs] > counts[rhs]
        || (counts[lhs] == counts[rhs] && dictionary.strings[lhs] < dictionary.strings[rhs])
    }.prefix(categoryLimit - 1).map { dictionary.strings[$0] }.sorted()
    return FeatureSpec(
      name: name, type: .string, encoding: .categorical(kept + [otherLabel]), groupsOthers: true)
  }
}

/// Whether a feature is read as a number or as one of a fixed set of categories.
public enum FeatureEncoding: Sendable, Hashable {
  case numeric
  /// The training categories, sorted; the index is the category's code.
  case categorical([String])
}
