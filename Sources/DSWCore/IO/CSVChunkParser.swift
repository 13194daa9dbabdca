import Foundation

/// The rows of one chunk of a CSV buffer, parsed into typed column builders.
///
/// Only one thread touches a chunk at a time: its parser, then the assembler.
final class CSVChunk: @unchecked Sendable {
  /// Where the chunk's first record starts, and the offset it stops before.
  let start: Int
  let stop: Int
  /// Where its last record ended: the next chunk must start exactly here.
  var end = 0
  var rowCount = 0
  /// Line feeds passed between `start` and `end`.
  var linesPassed = 0
  /// Bad rows, with lines relative to the chunk start (0-based).
  var problems: [LoadDiagnostics.RowProblem] = []
  var failed = false
  var columns: [CSVColumnBuilder] = []
  /// The rows of the final arrays set aside for this chunk.
  let rows: Range<Int>
  /// The shared dictionaries its string codes refer to, and how many
  /// entries each column's table had when the chunk ended.
  var dictionarySet: CSVDictionaries.Set?
  var dictionaryEnds: [Int] = []

  init(start: Int, stop: Int, rows: Range<Int>) {
    self.start = start
    self.stop = stop
    self.rows = rows
  }
}

/// Parses chunks of one CSV buffer; every chunk starts on a record boundary.
struct CSVChunkParser: @unchecked Sendable {
  // The buffer outlives every parse: `CSVReader.read` holds it throughout.
  let base: UnsafePointer<UInt8>
  let bufferEnd: Int
  let delimiter: UInt8
  let columnCount: Int
  let skipBadRows: Bool
  /// A guess at bytes per row, to size column buffers once.
  let bytesPerRow: Int
  /// How fields are quoted, escaped and commented out, and how values read.
  var layout = CSVLayout()
  /// The columns' final arrays, which chunks write into where they can.
  var targets: CSVColumnTargets?
  /// Dictionaries the chunks share; without them each keeps its own.
  var dictionaries: CSVDictionaries?
  /// Told of byte ranges the parse is done with, so that a mapped file's
  /// pages can be let go of while the load goes on.
  var releasePages: (@Sendable (Range<Int>) -> Void)?

  private static let maximumBatchRows = 1024
  private static let fieldsPerBatch = 1 << 20
  private static let batchesBetweenCancelChecks = 32
  private static let bytesBetweenReleases = 4 << 20

  /// Rows per batch: a batch's field boundaries stay near a million fields
  /// however wide the file.
  var batchRows: Int {
    max(1, min(Self.maximumBatchRows, Self.fieldsPerBatch / max(1, columnCount)))
  }

  /// Parses the records that start in `start ..< stop` into rows `rows` of
  /// the final arrays (or buffers of their own, for rows that do not fit).
  func parse(
    start: Int, stop: Int, rows: Range<Int> = 0..<0, isCancelled: () -> Bool
  ) throws(Diagnostic) -> CSVChunk {
    let chunk = CSVChunk(start: start, stop: stop, rows: rows)
    let expectedRows = (stop - start) / max(1, bytesPerRow) + 16
    chunk.columns = (0..<columnCount).map { column in
      CSVColumnBuilder(
        expectedRows: layout.isSelected[column] ? expectedRows : 0,
        forced: layout.forcedKinds[column],
        region: targets?.region(column: column, offset: rows.lowerBound, rows: rows.count))
    }
    // The shared tables move into the builders while the chunk runs.
    let set = dictionaries?.take()
    if let set {
      chunk.dictionarySet = set
      for column in layout.selected {
        chunk.columns[column].strings = set.tables[column]
        chunk.columns[column].sharesDictionary = true
        set.tables[column] = ByteStringTable.placeholder
      }
    }
    defer {
      if let set {
        chunk.dictionaryEnds = Array(repeating: 0, count: columnCount)
        for column in layout.selected {
          if chunk.columns[column].sharesDictionary {
            set.tables[column] = chunk.columns[column].strings
            chunk.columns[column].strings = ByteStringTable.placeholder
          }
          chunk.dictionaryEnds[column] = set.tables[column].count
        }
        dictionaries?.giveBack(set)
      }
    }
    var released = start
    var tokenizer = makeTokenizer(start: start)
    let batch = makeBatch()
    var scratch: [UInt8] = []
    scratch.reserveCapacity(64)
    var batches = 0
    while tokenizer.fill(batch, stop: stop, problems: &chunk.problems) {
      if tokenizer.failed { break }
      if layout.needsPreparation, !prepare(batch, problems: &chunk.problems, scratch: &scratch) {
        tokenizer.stop()
      }
      for column in layout.selected {
        var row = 0
        while let promotionRow = chunk.columns[column].append(
          batch, column: column, from: row, base: base, syntax: layout.syntax, scratch: &scratch)
        {
          let rowsBefore = chunk.columns[column].count
          let integerText = chunk.columns[column].integerText
          let leadingZero = chunk.columns[column].leadingZero
          // The text gets a table of its own; the shared one goes back.
          if let set, chunk.columns[column].sharesDictionary {
            set.tables[column] = chunk.columns[column].strings
          }
          chunk.columns[column] = rescanStrings(
            start: start, stop: stop, column: column, rows: rowsBefore,
            region: chunk.columns[column].region)
          chunk.columns[column].integerText = integerText
          chunk.columns[column].leadingZero = leadingZero
          row = promotionRow
        }
      }
      chunk.rowCount += batch.rowCount
      batches += 1
      if let releasePages, tokenizer.position - released >= Self.bytesBetweenReleases {
        releasePages(released..<tokenizer.position)
        released = tokenizer.position
      }
      if batches % Self.batchesBetweenCancelChecks == 0, isCancelled() {
        throw LoadDiagnostics.interrupted
      }
    }
    releasePages?(released..<max(released, tokenizer.position))
    chunk.failed = tokenizer.failed
    chunk.end = tokenizer.position
    chunk.linesPassed = tokenizer.linesPassed
    return chunk
  }

