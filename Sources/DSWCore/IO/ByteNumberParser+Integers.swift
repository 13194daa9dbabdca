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

  /// One to eight decimal digits, unsigned, read as one word (SWAR): nil
  /// when a byte is not a digit. The eight bytes from `start` must be
  /// readable, even when `count` is smaller.
  @inline(__always)
  static func parseEightDigits(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    let word = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
    // The field's bytes move to the word's high end; the bytes after the
    // field fall off, and zeros (leading zero digits) come in below.
    let digits = (word ^ 0x3030_3030_3030_3030) << (UInt64(8 &- count) &* 8)
    let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard digits & highNibbles == 0, (digits &+ 0x0606_0606_0606_0606) & highNibbles == 0 else {
      return nil
    }
    // Pairs, then fours, then all eight digits, each step one multiply.
    var value = ((digits & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    return Int64(truncatingIfNeeded: value)
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
