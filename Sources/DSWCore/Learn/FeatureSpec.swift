/// How a trained model reads one input column.
///
/// Numeric features take int, double, bool (0/1), date (days since the epoch)
/// and timestamp (fractional days since the epoch) columns. String features are
/// categorical: their categories are the distinct strings seen in training,
/// sorted; a string not among them reads as missing.
public struct FeatureSpec: Sendable, Hashable {
  public var name: String
  /// The column's type at training.
  public var type: DataType
  public var encoding: FeatureEncoding

  public init(name: String, type: DataType, encoding: FeatureEncoding) {
    self.name = name
    self.type = type
    self.encoding = encoding
  }

  /// At most this many distinct strings make a categorical feature; more is refused.
  public static let categoryLimit = 32

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
  static func infer(
    name: String, column: Column, rows: [Int], span: SourceSpan?
  ) throws(Diagnostic) -> FeatureSpec {
    guard case .string(let codes, let dictionary) = column.storage else {
      return FeatureSpec(name: name, type: column.type, encoding: .numeric)
    }
    // The limit counts every row, so the message matches what the user sees;
    // the categories come from the training rows only.
    var present = [Bool](repeating: false, count: dictionary.count)
    var distinct = 0
    for code in codes where code >= 0 && !present[Int(code)] {
      present[Int(code)] = true
      distinct += 1
    }
    var seen = [Bool](repeating: false, count: dictionary.count)
    for row in rows where codes[row] >= 0 { seen[Int(codes[row])] = true }
    if distinct > categoryLimit {
      throw LearnDiagnostics.tooManyCategories(
        name, distinct: distinct, limit: categoryLimit, at: span)
    }
    let categories = seen.indices.filter { seen[$0] }.map { dictionary.strings[$0] }.sorted()
    return FeatureSpec(name: name, type: .string, encoding: .categorical(categories))
  }
}

/// Whether a feature is read as a number or as one of a fixed set of categories.
public enum FeatureEncoding: Sendable, Hashable {
  case numeric
  /// The training categories, sorted; the index is the category's code.
  case categorical([String])
}
