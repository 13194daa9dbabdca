/// Splits RFC 4180 records into fields, finding bad rows as it goes.
///
/// Works on one chunk of the buffer: it starts at a record boundary and
/// tokenizes every record that begins before `stop`; the last one may run
/// past `stop` (into the next chunk), so `position` ends on a record boundary.
/// Line numbers are counted from the chunk start, since chunks are parsed in
/// parallel before anyone knows on which line a chunk begins.
struct CSVTokenizer {
  static let lineFeed = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")

  let base: UnsafePointer<UInt8>
  /// The end of the whole buffer: a record may run past its chunk.
  let bufferEnd: Int
  let delimiter: UInt8
  let skipBadRows: Bool
  let quote: UInt8
  /// The byte that makes the next one text inside quotes; equal to `quote` for `""`.
  let escape: UInt8
  /// Lines that start with this byte are skipped, like blank lines.
  let comment: UInt8?
  private(set) var position: Int
  /// Line ends (LF, CRLF or a lone CR) passed since the chunk start.
  private(set) var linesPassed = 0
  /// Set after a bad row when bad rows fail the load.
  private(set) var failed = false

  init(
    base: UnsafePointer<UInt8>, bufferEnd: Int, start: Int, delimiter: UInt8, skipBadRows: Bool,
    quote: UInt8 = UInt8(ascii: "\""), escape: UInt8 = UInt8(ascii: "\""), comment: UInt8? = nil
  ) {
    self.base = base
    self.quote = quote
    self.escape = escape
    self.comment = comment
    self.bufferEnd = bufferEnd
    self.delimiter = delimiter
    self.skipBadRows = skipBadRows
    self.position = start
  }

  /// Stops after the current batch, as after a bad row that fails the load.
  mutating func stop() { failed = true }

