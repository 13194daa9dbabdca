/// The type a loader has inferred for a column so far.
///
/// Inference starts at `unknown` (only nulls seen) and only ever widens:
/// int and double give double, date and timestamp give timestamp, and any
/// other mix gives string.
enum InferredKind: UInt8, Sendable {
  case unknown
  case int
  case double
  case bool
  case date
  case timestamp
  case string

  /// The kind that stores a column of `type`.
  init(_ type: DataType) {
    switch type {
    case .int: self = .int
    case .double: self = .double
    case .bool: self = .bool
    case .date: self = .date
    case .timestamp: self = .timestamp
    case .string: self = .string
    }
  }

  /// The narrowest kind that holds values of both kinds.
  func joined(with other: InferredKind) -> InferredKind {
    if self == other || other == .unknown { return self }
    if self == .unknown { return other }
    switch (self, other) {
    case (.int, .double), (.double, .int): return .double
    case (.date, .timestamp), (.timestamp, .date): return .timestamp
    default: return .string
    }
  }

  /// The column type a finished column of this kind gets (all-null columns are strings).
  var dataType: DataType {
    switch self {
    case .unknown, .string: .string
    case .int: .int
    case .double: .double
    case .bool: .bool
    case .date: .date
    case .timestamp: .timestamp
    }
  }

  /// The kind of one non-null text value.
  static func classify(
    _ start: UnsafePointer<UInt8>, _ count: Int, scratch: inout [UInt8]
  ) -> InferredKind {
    if ByteNumberParser.parseInt(start, count) != nil { return .int }
    if ByteNumberParser.parseDouble(start, count) != nil { return .double }
    if ByteNumberParser.parseBool(start, count) != nil { return .bool }
    if ByteNumberParser.parseDate(start, count) != nil { return .date }
    if ByteNumberParser.parseTimestamp(start, count, scratch: &scratch) != nil { return .timestamp }
    return .string
  }
}
