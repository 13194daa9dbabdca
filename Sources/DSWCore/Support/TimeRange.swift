/// The dates and times the engine computes with.
///
/// Day numbers stay within ±100,000,000 (about 273,000 years either side of
/// 1970) and timestamps within the same days. Every calendar computation on
/// such values stays far from `Int64` overflow, so whatever makes a date or
/// time checks it against this range: a kernel (a cast from int, `date_add`)
/// reports an error instead of trapping later, and a reader (Parquet, a
/// remote engine) refuses a file or a result that holds a value outside it.
public enum TimeRange {
  public static let maxDays: Int64 = 100_000_000
  public static let maxMicros: Int64 = maxDays * CivilTime.microsPerDay
  /// What every refusal of an out-of-range value says.
  public static let help = "dates and times must fall within about 273,000 years of 1970"

  /// Whether a date (day number) or a timestamp (microseconds) is in range.
  @inline(__always)
  public static func contains(_ value: Int64, _ type: DataType) -> Bool {
    let limit = type == .date ? maxDays : maxMicros
    return value >= -limit && value <= limit
  }

  /// Throws when a valid row of a date or timestamp payload is out of range.
  static func check(_ values: [Int64], _ type: DataType, validity: Bitmap?, span: SourceSpan)
    throws(Diagnostic)
  {
    for row in 0..<values.count where !contains(values[row], type) {
      if validity.map({ $0[row] }) ?? true { throw error(type, span) }
    }
  }

  static func error(_ type: DataType, _ span: SourceSpan) -> Diagnostic {
    Diagnostic.error(
      "E303", "\(type == .date ? "date" : "timestamp") out of range", at: span,
      help: help)
  }
}
