/// The logical type of a column or a value.
///
/// Timestamps are microseconds since the Unix epoch (UTC); dates are days
/// since the Unix epoch. Both are stored as 64-bit integers.
public enum DataType: String, Sendable, Hashable, Codable, CaseIterable {
  case int
  case double
  case bool
  case timestamp
  case date
  case string

  /// Numeric types take part in arithmetic and numeric aggregates.
  public var isNumeric: Bool { self == .int || self == .double }

  /// Temporal types compare with each other (a date is midnight UTC).
  public var isTemporal: Bool { self == .timestamp || self == .date }

  /// Types whose payload is stored as `[Int64]`.
  public var isIntegerBacked: Bool { self == .int || self == .timestamp || self == .date }

  /// Bytes one value takes in a column's payload (strings: a dictionary code).
  public var payloadWidth: Int {
    switch self {
    case .int, .double, .timestamp, .date: 8
    case .bool: 1
    case .string: 4
    }
  }
}
