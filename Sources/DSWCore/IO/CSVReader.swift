import Foundation

/// Loads delimited text (CSV, TSV) into a typed `Table`, strictly and fast.
///
/// The flow, like a database's loader: read the header; split the rest into
/// chunks at record boundaries (quote-aware, using quote parity); parse the
/// chunks on several threads, each typing its columns speculatively and
/// interning strings in its own byte-keyed dictionary; then check that the
/// chunks meet end to end (re-parsing any that do not), widen every column to
/// the type that fits the whole file, and merge the dictionaries by remapping
/// codes. Input is bytes; the app reads (or maps) the file.
///
/// The rules, where RFC 4180 leaves room:
/// - An unquoted empty field is null; `""` is the empty string.
/// - Records end at LF, CRLF or a lone CR (old Mac files); CRLF is one line
///   end. Inside quotes, all three are text. Blank lines are skipped.
/// - A quote may only open a field. A quote inside an unquoted field (`5'10"`)
///   or text after a closing quote is an error, never guessed at.
/// - Quoted fields are inferred like unquoted ones (`"12"` is the int 12).
/// - Types: int (Int64), double (finite; `nan`, `inf` and overflowing values
///   are text), bool
///   (`true`/`false`, any case), date (`YYYY-MM-DD`), timestamp (ISO 8601),
///   else string. int+double is double, date+timestamp is timestamp, any
///   other mix is string, keeping each value's original text.
/// - No digit is lost: an integer beyond Int64, or one a double cannot hold
///   exactly in a column that also holds decimals, makes the column string;
///   such columns are listed in `integerTextColumns`.
/// - Header names that are empty become `columnN` (N the 1-based position);
///   repeated names get `_2`, `_3`...; both are listed in `renamedColumns`.
/// - Problems in the first record always fail the load, since it fixes the
///   column count; later bad rows fail it, or are skipped and listed under
///   `onError: .skip`. Lines are 1-based physical lines of the file.
/// - A UTF-8 byte order mark is ignored.
/// - At most `LoadDiagnostics.maximumCSVColumns` (100,000) columns.
public enum CSVReader {
  /// Reads a CSV held in an array.
  public static func read(
    _ bytes: [UInt8], options: CSVOptions = CSVOptions(),
    isCancelled: @Sendable () -> Bool = { false },
    progress: (@Sendable (Double) -> Void)? = nil
  ) throws(Diagnostic) -> CSVResult {
    let outcome = bytes.withUnsafeBytes { buffer in
      Result { () throws(Diagnostic) -> CSVResult in
        try read(buffer, options: options, isCancelled: isCancelled, progress: progress)
      }
    }
    return try outcome.get()
  }

