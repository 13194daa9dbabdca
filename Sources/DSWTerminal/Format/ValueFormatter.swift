import DSWCore
import Foundation

/// Turns values into the text a table cell shows.
///
/// Doubles show at most 6 significant digits (C's `%.6g`: `0.123457`,
/// `12345.7`, `1.23457e+06`), the precision pandas and SQLite show, because
/// DuckDB's full round-trip digits make columns too wide for a terminal.
/// Integral doubles below 10^15 print whole with `.0` (`3.0`, `1500000000.0`)
/// so a double column never looks like an integer one. NaN and infinities
/// print as DuckDB does: `nan`, `inf`, `-inf`.
public enum ValueFormatter {
  /// The text of `value`, safe to print (strings pass through `SafeText`).
  /// NULL is `NULL`; the empty string stays empty. With `maxCharacters`, a
  /// string is cut to that many characters before it is escaped, for cells
  /// that cannot show more.
  public static func text(_ value: Value, maxCharacters: Int? = nil) -> String {
    switch value {
    case .null: "NULL"
    case .int(let number): String(number)
    case .double(let number): formatDouble(number)
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

  /// A double for display: see the type's summary for the rules.
  public static func formatDouble(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    if number == number.rounded(), abs(number) < 1e15 {
      return (number.sign == .minus && number == 0 ? "-" : "") + String(Int64(number)) + ".0"
    }
    return String(format: "%.6g", number)
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
