/// How `CSVReader` splits, names and validates a delimited file.
public struct CSVOptions: Sendable, Hashable {
  /// What the reader does with a ragged row, an unterminated quote or a bad byte.
  public enum ErrorMode: String, Sendable, Hashable {
    /// Fail the whole load at the first bad row (the default: loading is strict).
    case fail
    /// Leave bad rows out and list them in `CSVResult.skipped`.
    case skip
  }

  /// The field separator; `,` for CSV, tab for TSV. The caller picks.
  public var delimiter: UInt8
  /// Whether the first record names the columns; without one they are `column1`, `column2`...
  public var header: Bool
  public var onError: ErrorMode
  /// How many threads parse chunks of the file at once.
  public var threads: Int

  public init(
    delimiter: UInt8 = UInt8(ascii: ","), header: Bool = true, onError: ErrorMode = .fail,
    threads: Int = 2
  ) {
    self.delimiter = delimiter
    self.header = header
    self.onError = onError
    self.threads = threads
  }

  /// Tab-separated values.
  public static let tsv = CSVOptions(delimiter: UInt8(ascii: "\t"))
}

/// A loaded table, with the rows that were left out under `onError: .skip`.
public struct CSVResult: Sendable {
  public var table: Table
  /// The 1-based physical line of each skipped row and why it was skipped.
  public var skipped: [(line: Int, reason: String)]
  /// Header names that were empty or repeated, and the names they were given.
  public var renamedColumns: [(original: String, name: String)]
  /// Columns of integers that loaded as string so that no digit is lost.
  public var integerTextColumns: [IntegerTextColumn]

  public init(
    table: Table, skipped: [(line: Int, reason: String)] = [],
    renamedColumns: [(original: String, name: String)] = [],
    integerTextColumns: [IntegerTextColumn] = []
  ) {
    self.table = table
    self.skipped = skipped
    self.renamedColumns = renamedColumns
    self.integerTextColumns = integerTextColumns
  }
}
