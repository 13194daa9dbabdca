import DSWCore
import Foundation

/// Turns values into the text a table cell shows.
///
/// A double keeps the digits that matter (`NumberStyle.digits`, 6 unless
/// `:set digits` says otherwise):
/// - a value with at most two decimals shows exactly, so money keeps its
///   cents: `412732.18`;
/// - otherwise it shows that many significant digits, but never fewer than
///   its integer digits, nor fewer than one decimal: `0.123457`, `12345.7`,
///   `1234567.9`;
/// - below 10^-4 or from 10^15 up it takes an exponent: `1.5e-07`, `1e+20`.
/// Integral doubles below 10^15 print whole with `.0` (`3.0`, `1500000000.0`)
/// so a double column never looks like an integer one. NaN and infinities
/// print as DuckDB does: `nan`, `inf`, `-inf`. With grouping, numbers from
/// 10,000 up get thousands separators (`412,732.18`).
public enum ValueFormatter {
  /// The text of `value`, safe to print (strings pass through `SafeText`).
  /// NULL is `NULL`; the empty string stays empty. With `maxCharacters`, a
  /// string is cut to that many characters before it is escaped, for cells
  /// that cannot show more.
  public static func text(
    _ value: Value, maxCharacters: Int? = nil, numbers: NumberStyle = .plain
  ) -> String {
    switch value {
    case .null: "NULL"
    case .int(let number): formatInt(number, style: numbers)
    case .double(let number): formatDouble(number, style: numbers)
    case .bool(let flag): flag ? "true" : "false"
    case .date(let days): CivilTime.formatDate(days: days)
    case .timestamp(let micros): formatTimestamp(micros: micros)
    case .string(let string):
      maxCharacters.map { SafeText.escape(string, prefix: $0) } ?? SafeText.escape(string)
    }
  }

  /// The theme role for a value: NULL has its own, so it stays distinct from
  /// the string `"NULL"` when colour is on.
  public static func role(for value: Value) -> ThemeRole {
    switch value {
    case .null: .null
    case .int, .double: .number
    case .bool: .boolean
    case .date, .timestamp: .temporal
    case .string: .string
    }
  }

  /// The text of `value`, painted in its role's style.
  public static func render(_ value: Value, styler: Styler) -> String {
    styler.paint(text(value), role(for: value))
  }

  /// An integer, with separators when the style groups it.
  public static func formatInt(_ number: Int64, style: NumberStyle = .plain) -> String {
    let text = String(number)
    guard style.grouping, Double(number.magnitude) >= style.groupingFrom else { return text }
    return group(text)
  }

  /// A double for display: see the type's summary for the rules.
  public static func formatDouble(_ number: Double, style: NumberStyle = .plain) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    let magnitude = abs(number)
    let grouping = style.grouping && magnitude >= style.groupingFrom
    if number == number.rounded(), magnitude < 1e15 {
      let whole = (number.sign == .minus && number == 0 ? "-" : "") + String(Int64(number)) + ".0"
      return grouping ? group(whole) : whole
    }
    if magnitude < 1e-4 || magnitude >= 1e15 {
      return String(format: "%.\(style.digits)g", number)
    }
    // The shortest text that reads back as the same double: when it has at
    // most two decimals (money, percentages), it is shown whole.
    let shortest = "\(number)"
    var text: String
    if !shortest.contains("e"), let point = shortest.firstIndex(of: "."),
      shortest.distance(from: point, to: shortest.endIndex) <= 3
    {
      text = shortest
    } else if magnitude < 1 {
      text = String(format: "%.\(style.digits)g", number)
    } else {
      let integerDigits = Int(magnitude.rounded(.down)).description.count
      // A value that is not whole keeps a decimal, so it never reads as one.
      let decimals = max(1, style.digits - integerDigits)
      text = String(format: "%.\(decimals)f", number)
      while text.hasSuffix("0"), !text.hasSuffix(".0") { text.removeLast() }
    }
    return grouping ? group(text) : text
  }

  /// `text`, a plain decimal number, with a `,` between groups of three
  /// integer digits.
  static func group(_ text: String) -> String {
    var sign = ""
    var digits = Substring(text)
    if digits.first == "-" {
      sign = "-"
      digits = digits.dropFirst()
    }
    let point = digits.firstIndex(of: ".") ?? digits.endIndex
    let integer = Array(digits[..<point])
    var grouped = ""
    for (index, digit) in integer.enumerated() {
      if index > 0, (integer.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return sign + grouped + digits[point...]
  }

  /// A double with exactly `places` decimals, as metrics show them.
  public static func formatFixed(_ number: Double, places: Int) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    if abs(number) >= 1e15 { return String(format: "%.6g", number) }
    return String(format: "%.\(max(0, min(places, 12)))f", number)
  }

  /// `YYYY-MM-DD HH:MM:SS`, with `.ffffff` (trailing zeros dropped) only
  /// when the fraction is nonzero.
  public static func formatTimestamp(micros: Int64) -> String {
    var text = CivilTime.formatTimestamp(micros: micros)
    if text.hasSuffix("Z") { text.removeLast() }
    return text.replacingOccurrences(of: "T", with: " ")
  }

  /// A count with thousands separators: `1,000,000`.
  public static func formatCount(_ count: Int) -> String { count.formatted }

  /// A number for bar values and chart labels: whole numbers without `.0`,
  /// others with up to 6 significant digits.
  public static func formatCompact(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(format: "%.6g", number)
  }
}