  /// Reads a CSV from raw bytes, such as a memory-mapped file.
  public static func read(
    _ bytes: UnsafeRawBufferPointer, options: CSVOptions = CSVOptions(),
    isCancelled: @Sendable () -> Bool = { false },
    progress: (@Sendable (Double) -> Void)? = nil
  ) throws(Diagnostic) -> CSVResult {
    let delimiter = options.delimiter
    guard delimiter != options.quote, delimiter != UInt8(ascii: "\n"),
      delimiter != UInt8(ascii: "\r")
    else {
      throw Diagnostic.error("L006", "the delimiter cannot be a quote or a line break")
    }
    guard let raw = bytes.baseAddress, !bytes.isEmpty else { return CSVResult(table: .empty) }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    let end = bytes.count
    // A UTF-8 byte order mark is not part of the first column's name.
    var start = end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
    var skippedLines = 0
    while skippedLines < options.skipLines, start < end {
      while start < end, base[start] != CSVTokenizer.lineFeed,
        base[start] != CSVTokenizer.carriageReturn
      {
        start += 1
      }
      if start < end { start += CSVTokenizer.lineEndLength(base, start, end) }
      skippedLines += 1
    }
    guard
      let first = try firstRecord(
        base, start: start, end: end, delimiter: delimiter, options: options)
    else {
      return CSVResult(table: .empty)
    }
    let columnCount = first.fields.count
    guard columnCount <= LoadDiagnostics.maximumCSVColumns else {
      throw LoadDiagnostics.tooManyColumns(columnCount)
    }
    var names: [String]
    var renamed: [(original: String, name: String)] = []
    var dataStart = start
    var linesBeforeData = skippedLines
    if options.header {
      (names, renamed) = columnNames(first.fields)
      dataStart = first.end
      linesBeforeData += first.linesPassed
    } else {
      names = (1...columnCount).map { "column\($0)" }
    }
    let bytesPerRow = max(1, first.end - start)
    var configured = CSVChunkParser(
      base: base, bufferEnd: end, delimiter: delimiter, columnCount: columnCount,
      skipBadRows: options.onError == .skip, bytesPerRow: bytesPerRow)
    configured.layout = try layout(names: names, options: options)
    let parser = configured
    let threads = max(1, options.threads)
    let bounds = chunkBounds(
      base, from: dataStart, to: end, threads: threads, quote: options.quote)
    let chunks = try parseChunks(
      parser, bounds: bounds, threads: threads, isCancelled: isCancelled, progress: progress)

    // Chunks must meet end to end; a guessed boundary that landed inside a
    // quoted field shows up here and that chunk is parsed again from the
    // true boundary.
    var verified: [CSVChunk] = []
    var skipped: [(line: Int, reason: String)] = []
    var expectedStart = dataStart
    var line = 1 + linesBeforeData
    for (index, parsed) in chunks.enumerated() {
      if isCancelled() { throw LoadDiagnostics.interrupted }
      let stop = bounds[index + 1]
      var chunk = parsed
      if chunk.start != expectedStart {
        if expectedStart >= stop { continue }
        chunk = try parser.parse(start: expectedStart, stop: stop, isCancelled: isCancelled)
      }
      // Conversion problems are found after the tokenizer's, so order by line.
      for problem in chunk.problems.sorted(by: { $0.line < $1.line }) {
        var absolute = problem
        absolute.line += line
        if !parser.skipBadRows { throw LoadDiagnostics.diagnostic(absolute) }
        skipped.append((absolute.line, absolute.reason))
      }
      line += chunk.linesPassed
      expectedStart = chunk.end
      verified.append(chunk)
    }
    let assembled = assemble(
      verified, names: names, parser: parser, threads: threads, isCancelled: isCancelled)
    // A column skipped after Ctrl-C leaves the table short: drop it.
    if isCancelled() { throw LoadDiagnostics.interrupted }
    progress?(1)
    var result = CSVResult(
      table: assembled.table, skipped: skipped.sorted { $0.line < $1.line },
      renamedColumns: renamed, integerTextColumns: assembled.integerText)
    result.leadingZeroColumns = assembled.leadingZeros
    return result
  }

  /// Chunk boundaries: `bounds[k] ..< bounds[k + 1]` is chunk `k`. Each inner
  /// boundary is the start of a record, found from the parity of the quotes
  /// before it (RFC 4180 quotes always come in pairs outside of fields).
  static func chunkBounds(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, threads: Int,
    quote: UInt8 = UInt8(ascii: "\"")
  ) -> [Int] {
    let length = end - start
    let chunkCount =
      length < 4 << 20 ? 1 : min(threads * 8, max(threads, length / (8 << 20)))
    let nominal = (0...chunkCount).map { start + length / chunkCount * $0 }
    var quoteCounts = [Int](repeating: 0, count: chunkCount)
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    quoteCounts.withUnsafeMutableBufferPointer { counts in
      let counts = SendablePointer(counts.baseAddress)
      let source = SendablePointer(UnsafeMutablePointer(mutating: base))
      ParallelWork.run(count: chunkCount, threads: threads) { chunk in
        guard let counts = counts.pointer, let base = source.pointer else { return }
        counts[chunk] = countQuotes(
          base, from: nominal[chunk], to: nominal[chunk + 1], quote: quote)
      }
    }
    var bounds = [start]
    var quotesBefore = 0
    for chunk in 1..<max(1, chunkCount) {
      quotesBefore += quoteCounts[chunk - 1]
      var inQuotes = quotesBefore & 1 == 1
      var cursor = max(nominal[chunk], bounds[bounds.count - 1])
      while cursor < end {
        let byte = base[cursor]
        cursor += 1
        if byte == quote {
          inQuotes.toggle()
        } else if byte == lineFeed, !inQuotes {
          break
        } else if byte == carriageReturn, !inQuotes {
          if cursor < end, base[cursor] == lineFeed { cursor += 1 }
          break
        }
      }
      bounds.append(cursor)
    }
    bounds.append(end)
    return bounds
  }

