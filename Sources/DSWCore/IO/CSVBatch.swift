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
  /// The byte that makes the next byte of a quoted field text (`"` for `""`).
  let escape: UInt8
  /// The end of the buffer the fields are in: bytes before it may be read
  /// past a field's end, eight at a time.
  var bufferEnd = 0
  /// Per row: the hash of one column's field, while that column is interned.
  let hashes: UnsafeMutablePointer<UInt64>

  init(
    capacity: Int, columnCount: Int, delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\""),
    escape: UInt8 = UInt8(ascii: "\"")
  ) {
    self.escape = escape
    self.capacity = capacity
    self.columnCount = columnCount
    let fieldCount = max(1, capacity * columnCount)
    starts = .allocate(capacity: fieldCount)
    ends = .allocate(capacity: fieldCount)
    forms = .allocate(capacity: fieldCount)
    lines = .allocate(capacity: max(1, capacity))
    hashes = .allocate(capacity: max(1, capacity))
    special = .allocate(capacity: 256)
    special.initialize(repeating: 0, count: 256)
    for byte in [delimiter, quote, UInt8(ascii: "\n"), UInt8(ascii: "\r")] {
      special[Int(byte)] = 1
    }
  }

  /// Drops the given rows (ascending batch rows), moving later rows up.
  func removeRows(_ rows: [Int]) {
    guard !rows.isEmpty else { return }
    var kept = 0
    var next = 0
    for row in 0..<rowCount {
      if next < rows.count, rows[next] == row {
        next += 1
        continue
      }
      if kept != row {
        let from = row * columnCount
        let to = kept * columnCount
        (starts + to).update(from: starts + from, count: columnCount)
        (ends + to).update(from: ends + from, count: columnCount)
        (forms + to).update(from: forms + from, count: columnCount)
        lines[kept] = lines[row]
      }
      kept += 1
    }
    rowCount = kept
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
    forms.deallocate()
    lines.deallocate()
    hashes.deallocate()
    special.deallocate()
  }
}
