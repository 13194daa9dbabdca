import Foundation

/// Parses numbers, booleans and calendar values straight from UTF-8 bytes.
///
/// Loaders call these once per field, so they never build a `String`. Each
/// parser accepts the whole field or nothing: a field with trailing text is
/// not a number.
enum ByteNumberParser {
  /// Powers of ten that a `Double` holds exactly (10^0 ... 10^22).
  private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// An optionally signed decimal integer that fits in `Int64`.
  @inline(__always)
  static func parseInt(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    guard count > 0 else { return nil }
    var index = 0
    var negative = false
    let first = start[0]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      index = 1
      guard count > 1 else { return nil }
    }
    // 18 digits always fit, so the common case needs no overflow checks.
    if count - index <= 18 {
      var magnitude: Int64 = 0
      while index < count {
        let digit = start[index] &- 48
        guard digit < 10 else { return nil }
        magnitude = magnitude &* 10 &+ Int64(digit)
        index += 1
      }
      return negative ? -magnitude : magnitude
    }
    var magnitude: UInt64 = 0
    while index < count {
      let digit = start[index] &- 48
      guard digit < 10 else { return nil }
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
      guard !overflow1, !overflow2 else { return nil }
      magnitude = sum
      index += 1
    }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// A finite decimal number: `[+-]digits[.digits][e[+-]digits]`, or `.5`.
  ///
  /// Exact for every input: the fast path covers mantissas up to 2^53 with
  /// small exponents (Clinger), and everything else goes through `strtod`.
  /// `nan`, `inf` and values that overflow to infinity are rejected.
  @inline(__always)
  static func parseDouble(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    guard count > 0 else { return nil }
    var index = 0
    var negative = false
    if start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") {
      negative = start[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digitCount = 0
    var exponent = 0
    while index < count {
      let digit = start[index] &- 48
      if digit >= 10 { break }
      if mantissa != 0 || digit != 0 {
        if significantDigits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
        } else {
          exponent += 1
        }
        significantDigits += 1
      }
      digitCount += 1
      index += 1
    }
    if index < count, start[index] == UInt8(ascii: ".") {
      index += 1
      while index < count {
        let digit = start[index] &- 48
        if digit >= 10 { break }
        if mantissa != 0 || digit != 0 {
          if significantDigits < 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            exponent -= 1
          }
          significantDigits += 1
        } else {
          exponent -= 1
        }
        digitCount += 1
        index += 1
      }
    }
    guard digitCount > 0 else { return nil }
    if index < count, start[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      var exponentNegative = false
      if index < count, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
        exponentNegative = start[index] == UInt8(ascii: "-")
        index += 1
      }
      var written = 0
      var exponentDigits = 0
      while index < count {
        let digit = start[index] &- 48
        if digit >= 10 { break }
        if written < 100_000 { written = written * 10 + Int(digit) }
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0 else { return nil }
      exponent += exponentNegative ? -written : written
    }
    guard index == count else { return nil }
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    if significantDigits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      let value = Double(mantissa)
      let scaled =
        exponent < 0
        ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
      return negative ? -scaled : scaled
    }
    return slowParseDouble(start, count)
  }

  /// `strtod` on a NUL-terminated copy, for the rare inputs the fast path
  /// cannot round exactly.
  private static func slowParseDouble(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
      guard let text = buffer.baseAddress else { return Double.nan }
      for index in 0..<count { text[index] = CChar(bitPattern: start[index]) }
      text[count] = 0
      return strtod(text, nil)
    }
    return value.isFinite ? value : nil
  }

  /// `true` or `false`, in any letter case.
  @inline(__always)
  static func parseBool(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
    if count == 4, start[0] | 0x20 == 0x74, start[1] | 0x20 == 0x72, start[2] | 0x20 == 0x75,
      start[3] | 0x20 == 0x65
    {
      return true
    }
    if count == 5, start[0] | 0x20 == 0x66, start[1] | 0x20 == 0x61, start[2] | 0x20 == 0x6C,
      start[3] | 0x20 == 0x73, start[4] | 0x20 == 0x65
    {
      return false
    }
    return nil
  }

  /// `YYYY-MM-DD` as days since the epoch.
  @inline(__always)
  static func parseDate(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    guard count == 10, start[4] == UInt8(ascii: "-"), start[7] == UInt8(ascii: "-") else {
      return nil
    }
    guard let year = fixedDigits(start, 4), let month = fixedDigits(start + 5, 2),
      let day = fixedDigits(start + 8, 2), month >= 1, month <= 12, day >= 1,
      day <= CivilTime.daysInMonth(year: year, month: month)
    else { return nil }
    return CivilTime.days(year: year, month: month, day: day)
  }

  /// An ISO 8601 timestamp (or a bare date) as microseconds since the epoch.
  ///
  /// Defers to `CivilTime.parseTimestamp` so every loader agrees on the
  /// grammar; `scratch` is reused to avoid allocating per field.
  @inline(__always)
  static func parseTimestamp(
    _ start: UnsafePointer<UInt8>, _ count: Int, scratch: inout [UInt8]
  ) -> Int64? {
    guard count >= 10, count <= 40, start[4] == UInt8(ascii: "-") else { return nil }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    return CivilTime.parseTimestamp(utf8: scratch[...])
  }

  @inline(__always)
  private static func fixedDigits(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    var value: Int64 = 0
    for index in 0..<count {
      let digit = start[index] &- 48
      guard digit < 10 else { return nil }
      value = value * 10 + Int64(digit)
    }
    return value
  }
}