  /// Tokenizes records that start before `stop` into `batch` (emptied first)
  /// until it is full. Problems carry chunk-relative, 0-based lines.
  /// Returns false when no record was left to read.
  mutating func fill(
    _ batch: CSVBatch, stop: Int, problems: inout [LoadDiagnostics.RowProblem]
  ) -> Bool {
    batch.rowCount = 0
    let columnCount = batch.columnCount
    let special = batch.special
    let end = bufferEnd
    while batch.rowCount < batch.capacity, position < stop, position < end, !failed {
      var cursor = position
      let firstByte = base[cursor]
      // Blank lines separate nothing; they are skipped, not read as rows.
      if firstByte == Self.lineFeed {
        position += 1
        linesPassed += 1
        continue
      }
      if firstByte == Self.carriageReturn {
        position += cursor + 1 < end && base[cursor + 1] == Self.lineFeed ? 2 : 1
        linesPassed += 1
        continue
      }
      if let comment, firstByte == comment {
        while cursor < end, base[cursor] != Self.lineFeed, base[cursor] != Self.carriageReturn {
          cursor += 1
        }
        if cursor < end {
          cursor += Self.lineEndLength(base, cursor, end)
          linesPassed += 1
        }
        position = cursor
        continue
      }
      let rowStart = cursor
      let rowLine = linesPassed
      let fieldBase = batch.rowCount * columnCount
      var field = 0
      var asciiCheck: UInt8 = 0
      var rowEnd = cursor
      var problem: LoadDiagnostics.RowProblem?
      var resumeFrom = 0
      fieldLoop: while true {
        var fieldStart = cursor
        var fieldEnd: Int
        var form = CSVBatch.FieldForm.plain.rawValue
        if cursor < end, base[cursor] == quote {
          let quoteLine = linesPassed
          cursor += 1
          fieldStart = cursor
          form = CSVBatch.FieldForm.quoted.rawValue
          while true {
            while cursor < end {
              let byte = base[cursor]
              if byte == quote || byte == escape { break }
              asciiCheck |= byte
              if byte == Self.lineFeed
                || (byte == Self.carriageReturn
                  && !(cursor + 1 < end && base[cursor + 1] == Self.lineFeed))
              {
                linesPassed += 1
              }
              cursor += 1
            }
            if cursor >= end {
              problem = LoadDiagnostics.unterminatedQuote(line: quoteLine, field: field + 1)
              linesPassed = quoteLine
              resumeFrom = fieldStart
              break fieldLoop
            }
            if base[cursor] != quote {
              // An escape other than the quote: the next byte is text.
              form = CSVBatch.FieldForm.quotedWithEscapes.rawValue
              cursor = min(end, cursor + 2)
              continue
            }
            if escape == quote, cursor + 1 < end, base[cursor + 1] == quote {
              form = CSVBatch.FieldForm.quotedWithEscapes.rawValue
              cursor += 2
              continue
            }
            fieldEnd = cursor
            cursor += 1
            break
          }
          if cursor < end {
            let byte = base[cursor]
            let endsRecord = byte == Self.lineFeed || byte == Self.carriageReturn
            if byte != delimiter, !endsRecord {
              problem = LoadDiagnostics.textAfterQuote(line: linesPassed, field: field + 1)
              resumeFrom = cursor
              break fieldLoop
            }
          }
        } else {
          while cursor < end {
            let byte = base[cursor]
            if special[Int(byte)] != 0 { break }
            asciiCheck |= byte
            cursor += 1
          }
          if cursor < end, base[cursor] == quote {
            problem = LoadDiagnostics.strayQuote(line: linesPassed, field: field + 1)
            resumeFrom = cursor
            break fieldLoop
          }
          fieldEnd = cursor
        }
        if field < columnCount {
          batch.starts[fieldBase + field] = fieldStart
          batch.ends[fieldBase + field] = fieldEnd
          batch.forms[fieldBase + field] = form
        }
        field += 1
        if cursor >= end {
          rowEnd = cursor
          break
        }
        let byte = base[cursor]
        if byte == delimiter {
          cursor += 1
          continue
        }
        rowEnd = cursor
        cursor += Self.lineEndLength(base, cursor, end)
        linesPassed += 1
        break
      }
      if let problem {
        problems.append(problem)
        if !skipBadRows {
          failed = true
          return true
        }
        // Resume on the line after the problem.
        cursor = resumeFrom
        while cursor < end, base[cursor] != Self.lineFeed, base[cursor] != Self.carriageReturn {
          cursor += 1
        }
        if cursor < end {
          cursor += Self.lineEndLength(base, cursor, end)
          linesPassed += 1
        }
        position = cursor
        continue
      }
      position = cursor
      if field != columnCount {
        problems.append(LoadDiagnostics.ragged(line: rowLine, expected: columnCount, found: field))
        if !skipBadRows {
          failed = true
          return true
        }
        continue
      }
      if asciiCheck & 0x80 != 0,
        let badOffset = UTF8Validation.firstInvalidByte(base + rowStart, rowEnd - rowStart)
      {
        let offset = rowStart + badOffset
        var badField = 0
        for column in 0..<columnCount where batch.starts[fieldBase + column] <= offset {
          badField = column
        }
        let line = rowLine + Self.lineEnds(base, from: rowStart, to: offset)
        problems.append(
          LoadDiagnostics.invalidUTF8(line: line, byte: base[offset], field: badField + 1))
        if !skipBadRows {
          failed = true
          return true
        }
        continue
      }
      batch.lines[batch.rowCount] = rowLine
      batch.rowCount += 1
    }
    return batch.rowCount > 0
  }

  /// The bytes of the line end at `index`: 2 for CRLF, else 1 (LF or a lone CR).
  @inline(__always)
  static func lineEndLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int {
    base[index] == carriageReturn && index + 1 < end && base[index + 1] == lineFeed ? 2 : 1
  }

  /// Line ends (LF, CRLF counted once, lone CR) in `start..<stop`. A CR is
  /// half of a CRLF when the byte after it, before `end`, is an LF; counts
  /// of neighbouring ranges add up when they share `end`.
  static func lineEnds(
    _ base: UnsafePointer<UInt8>, from start: Int, to stop: Int, end: Int? = nil
  ) -> Int {
    let end = end ?? stop
    var count = 0
    for index in start..<max(start, stop) {
      let byte = base[index]
      if byte == lineFeed
        || (byte == carriageReturn && !(index + 1 < end && base[index + 1] == lineFeed))
      {
        count += 1
      }
    }
    return count
  }
}
