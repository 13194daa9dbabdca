/// Renders one column's values as text, a block of rows at a time.
///
/// The writers are row-major but render column-major: each column's values
/// for a block of rows go into one scratch sink in a single typed loop, and
/// the records are then stitched together with copies. Strings are encoded
/// once per dictionary entry.
struct ColumnRenderer {
  /// The text forms the writers produce.
  enum Format {
    /// Null is an empty field; strings are quoted only when they must be.
    case csv(delimiter: UInt8, escapeFormulas: Bool)
    /// Null is `null`; strings, dates and timestamps are JSON strings.
    case json
  }

  let column: Column
  let format: Format
  /// Encoded dictionary entries, back to back; entry `i` ends at `entryEnds[i]`.
  private var entries: [UInt8] = []
  private var entryEnds: [Int] = []

  init(_ column: Column, format: Format) {
    self.column = column
    self.format = format
    if case .string(_, let dictionary) = column.storage {
      for string in dictionary.strings {
        entries.append(contentsOf: Self.encode(string, format: format))
        entryEnds.append(entries.count)
      }
    }
  }

  /// One string in `format`.
  static func encode(_ text: String, format: Format) -> [UInt8] {
    switch format {
    case .csv(let delimiter, let escapeFormulas):
      CSVWriter.encode(text, delimiter: delimiter, escapeFormulas: escapeFormulas)
    case .json: JSONLinesWriter.escape(text)
    }
  }

  /// Renders `rows` into `sink`; `ends[i]` gets the sink's count after row `rows.lowerBound + i`.
  func render(_ rows: Range<Int>, into sink: ByteSink, ends: UnsafeMutablePointer<Int>) {
    let isJSON: Bool
    if case .json = format { isJSON = true } else { isJSON = false }
    let quote = UInt8(ascii: "\"")
    // Validity words, read directly: `Column.isNull` per row would retain
    // and release the bitmap each time.
    let validityWords = column.validity?.words ?? []
    let hasNulls = !validityWords.isEmpty
    var slot = 0
    func isNull(_ row: Int) -> Bool {
      hasNulls && (validityWords[row >> 6] >> UInt64(row & 63)) & 1 == 0
    }
    func finishRow() {
      ends[slot] = sink.count
      slot += 1
    }
    func writeNull() {
      if isJSON { sink.append("null") }
    }
    switch column.storage {
    case .int(let values):
      values.withUnsafeBufferPointer { values in
        for row in rows {
          if isNull(row) { writeNull() } else { sink.append(int: values[row]) }
          finishRow()
        }
      }
    case .double(let values):
      values.withUnsafeBufferPointer { values in
        for row in rows {
          let value = values[row]
          if isNull(row) || (isJSON && !value.isFinite) {
            writeNull()
          } else {
            sink.append(double: value)
          }
          finishRow()
        }
      }
    case .bool(let values):
      values.withUnsafeBufferPointer { values in
        for row in rows {
          if isNull(row) { writeNull() } else { sink.append(values[row] ? "true" : "false") }
          finishRow()
        }
      }
    case .date(let values):
      values.withUnsafeBufferPointer { values in
        for row in rows {
          if isNull(row) {
            writeNull()
          } else {
            if isJSON { sink.append(quote) }
            sink.append(date: values[row])
            if isJSON { sink.append(quote) }
          }
          finishRow()
        }
      }
    case .timestamp(let values):
      values.withUnsafeBufferPointer { values in
        for row in rows {
          if isNull(row) {
            writeNull()
          } else {
            if isJSON { sink.append(quote) }
            sink.append(timestamp: values[row])
            if isJSON { sink.append(quote) }
          }
          finishRow()
        }
      }
    case .string(let codes, _):
      codes.withUnsafeBufferPointer { codes in
        entries.withUnsafeBufferPointer { entries in
          for row in rows {
            let code = Int(codes[row])
            if code < 0 || isNull(row) {
              writeNull()
            } else {
              let start = code == 0 ? 0 : entryEnds[code - 1]
              sink.append(UnsafeBufferPointer(rebasing: entries[start..<entryEnds[code]]))
            }
            finishRow()
          }
        }
      }
    }
  }
}
