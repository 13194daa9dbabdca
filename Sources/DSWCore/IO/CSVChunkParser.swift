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

  init(start: Int, stop: Int) {
    self.start = start
    self.stop = stop
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

  private static let maximumBatchRows = 1024
  private static let fieldsPerBatch = 1 << 20
  private static let batchesBetweenCancelChecks = 32

  /// Rows per batch: a batch's field boundaries stay near a million fields
  /// however wide the file.
  var batchRows: Int {
    max(1, min(Self.maximumBatchRows, Self.fieldsPerBatch / max(1, columnCount)))
  }

  func parse(start: Int, stop: Int, isCancelled: () -> Bool) throws(Diagnostic) -> CSVChunk {
    let chunk = CSVChunk(start: start, stop: stop)
    let expectedRows = (stop - start) / max(1, bytesPerRow) + 16
    chunk.columns = (0..<columnCount).map { _ in CSVColumnBuilder(expectedRows: expectedRows) }
    var tokenizer = CSVTokenizer(
      base: base, bufferEnd: bufferEnd, start: start, delimiter: delimiter,
      skipBadRows: skipBadRows)
    let batch = CSVBatch(capacity: batchRows, columnCount: columnCount, delimiter: delimiter)
    var scratch: [UInt8] = []
    scratch.reserveCapacity(64)
    var batches = 0
    while tokenizer.fill(batch, stop: stop, problems: &chunk.problems) {
      if tokenizer.failed { break }
      for column in 0..<columnCount {
        var row = 0
        while let promotionRow = chunk.columns[column].append(
          batch, column: column, from: row, base: base, scratch: &scratch)
        {
          let rowsBefore = chunk.columns[column].count
          let integerText = chunk.columns[column].integerText
          chunk.columns[column] = rescanStrings(
            start: start, stop: stop, column: column, rows: rowsBefore)
          chunk.columns[column].integerText = integerText
          row = promotionRow
        }
      }
      chunk.rowCount += batch.rowCount
      batches += 1
      if batches % Self.batchesBetweenCancelChecks == 0, isCancelled() {
        throw LoadDiagnostics.interrupted
      }
    }
    chunk.failed = tokenizer.failed
    chunk.end = tokenizer.position
    chunk.linesPassed = tokenizer.linesPassed
    return chunk
  }

  /// Column `column` of the first `rows` good rows of a chunk, as strings.
  ///
  /// Tokenizing again gives the same rows in the same order, bad rows
  /// included, so the codes line up with the rows already stored.
  func rescanStrings(start: Int, stop: Int, column: Int, rows: Int) -> CSVColumnBuilder {
    var tokenizer = CSVTokenizer(
      base: base, bufferEnd: bufferEnd, start: start, delimiter: delimiter,
      skipBadRows: skipBadRows)
    let batch = CSVBatch(capacity: batchRows, columnCount: columnCount, delimiter: delimiter)
    var codes: [Int32] = []
    codes.reserveCapacity(max(rows, (stop - start) / max(1, bytesPerRow) + 16))
    var strings = ByteStringTable()
    var nullRows: [Int32] = []
    var scratch: [UInt8] = []
    var ignored: [LoadDiagnostics.RowProblem] = []
    while codes.count < rows, tokenizer.fill(batch, stop: stop, problems: &ignored) {
      for row in 0..<min(batch.rowCount, rows - codes.count) {
        let code = CSVColumnBuilder.code(
          batch, row * columnCount + column, base, &strings, &scratch)
        if code < 0 { nullRows.append(Int32(codes.count)) }
        codes.append(code)
      }
    }
    return CSVColumnBuilder(codes: codes, strings: strings, nullRows: nullRows)
  }
}
