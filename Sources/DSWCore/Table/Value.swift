/// One scalar value, boxed.
///
/// Used for literals, parameters and rendering a handful of cells. Never on a
/// hot path: kernels work on whole typed columns instead.
public enum Value: Sendable, Hashable {
  case null
  case int(Int64)
  case double(Double)
  case bool(Bool)
  /// Microseconds since the Unix epoch, UTC.
  case timestamp(Int64)
  /// Days since the Unix epoch.
  case date(Int64)
  case string(String)

  /// The value's type, or nil for null.
  public var type: DataType? {
    switch self {
    case .null: nil
    case .int: .int
    case .double: .double
    case .bool: .bool
    case .timestamp: .timestamp
    case .date: .date
    case .string: .string
    }
  }

  public var isNull: Bool { if case .null = self { true } else { false } }

  /// The value as a double, for numeric values.
  public var doubleValue: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }
}
