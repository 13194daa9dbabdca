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
  /// Lines to pass over before the header (or the first row without one).
  public var skipLines = 0
  /// Lines starting with this byte are ignored, like blank lines.
  public var comment: UInt8?
  /// The byte that quotes a field.
  public var quote = UInt8(ascii: "\"")
  /// The byte that makes the next one text inside quotes; the quote itself means `""`.
  public var escape = UInt8(ascii: "\"")
  /// The decimal mark of numbers (`,` in much of Europe).
  public var decimal = UInt8(ascii: ".")
  /// A `strftime`-style format (`%d/%m/%Y`) for dates and timestamps.
  public var dateFormat: String?
  /// Texts read as null in every column, besides the empty unquoted field.
  public var nullMarkers: [String] = []
  /// Texts read as null in one column; they replace `nullMarkers` there.
  public var columnNullMarkers: [String: [String]] = [:]
  /// Column types set by the user, by column name; inference decides the rest.
  public var types: [String: DataType] = [:]
  /// The columns to keep, by name, in this order; nil keeps them all.
  public var columns: [String]?
  /// Where each column name was written in the options (keyed `"types zip"`),
  /// so that an unknown name is shown where it was written.
  public var spans: [String: SourceSpan] = [:]

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
  /// Columns kept as text because a value had leading zeros, with the first such value.
  public var leadingZeroColumns: [(name: String, example: String)] = []

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
