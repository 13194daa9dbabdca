/// Telling integer literals apart, so that loading never rounds one.
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