  /// Column `column` of the first `rows` good rows of a chunk, as strings.
  ///
  /// Tokenizing again gives the same rows in the same order, bad rows
  /// included, so the codes line up with the rows already stored.
  func rescanStrings(
    start: Int, stop: Int, column: Int, rows: Int, region: CSVRegion?
  ) -> CSVColumnBuilder {
    var tokenizer = makeTokenizer(start: start)
    let batch = makeBatch()
    var codes: [Int32] = []
    codes.reserveCapacity(max(rows, (stop - start) / max(1, bytesPerRow) + 16))
    var strings = ByteStringTable()
    var nullRows: [Int32] = []
    var scratch: [UInt8] = []
    var ignored: [LoadDiagnostics.RowProblem] = []
    while codes.count < rows, tokenizer.fill(batch, stop: stop, problems: &ignored) {
      // The same nulls and the same dropped rows as the first pass, so codes line up.
      if layout.needsPreparation { _ = prepare(batch, problems: &ignored, scratch: &scratch) }
      for row in 0..<min(batch.rowCount, rows - codes.count) {
        let code = CSVColumnBuilder.code(
          batch, row * columnCount + column, base, &strings, &scratch)
        if code < 0 { nullRows.append(Int32(codes.count)) }
        codes.append(code)
      }
    }
    return CSVColumnBuilder(codes: codes, strings: strings, nullRows: nullRows, region: region)
  }

  private func makeTokenizer(start: Int) -> CSVTokenizer {
    CSVTokenizer(
      base: base, bufferEnd: bufferEnd, start: start, delimiter: delimiter,
      skipBadRows: skipBadRows, quote: layout.quote, escape: layout.escape,
      comment: layout.comment)
  }

  private func makeBatch() -> CSVBatch {
    let batch = CSVBatch(
      capacity: batchRows, columnCount: columnCount, delimiter: delimiter, quote: layout.quote,
      escape: layout.escape)
    batch.bufferEnd = bufferEnd
    return batch
  }

  /// Applies null markers and checks the columns `types:` fixed, in place, on
  /// the field boundaries: a marker becomes an empty unquoted field (null),
  /// and a row with a value that does not convert is a problem and leaves
  /// the batch. Returns false when that problem fails the load.
  func prepare(
    _ batch: CSVBatch, problems: inout [LoadDiagnostics.RowProblem], scratch: inout [UInt8]
  ) -> Bool {
    let width = batch.columnCount
    for column in layout.selected where !layout.nullMarkers[column].isEmpty {
      let markers = layout.nullMarkers[column]
      for row in 0..<batch.rowCount {
        let index = row * width + column
        let start = batch.starts[index]
        let length = batch.ends[index] - start
        guard batch.forms[index] != CSVBatch.FieldForm.quotedWithEscapes.rawValue else { continue }
        for marker in markers where marker.count == length {
          let same = marker.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { memcmp($0, base + start, length) == 0 } ?? true
          }
          if same {
            batch.ends[index] = start
            batch.forms[index] = CSVBatch.FieldForm.plain.rawValue
            break
          }
        }
      }
    }
    var badRows: [Int] = []
    for row in 0..<batch.rowCount {
      for column in layout.checked {
        let index = row * width + column
        let start = batch.starts[index]
        let length = batch.ends[index] - start
        if length == 0, batch.forms[index] == CSVBatch.FieldForm.plain.rawValue { continue }
        let kind = layout.forcedKinds[column] ?? .string
        if batch.forms[index] != CSVBatch.FieldForm.quotedWithEscapes.rawValue,
          layout.syntax.converts(base + start, length, to: kind, scratch: &scratch)
        {
          continue
        }
        problems.append(
          LoadDiagnostics.notConvertible(
            line: batch.lines[row], column: layout.names[column],
            value: ByteNumberParser.text(base + start, length), type: kind.dataType))
        if !skipBadRows {
          batch.rowCount = row
          return false
        }
        badRows.append(row)
        break
      }
    }
    batch.removeRows(badRows)
    return true
  }
}
