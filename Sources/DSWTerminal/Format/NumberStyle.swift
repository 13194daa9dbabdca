/// How numbers read on screen: the significant digits a double keeps, and
/// whether large numbers get thousands separators.
///
/// Tables, `:mode line` and `:mode markdown` use `display`; CSV, JSON and
/// the files dsw writes use `plain`, so that what they hold parses back.
/// `:set digits N` changes `digits` for the session.
public struct NumberStyle: Sendable, Hashable {
  /// Significant digits of a double's fraction (1 to 17); integer digits are
  /// never cut, and a value with at most two decimals keeps them all.
  public var digits: Int
  /// Thousands separators (`1,234,567`), for numbers from `groupingFrom` up.
  public var grouping: Bool
  /// The smallest magnitude that gets separators: 10,000, so four-digit
  /// years and codes read as they are written. A table lowers it to 1,000
  /// for a column that holds a number from 10,000 up, so that the column
  /// reads the same all the way down.
  public var groupingFrom: Double = 10_000

  public init(digits: Int = NumberStyle.defaultDigits, grouping: Bool) {
    self.digits = max(1, min(digits, Self.maxDigits))
    self.grouping = grouping
  }

  public static let defaultDigits = 6
  public static let maxDigits = 17
  /// What a person reads: 6 digits, separators on.
  public static let display = NumberStyle(grouping: true)
  /// What a program reads: 6 digits, no separators.
  public static let plain = NumberStyle(grouping: false)

  /// The same style without separators.
  public var ungrouped: NumberStyle { NumberStyle(digits: digits, grouping: false) }

  /// The style for a column holding `values`: separators from 1,000 up when
  /// any value reaches `groupingFrom`.
  public func forColumn(_ values: some Sequence<Double>) -> NumberStyle {
    guard grouping else { return self }
    var style = self
    if values.contains(where: { abs($0) >= groupingFrom && $0.isFinite }) {
      style.groupingFrom = 1_000
    }
    return style
  }
}
