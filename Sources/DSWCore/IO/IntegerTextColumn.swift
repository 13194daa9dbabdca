/// A column of integers that loaded as text, because as numbers they would
/// lose digits.
///
/// An integer beyond Int64 cannot be an int, and as a double it would round
/// (`9223372036854775808` and `9223372036854775807` become one value), so ids
/// would collapse and counts of distinct values would be wrong. Likewise an
/// integer that a double cannot hold exactly (beyond 2^53) in a column that
/// also holds decimals. Such a column keeps every value's text, and the load
/// summary says so.
public struct IntegerTextColumn: Sendable, Hashable {
  public enum Reason: Sendable, Hashable {
    /// An integer outside Int64.
    case beyondInt64
    /// An integer a double cannot hold exactly, beside decimals.
    case inexactAsDouble
  }

  public var name: String
  /// The first value that forced text, as written.
  public var example: String
  public var reason: Reason

  public init(name: String, example: String, reason: Reason) {
    self.name = name
    self.example = example
    self.reason = reason
  }

  /// The line the load summary shows.
  public var note: String {
    switch reason {
    case .beyondInt64:
      "note: `\(name)` loaded as string, keeping every digit: \(example) is too large for "
        + "a 64-bit integer"
    case .inexactAsDouble:
      "note: `\(name)` loaded as string, keeping every digit: \(example) cannot be a double "
        + "exactly, and the column also holds decimals"
    }
  }
}
