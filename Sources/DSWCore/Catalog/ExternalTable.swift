/// A dataset whose columns stay in files until a statement reads them.
///
/// `load` of a Parquet file reads only its footer. A pipeline over the
/// dataset asks for the columns its steps use and passes the conditions of
/// its leading filters, so a reader can skip row groups and partition
/// folders that cannot match. Columns read whole are kept, so that the next
/// statement does not decode them again.
public protocol ExternalTable: AnyObject, Sendable {
  /// The columns and their types, known without reading any data.
  var schema: Schema { get }
  /// Rows before any pruning.
  var rowCount: Int { get }
  /// What `load` and `datasets` say of the files: "3 files, 12 row groups".
  var summary: String { get }
  /// Bytes of column data read from the files so far, for benchmarks.
  var bytesRead: Int { get }
  /// Notes on columns, shown by `load`: "JSON text", "decimal(38,4) as double".
  var remarks: [String: String] { get }
  /// Bytes of the columns read whole and kept.
  var cachedBytes: Int { get }
  /// The nulls of a column, when the files' statistics tell it.
  func nullCount(of column: String) -> Int?
  /// Reads `columns` (by name, in schema order) of the rows that may pass
  /// `predicates`; the caller still filters, so a reader may return more.
  func read(columns: [String], where predicates: [ScanPredicate], limits: ExecutionLimits)
    throws(Diagnostic) -> Table
}

extension ExternalTable {
  /// Every column and every row.
  public func readAll(limits: ExecutionLimits) throws(Diagnostic) -> Table {
    try read(columns: schema.fields.map(\.name), where: [], limits: limits)
  }
}

/// A condition on one column that a reader can test against what it knows
/// without decoding: row-group statistics or a partition folder's value.
public struct ScanPredicate: Sendable, Equatable {
  public enum Comparison: Sendable, Equatable {
    case equal, less, lessOrEqual, greater, greaterOrEqual
    /// One of `values`.
    case oneOf
    case isNull, isNotNull
  }

  public var column: String
  public var comparison: Comparison
  /// The constant(s) compared with, in the column's type.
  public var values: [Value]

  public init(column: String, comparison: Comparison, values: [Value] = []) {
    self.column = column
    self.comparison = comparison
    self.values = values
  }

  /// Whether any value in `min...max` (with `nullCount` nulls among
  /// `rowCount` rows) could satisfy the predicate. Unknown bounds keep the rows.
  public func mayMatch(min: Value?, max: Value?, nullCount: Int?, rowCount: Int) -> Bool {
    switch comparison {
    case .isNull: return nullCount.map { $0 > 0 } ?? true
    case .isNotNull: return nullCount.map { $0 < rowCount } ?? true
    default: break
    }
    if let nullCount, nullCount == rowCount { return false }
    guard let min, let max, let first = values.first else { return true }
    // Statistics leave NaN out, and NaN sorts above every number: a page of
    // NaN may pass `>` whatever its maximum says.
    if case .double = max, comparison == .greater || comparison == .greaterOrEqual {
      return true
    }
    if values.contains(where: { if case .double(let x) = $0 { x.isNaN } else { false } }) {
      return true
    }
    func order(_ a: Value, _ b: Value) -> Int? { StatisticsOrder.compare(a, b) }
    switch comparison {
    case .equal: return (order(first, min) ?? 0) >= 0 && (order(first, max) ?? 0) <= 0
    case .less: return (order(min, first) ?? -1) < 0
    case .lessOrEqual: return (order(min, first) ?? -1) <= 0
    case .greater: return (order(max, first) ?? 1) > 0
    case .greaterOrEqual: return (order(max, first) ?? 1) >= 0
    case .oneOf:
      return values.contains { value in
        (order(value, min) ?? 0) >= 0 && (order(value, max) ?? 0) <= 0
      }
    case .isNull, .isNotNull: return true
    }
  }
}

/// The order of two non-null values of one type, as `sort` orders them;
/// nil when they cannot be compared (then nothing is pruned).
public enum StatisticsOrder {
  public static func compare(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)),
      (.date(let x), .date(let y)):
      return x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .double(let y)): return compare(.double(Double(x)), .double(y))
    case (.double(let x), .int(let y)): return compare(.double(x), .double(Double(y)))
    case (.double(let x), .double(let y)):
      if x.isNaN || y.isNaN { return nil }
      return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)):
      // Code-point order, as dsw compares strings.
      return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        ? -1 : (x.unicodeScalars.elementsEqual(y.unicodeScalars) ? 0 : 1)
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
    case (.date(let days), .timestamp(let micros)):
      return compare(.timestamp(days &* 86_400_000_000), .timestamp(micros))
    case (.timestamp(let micros), .date(let days)):
      return compare(.timestamp(micros), .timestamp(days &* 86_400_000_000))
    default: return nil
    }
  }
}

/// One file of an external dataset, with the values its partition folders
/// give (`date=2024-01-01/country=FR/part-0.parquet`).
public struct ExternalFile: Sendable, Equatable {
  /// The resolved path, inside the sandbox.
  public var path: String
  /// The path as the user would write it, relative to the notebook's folder.
  public var displayPath: String
  public var partitions: [(name: String, value: Value)]

  public init(path: String, displayPath: String, partitions: [(name: String, value: Value)] = []) {
    self.path = path
    self.displayPath = displayPath
    self.partitions = partitions
  }

  public static func == (a: ExternalFile, b: ExternalFile) -> Bool {
    a.path == b.path && a.partitions.map(\.name) == b.partitions.map(\.name)
      && a.partitions.map(\.value) == b.partitions.map(\.value)
  }
}

/// A file format that a module outside the core reads and writes (Parquet).
public protocol ExternalFormat: Sendable {
  /// The name `format:` takes: "parquet".
  var name: String { get }
  /// Lower-case file extensions, with the dot.
  var extensions: [String] { get }
  /// The options `export` takes for this format, beyond `format`.
  var exportOptions: [String] { get }
  /// Opens the files of one dataset: reads their footers, not their data.
  func open(
    _ files: [ExternalFile], columns: [String]?, access: any FileAccess,
    limits: ExecutionLimits, span: SourceSpan
  ) throws(Diagnostic) -> any ExternalTable
  /// The bytes of `table` written in this format.
  func write(_ table: Table, options: FormatOptions, limits: ExecutionLimits)
    throws(Diagnostic) -> [UInt8]
}

/// The constant options a statement gave a format, with where each was written.
public struct FormatOptions: Sendable {
  public var values: [String: Value]
  public var spans: [String: SourceSpan]
  /// The statement's span, for errors about the options as a whole.
  public var span: SourceSpan

  public init(values: [String: Value] = [:], spans: [String: SourceSpan] = [:], span: SourceSpan) {
    self.values = values
    self.spans = spans
    self.span = span
  }

  public func span(of name: String) -> SourceSpan { spans[name] ?? span }
}
