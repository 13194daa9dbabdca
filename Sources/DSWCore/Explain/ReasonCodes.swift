import Foundation

/// The `reason_1..N` columns of `score MODEL (explain: N)`: per row, the
/// features that pushed its score up the most, largest first.
///
/// Each reason reads `feature = value (+contribution)`, the contribution in
/// the model's raw score (log-odds for classification, the target's units
/// for regression), such as `days_since_last = 3 (+0.842)`. Only features
/// that pushed the score up are reasons: a row with fewer than N of them
/// has nulls in the last columns.
enum ReasonCodes {
  static func columns(
    _ contributions: Contributions, features: [FeatureSpec], table: Table, count: Int
  ) -> [(String, Column)] {
    let sources = features.map { table.column(named: $0.name) }
    var reasons = [[String?]](
      repeating: [String?](repeating: nil, count: contributions.rowCount), count: count)
    var order = Array(0..<contributions.featureCount)
    for row in 0..<contributions.rowCount {
      order.sort { lhs, rhs in
        let left = contributions.value(row: row, feature: lhs)
        let right = contributions.value(row: row, feature: rhs)
        return left > right || (left == right && lhs < rhs)
      }
      for rank in 0..<min(count, order.count) {
        let feature = order[rank]
        let value = contributions.value(row: row, feature: feature)
        guard value > 0 else { break }
        let shown = sources[feature].map { render($0.value(at: row)) } ?? "null"
        reasons[rank][row] = "\(features[feature].name) = \(shown) (\(signed(value)))"
      }
    }
    return reasons.enumerated().map { rank, texts in
      ("reason_\(rank + 1)", Column(strings: texts))
    }
  }

  /// A contribution with its sign and three decimals (more when tiny).
  static func signed(_ value: Double) -> String {
    let magnitude = abs(value)
    let text =
      magnitude >= 0.001 || magnitude == 0
      ? String(format: "%.3f", magnitude) : String(format: "%.2g", magnitude)
    return (value < 0 ? "-" : "+") + text
  }

  /// A feature value as a reason shows it: numbers to 4 significant digits.
  static func render(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .int(let number): String(number)
    case .double(let number):
      number.isFinite && number == number.rounded() && abs(number) < 1e15
        ? String(Int64(number)) : String(format: "%.4g", number)
    case .bool(let flag): String(flag)
    case .string(let text): text
    case .date(let days): CivilTime.formatDate(days: days)
    case .timestamp(let micros): CivilTime.formatTimestamp(micros: micros)
    }
  }
}
