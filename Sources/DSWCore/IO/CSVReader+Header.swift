extension CSVReader {
  /// The first record of a file: its fields (unescaped) and where the data starts.
  struct FirstRecord {
    var fields: [[UInt8]]
    /// The offset just past the record.
    var end: Int
    /// Line ends (LF, CRLF or a lone CR) before `end`.
    var linesPassed: Int
  }

  /// Reads the first non-blank record, which names the columns or, without a
  /// header, fixes their count. Its problems always fail the load: without it
  /// there is no shape to check other rows against. Nil when there is no record.
  static func firstRecord(
    _ base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8
  ) throws(Diagnostic) -> FirstRecord? {
    let quote = UInt8(ascii: "\"")
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    var cursor = start
    var lines = 0
    while cursor < end, base[cursor] == lineFeed || base[cursor] == carriageReturn {
      cursor += CSVTokenizer.lineEndLength(base, cursor, end)
      lines += 1
    }
    if cursor >= end { return nil }
    let recordLine = lines
    var fields: [[UInt8]] = []
    var field: [UInt8] = []
    var recordEnd = cursor
    func problem(_ row: LoadDiagnostics.RowProblem) -> Diagnostic {
      var absolute = row
      absolute.line += 1
      return LoadDiagnostics.diagnostic(absolute)
    }
    while cursor <= end {
      field.removeAll()
      if cursor < end, base[cursor] == quote {
        let quoteLine = lines
        cursor += 1
        while true {
          guard cursor < end else {
            throw problem(
              LoadDiagnostics.unterminatedQuote(line: quoteLine, field: fields.count + 1))
          }
          let byte = base[cursor]
          if byte == quote {
            if cursor + 1 < end, base[cursor + 1] == quote {
              field.append(quote)
              cursor += 2
              continue
            }
            cursor += 1
            break
          }
          if byte == lineFeed
            || (byte == carriageReturn && !(cursor + 1 < end && base[cursor + 1] == lineFeed))
          {
            lines += 1
          }
          field.append(byte)
          cursor += 1
        }
        if cursor < end, base[cursor] != delimiter, base[cursor] != lineFeed,
          base[cursor] != carriageReturn
        {
          throw problem(LoadDiagnostics.textAfterQuote(line: lines, field: fields.count + 1))
        }
      } else {
        while cursor < end {
          let byte = base[cursor]
          if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
          if byte == quote {
            throw problem(LoadDiagnostics.strayQuote(line: lines, field: fields.count + 1))
          }
          field.append(byte)
          cursor += 1
        }
      }
      let bad = field.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.flatMap { UTF8Validation.firstInvalidByte($0, buffer.count) }
      }
      if let bad {
        throw problem(
          LoadDiagnostics.invalidUTF8(line: recordLine, byte: field[bad], field: fields.count + 1))
      }
      fields.append(field)
      if cursor >= end {
        recordEnd = end
        break
      }
      if base[cursor] == delimiter {
        cursor += 1
        continue
      }
      cursor += CSVTokenizer.lineEndLength(base, cursor, end)
      lines += 1
      recordEnd = cursor
      break
    }
    return FirstRecord(fields: fields, end: recordEnd, linesPassed: lines)
  }

  /// Column names from header fields: an empty name becomes `columnN` (N its
  /// 1-based position) and a repeated one gets `_2`, `_3`... so every column
  /// can be named in a pipeline.
  static func columnNames(
    _ fields: [[UInt8]]
  ) -> (names: [String], renamed: [(original: String, name: String)]) {
    let originals = fields.map { String(decoding: $0, as: UTF8.self) }
    var taken = Set(originals.filter { !$0.isEmpty })
    var seen = Set<String>()
    var names: [String] = []
    var renamed: [(original: String, name: String)] = []
    for (position, original) in originals.enumerated() {
      var name = original
      if name.isEmpty {
        name = "column\(position + 1)"
        var suffix = 2
        while taken.contains(name) {
          name = "column\(position + 1)_\(suffix)"
          suffix += 1
        }
      } else if seen.contains(name) {
        var suffix = 2
        while taken.contains("\(original)_\(suffix)") { suffix += 1 }
        name = "\(original)_\(suffix)"
      }
      if name != original { renamed.append((original, name)) }
      taken.insert(name)
      seen.insert(name)
      names.append(name)
    }
    return (names, renamed)
  }
}