  /// The number of `"` bytes in a range, eight at a time (SWAR zero-byte count).
  private static func countQuotes(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, quote: UInt8
  ) -> Int {
    let raw = UnsafeRawPointer(base)
    var count = 0
    var index = start
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let quotes = UInt64(quote) &* 0x0101_0101_0101_0101
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ quotes
      // High bit set exactly in the bytes of `word` that are zero.
      let zeroes = ~(((word & low7) &+ low7) | word | low7)
      count += zeroes.nonzeroBitCount
      index += 8
    }
    while index < end {
      if base[index] == quote { count += 1 }
      index += 1
    }
    return count
  }

  /// Resolves the column options against the file's names.
  static func layout(names: [String], options: CSVOptions) throws(Diagnostic) -> CSVLayout {
    var layout = CSVLayout(names: names)
    layout.quote = options.quote
    layout.escape = options.escape
    layout.comment = options.comment
    layout.syntax.decimal = options.decimal
    layout.syntax.dateFormat = options.dateFormat.flatMap(DateFormat.init)
    var positions: [String: Int] = [:]
    for (index, name) in names.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    func position(_ name: String, _ option: String) throws(Diagnostic) -> Int {
      guard let index = positions[name] else {
        var error = LoadDiagnostics.unknownColumn(name, option: option, known: names)
        error.span = options.spans["\(option) \(name)"]
        throw error
      }
      return index
    }
    if let columns = options.columns {
      layout.selected = []
      layout.isSelected = Array(repeating: false, count: names.count)
      for name in columns {
        let index = try position(name, "columns")
        if !layout.isSelected[index] { layout.selected.append(index) }
        layout.isSelected[index] = true
      }
    }
    let markers = options.nullMarkers.map { Array($0.utf8) }
    if !markers.isEmpty { layout.nullMarkers = Array(repeating: markers, count: names.count) }
    for (name, texts) in options.columnNullMarkers.sorted(by: { $0.key < $1.key }) {
      layout.nullMarkers[try position(name, "null")] = texts.map { Array($0.utf8) }
    }
    for (name, type) in options.types.sorted(by: { $0.key < $1.key }) {
      let index = try position(name, "types")
      layout.forcedKinds[index] = InferredKind(type)
      if type != .string, layout.isSelected[index] { layout.checked.append(index) }
    }
    layout.checked.sort()
    return layout
  }

  private static func parseChunks(
    _ parser: CSVChunkParser, bounds: [Int], threads: Int,
    isCancelled: @Sendable () -> Bool, progress: (@Sendable (Double) -> Void)?
  ) throws(Diagnostic) -> [CSVChunk] {
    let chunkCount = bounds.count - 1
    let results = ChunkResults(count: chunkCount)
    let total = Double(max(1, bounds[chunkCount] - bounds[0]))
    ParallelWork.run(count: chunkCount, threads: threads) { index in
      if results.shouldStop { return }
      if isCancelled() {
        results.stop(with: LoadDiagnostics.interrupted)
        return
      }
      do throws(Diagnostic) {
        let chunk = try parser.parse(
          start: bounds[index], stop: bounds[index + 1], isCancelled: isCancelled)
        let done = results.store(chunk, at: index, bytes: bounds[index + 1] - bounds[index])
        progress?(0.9 * Double(done) / total)
      } catch {
        results.stop(with: error)
      }
    }
    return try results.finished()
  }
}

/// Chunk results filled in by worker threads.
private final class ChunkResults: @unchecked Sendable {
  private let lock = NSLock()
  private var chunks: [CSVChunk?]
  private var error: Diagnostic?
  private var bytesDone = 0

  init(count: Int) { chunks = Array(repeating: nil, count: count) }

  var shouldStop: Bool { lock.withLock { error != nil } }

  func store(_ chunk: CSVChunk, at index: Int, bytes: Int) -> Int {
    lock.withLock {
      chunks[index] = chunk
      bytesDone += bytes
      return bytesDone
    }
  }

  func stop(with error: Diagnostic) {
    lock.withLock { if self.error == nil { self.error = error } }
  }

  func finished() throws(Diagnostic) -> [CSVChunk] {
    if let error { throw error }
    return chunks.compactMap { $0 }
  }
}
