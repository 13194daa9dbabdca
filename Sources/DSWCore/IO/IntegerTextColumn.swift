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

extension ByteNumberParser {
  /// Whether the bytes are an optionally signed run of decimal digits.
  static func isIntegerLiteral(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    if count > 0, start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") { index = 1 }
    guard index < count else { return false }
    while index < count {
      guard start[index] &- 48 < 10 else { return false }
      index += 1
    }
    return true
  }

  /// A double, except for an integer literal that a double would not hold
  /// exactly (beyond Int64, or an Int64 beyond 2^53 that rounds): nil for
  /// those, so a double column never silently changes an integer's digits.
  @inline(__always)
  static func parseDoubleKeepingIntegers(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    guard let value = parseDouble(start, count) else { return nil }
    // Every integer below 2^53 is exact; only larger ones need a look.
    if value.magnitude < 9_007_199_254_740_992 || !isIntegerLiteral(start, count) {
      return value
    }
    guard let integer = parseInt(start, count), Double(exactly: integer) != nil else { return nil }
    return value
  }

  /// The text of a field, for notes.
  static func text(_ start: UnsafePointer<UInt8>, _ count: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  }
}
