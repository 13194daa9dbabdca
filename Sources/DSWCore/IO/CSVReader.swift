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
/// Chunks write their values straight into the columns' final arrays, whose
/// types a sample of the file's first rows suggests (`CSVColumnTargets`), so
/// the values are not copied again once parsed.
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
  ///
  /// `releasePages` is told of byte ranges the load is done with (it may
  /// still read them again, more slowly): a mapped file lets their pages go.
  public static func read(
    _ bytes: UnsafeRawBufferPointer, options: CSVOptions = CSVOptions(),
    isCancelled: @Sendable () -> Bool = { false },
    progress: (@Sendable (Double) -> Void)? = nil,
    releasePages: (@Sendable (Range<Int>) -> Void)? = nil
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
    let threads = max(1, options.threads)
    let chunking = chunkBounds(
      base, from: dataStart, to: end, threads: threads, quote: options.quote)
    let bounds = chunking.bounds
    configured.targets = targets(
      configured, from: dataStart, chunking: chunking, isCancelled: isCancelled)
    configured.releasePages = releasePages
    configured.dictionaries = CSVDictionaries(columns: columnCount)
    let parser = configured
    let chunks = try parseChunks(
      parser, chunking: chunking, threads: threads, isCancelled: isCancelled, progress: progress)

    // Chunks must meet end to end; a guessed boundary that landed inside a
    // quoted field shows up here and that chunk is parsed again from the
    // true boundary.
    var verified: [CSVChunk] = []
    var skipped: [(line: Int, reason: String)] = []
    var expectedStart = dataStart
    var line = 1 + linesBeforeData
    var dictionariesHaveStrays = false
    for (index, parsed) in chunks.enumerated() {
      if isCancelled() { throw LoadDiagnostics.interrupted }
      let stop = bounds[index + 1]
      var chunk = parsed
      if chunk.start != expectedStart {
        // The shared dictionaries keep the strings of the parse that is dropped.
        dictionariesHaveStrays = true
        if expectedStart >= stop { continue }
        chunk = try parser.parse(
          start: expectedStart, stop: stop, rows: parsed.rows, isCancelled: isCancelled)
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
      verified, names: names, parser: parser, threads: threads,
      renumberStrings: dictionariesHaveStrays, isCancelled: isCancelled)
    // A column skipped after Ctrl-C leaves the table short: drop it.
    if isCancelled() { throw LoadDiagnostics.interrupted }
    progress?(1)
    var result = CSVResult(
      table: assembled.table, skipped: skipped.sorted { $0.line < $1.line },
      renamedColumns: renamed, integerTextColumns: assembled.integerText)
    result.leadingZeroColumns = assembled.leadingZeros
    return result
  }

  /// Chunk boundaries (`bounds[k] ..< bounds[k + 1]` is chunk `k`) and
  /// the rows of the final arrays set aside for each chunk.
  struct Chunking {
    var bounds: [Int]
    /// Chunk `k` writes rows `rows[k]`: as many as it has line ends (one more
    /// for the last, whose record may have none), after those of the chunks
    /// before it. A chunk's records end at its line ends, so they fit
    /// unless a boundary was guessed inside a quoted field.
    var rows: [Range<Int>]
    var rowCapacity: Int { rows.last?.upperBound ?? 0 }
  }

  /// Chunk boundaries, each inner one the start of a record, found from the
  /// parity of the quotes before it (RFC 4180 quotes always come in pairs
  /// outside of fields), and the line ends of each chunk.
  static func chunkBounds(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, threads: Int,
    quote: UInt8 = UInt8(ascii: "\"")
  ) -> Chunking {
    let length = end - start
    let chunkCount =
      length < 4 << 20 ? 1 : min(threads * 8, max(threads, length / (8 << 20)))
    // The last chunk also takes the bytes the division leaves over.
    let nominal = (0...chunkCount).map { $0 == chunkCount ? end : start + length / chunkCount * $0 }
    var counts = [ByteCounts](repeating: ByteCounts(), count: chunkCount)
    let lineFeed = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    counts.withUnsafeMutableBufferPointer { counts in
      let counts = SendablePointer(counts.baseAddress)
      let source = SendablePointer(UnsafeMutablePointer(mutating: base))
      ParallelWork.run(count: chunkCount, threads: threads) { chunk in
        guard let counts = counts.pointer, let base = source.pointer else { return }
        counts[chunk] = countBytes(
          base, from: nominal[chunk], to: nominal[chunk + 1], end: end, quote: quote)
      }
    }
    var bounds = [start]
    var lineEnds = counts.map(\.lineEnds)
    var quotesBefore = 0
    for chunk in 1..<max(1, chunkCount) {
      quotesBefore += counts[chunk - 1].quotes
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
      // The line ends between the nominal and the true boundary move to the chunk before.
      let moved = CSVTokenizer.lineEnds(base, from: nominal[chunk], to: min(cursor, end), end: end)
      lineEnds[chunk - 1] += moved
      lineEnds[chunk] -= moved
      bounds.append(cursor)
    }
    bounds.append(end)
    var rows: [Range<Int>] = []
    var next = 0
    for (chunk, count) in lineEnds.enumerated() {
      let capacity = max(0, count) + (chunk == lineEnds.count - 1 ? 1 : 0)
      rows.append(next..<next + capacity)
      next += capacity
    }
    return Chunking(bounds: bounds, rows: rows)
  }

  /// Quotes and line ends (LF, CRLF counted once, lone CR) in a range.
  struct ByteCounts {
    var quotes = 0
    var lineEnds = 0
  }

  /// The quotes and line ends in `start ..< stop`, eight bytes at a time
  /// (SWAR byte matches, summed per byte lane). A CR followed by an LF is
  /// one line end, even when the LF is past `stop` (but before `end`), so
  /// that counts of neighbouring ranges add up.
  private static func countBytes(
    _ base: UnsafePointer<UInt8>, from start: Int, to stop: Int, end: Int, quote: UInt8
  ) -> ByteCounts {
    let raw = UnsafeRawPointer(base)
    var counts = ByteCounts()
    var index = start
    /// 1 in each byte lane of `word` equal to the byte repeated in `pattern`.
    @inline(__always) func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
      SWAR.matches(word, pattern) >> 7
    }
    let quotePattern = SWAR.repeated(quote)
    let lineFeedPattern = SWAR.repeated(CSVTokenizer.lineFeed)
    let returnPattern = SWAR.repeated(CSVTokenizer.carriageReturn)
    while index + 9 <= end, index + 8 <= stop {
      // Up to 255 words per round, so that no lane overflows.
      let roundEnd = min(stop, end - 1, index + 255 * 8)
      var quotes: UInt64 = 0
      var lineFeeds: UInt64 = 0
      var returns: UInt64 = 0
      var pairs: UInt64 = 0
      while index + 8 <= roundEnd {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        quotes &+= matches(word, quotePattern)
        lineFeeds &+= matches(word, lineFeedPattern)
        let wordReturns = matches(word, returnPattern)
        returns &+= wordReturns
        // The word one byte on holds each byte's successor in the same lane.
        let next = raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)
        pairs &+= wordReturns & matches(next, lineFeedPattern)
        index += 8
      }
      counts.quotes += SWAR.laneSum(quotes)
      counts.lineEnds += SWAR.laneSum(lineFeeds) + SWAR.laneSum(returns) - SWAR.laneSum(pairs)
    }
    counts.lineEnds += CSVTokenizer.lineEnds(base, from: index, to: stop, end: end)
    while index < stop {
      if base[index] == quote { counts.quotes += 1 }
      index += 1
    }
    return counts
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

  /// The columns' final arrays, of the kinds the file's first rows have;
  /// nil when the file could hold so many more rows than bytes (lines that
  /// are nearly all blank) that room for them all is not worth setting aside.
  private static func targets(
    _ parser: CSVChunkParser, from start: Int, chunking: Chunking,
    isCancelled: @Sendable () -> Bool
  ) -> CSVColumnTargets? {
    let rows = chunking.rowCapacity
    let bytes = parser.bufferEnd - start
    guard
      rows.multipliedReportingOverflow(by: parser.layout.selected.count).partialValue
        <= max(bytes, 1 << 20)
    else { return nil }
    let sampleEnd = min(chunking.bounds[1], start + Self.sampleBytes)
    let kinds = (try? parser.parse(start: start, stop: sampleEnd, isCancelled: isCancelled))?
      .columns.map(\.kind)
    let families = (0..<parser.columnCount).map { column -> CSVStorageFamily? in
      guard parser.layout.isSelected[column], let kinds else { return nil }
      return CSVStorageFamily(kinds[column])
    }
    return CSVColumnTargets(families: families, capacity: rows)
  }

  /// The bytes of the file's start that decide the kinds of the final arrays.
  private static let sampleBytes = 64 << 10

  private static func parseChunks(
    _ parser: CSVChunkParser, chunking: Chunking, threads: Int,
    isCancelled: @Sendable () -> Bool, progress: (@Sendable (Double) -> Void)?
  ) throws(Diagnostic) -> [CSVChunk] {
    let bounds = chunking.bounds
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
          start: bounds[index], stop: bounds[index + 1], rows: chunking.rows[index],
          isCancelled: isCancelled)
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
