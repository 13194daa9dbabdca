/// The field boundaries of up to `capacity` rows, found by `CSVTokenizer`.
///
/// The reader tokenizes a batch of rows first and then converts it one column
/// at a time, so each column's conversion runs as a tight, typed loop.
final class CSVBatch {
  /// How a field was written: plain, quoted, or quoted with `""` escapes.
  enum FieldForm: UInt8 {
    case plain = 0
    case quoted = 1
    case quotedWithEscapes = 2
  }

  let capacity: Int
  let columnCount: Int
  var rowCount = 0
  /// Field `(row, column)` is at index `row * columnCount + column`; offsets
  /// are from the start of the whole buffer, quotes excluded.
  let starts: UnsafeMutablePointer<Int>
  let ends: UnsafeMutablePointer<Int>
  let forms: UnsafeMutablePointer<UInt8>
  /// Per row: newlines passed since the chunk start before the row began.
  let lines: UnsafeMutablePointer<Int>
  /// 1 for the delimiter, quote, CR and LF bytes; 0 otherwise.
  let special: UnsafeMutablePointer<UInt8>

  init(capacity: Int, columnCount: Int, delimiter: UInt8) {
    self.capacity = capacity
    self.columnCount = columnCount
    let fieldCount = max(1, capacity * columnCount)
    starts = .allocate(capacity: fieldCount)
    ends = .allocate(capacity: fieldCount)
    forms = .allocate(capacity: fieldCount)
    lines = .allocate(capacity: max(1, capacity))
    special = .allocate(capacity: 256)
    special.initialize(repeating: 0, count: 256)
    for byte in [delimiter, UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")] {
      special[Int(byte)] = 1
    }
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    forms.deallocate()
    lines.deallocate()
    special.deallocate()
  }
}
