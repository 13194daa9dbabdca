import Foundation

extension CSVReader {
  /// Joins the chunks' columns into one table, one column at a time.
  ///
  /// Each column gets the type that fits every chunk; a chunk typed more
  /// narrowly is widened (or rescanned as text). Where the column's final
  /// array has that type, each chunk's rows move down to their place in it
  /// (string codes are renumbered on the way), and values a chunk kept in
  /// a buffer of its own are copied in; otherwise the column is copied into
  /// a new array. A column's chunk buffers are released as soon as it is
  /// built.
  ///
  /// Each column asks `isCancelled` before it is built and is skipped once it
  /// answers true; the caller, asking it too, drops the result.
  ///
  /// `renumberStrings` drops the dictionary entries no kept row uses (those
  /// of a chunk parsed again from a corrected start) and numbers the rest in
  /// the order they appear.
  static func assemble(
    _ chunks: [CSVChunk], names: [String], parser: CSVChunkParser, threads: Int,
    renumberStrings: Bool = false, isCancelled: @Sendable () -> Bool = { false }
  ) -> (
    table: Table, integerText: [IntegerTextColumn],
    leadingZeros: [(name: String, example: String)]
  ) {
    let rowCount = chunks.reduce(0) { $0 + $1.rowCount }
    let rowCounts = chunks.map(\.rowCount)
    let selected = parser.layout.selected
    let columns = AssembledColumns(count: selected.count)
    // Each column's pieces move out of the chunks into a box of their own,
    // so that the thread building a column is the only one changing them.
    let pieces = selected.map { column in ColumnPieces(chunks.map { $0.columns[column] }) }
    for chunk in chunks { chunk.columns = [] }
    // Columns are independent, so they are built in parallel too.
    ParallelWork.run(count: selected.count, threads: threads) { slot in
      if isCancelled() { return }
      let column = selected[slot]
      let builders = pieces[slot]
      var kind = builders.parts.reduce(InferredKind.unknown) { $0.joined(with: $1.kind) }
      var integerText = builders.parts.lazy.compactMap(\.integerText).first
      // Chunks typed int and double join to double, which must not round an int.
      if kind == .double, integerText == nil,
        let inexact = builders.parts.lazy.compactMap(\.firstInexactInteger).first
      {
        kind = .string
        integerText = (String(inexact), .inexactAsDouble)
      }
      if let integerText {
        columns.note(
          IntegerTextColumn(
            name: names[column], example: integerText.example, reason: integerText.reason),
          at: slot)
      }
      if kind == .string, let example = builders.parts.lazy.compactMap(\.leadingZero).first {
        columns.noteLeadingZero(example, at: slot)
      }
      for (index, chunk) in chunks.enumerated() {
        let part = builders.parts[index].kind
        if kind == .string, part != .string, part != .unknown {
          builders.parts[index] = parser.rescanStrings(
            start: chunk.start, stop: chunk.stop, column: column, rows: chunk.rowCount,
            region: builders.parts[index].region)
        } else if kind != .string, part != .unknown {
          builders.parts[index].widen(to: kind)
        }
      }
      // Each chunk's string codes, renumbered into the column's dictionary,
      // whose entries come in the order they first appear in the file.
      var dictionary = ByteStringTable()
      var setRemaps: [Int: [Int32]] = [:]
      var remaps: [[Int32]] = []
      if kind == .string {
        for (index, part) in builders.parts.enumerated() {
          guard part.kind == .string else {
            remaps.append([])
            continue
          }
          guard part.sharesDictionary, let shared = chunks[index].dictionarySet else {
            remaps.append(dictionary.absorb(part.strings))
            continue
          }
          var remap = setRemaps[shared.index] ?? []
          dictionary.absorb(
            shared.tables[column], upTo: chunks[index].dictionaryEnds[column], extending: &remap)
          setRemaps[shared.index] = remap
          remaps.append(remap)
        }
      }
      columns.store(
        assembleColumn(
          builders.parts, rowCounts: rowCounts, kind: kind, rowCount: rowCount,
          strings: (dictionary, remaps), renumberStrings: renumberStrings,
          target: parser.targets.map { ($0, column) }),
        at: slot)
      builders.parts = []
    }
    let kept = selected.map { names[$0] }
    let leadingZeros = columns.leadingZeros.map { (name: kept[$0.key], example: $0.value) }
    return (
      Table(names: kept, columns: columns.columns, rowCount: rowCount), columns.notes, leadingZeros
    )
  }

  /// One column from its pieces, one per chunk of `rowCounts` rows: in its
  /// final array when `target` has one of the column's family.
  private static func assembleColumn(
    _ parts: [CSVColumnBuilder], rowCounts: [Int], kind: InferredKind, rowCount: Int,
    strings: (dictionary: ByteStringTable, remaps: [[Int32]]), renumberStrings: Bool,
    target: (targets: CSVColumnTargets, column: Int)?
  ) -> Column {
    var validity: Bitmap?
    let nullCount = parts.reduce(0) { $0 + $1.nullRows.count }
    if nullCount > 0 || kind == .unknown {
      var bitmap = Bitmap(count: rowCount, value: true)
      var offset = 0
      for (builder, rows) in zip(parts, rowCounts) {
        if builder.kind == .unknown {
          for row in 0..<rows { bitmap.clear(offset + row) }
        } else {
          for row in builder.nullRows { bitmap.clear(offset + Int(row)) }
        }
        offset += rows
      }
      validity = bitmap
    }
    // The final array takes the values when it has the column's family and
    // each piece fits its region, so that moving one never reaches the next.
    var inPlace: (targets: CSVColumnTargets, column: Int, start: UnsafeMutableRawPointer)?
    if let (targets, column) = target, let family = CSVStorageFamily(kind),
      targets.family(of: column) == family, let start = targets.start(of: column),
      zip(parts, rowCounts).allSatisfy({ part, rows in rows <= part.region?.capacity ?? -1 })
    {
      inPlace = (targets, column, start)
    }
    /// The column's values, in its final array or else copied into a new one.
    func values<Element>(
      null: Element, remaps: [[Int32]] = [],
      _ unwrap: (CSVColumnTargets.Values?) -> [Element]?
    ) -> [Element] {
      if let (targets, column, start) = inPlace {
        place(parts, rowCounts, into: start, null: null, remaps: remaps)
        // The family matched, so the array is of `Element`s.
        if let placed = unwrap(targets.take(column, rowCount: rowCount)) { return placed }
      }
      return [Element](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
        if let base = buffer.baseAddress {
          place(parts, rowCounts, into: UnsafeMutableRawPointer(base), null: null, remaps: remaps)
        }
        initialized = rowCount
      }
    }
    let storage: Column.Storage
    switch kind {
    case .int, .date, .timestamp:
      let values = values(null: Int64(0)) { if case .int64(let array)? = $0 { array } else { nil } }
      storage = kind == .int ? .int(values) : kind == .date ? .date(values) : .timestamp(values)
    case .double:
      storage = .double(
        values(null: 0.0) { if case .double(let array)? = $0 { array } else { nil } })
    case .bool:
      storage = .bool(values(null: false) { if case .bool(let array)? = $0 { array } else { nil } })
    case .string, .unknown:
      var codes = values(null: Int32(-1), remaps: strings.remaps) {
        if case .codes(let array)? = $0 { array } else { nil }
      }
      var entries = strings.dictionary.strings()
      if renumberStrings { entries = renumberedByFirstAppearance(&codes, entries) }
      storage = .string(codes: codes, dictionary: StringDictionary(uniqueStrings: entries))
    }
    return Column(storage: storage, validity: validity)
  }

  /// Moves each piece's rows to their place in the column's array: down
  /// from the piece's region of it, or in from the piece's own buffer (or
  /// into a new array), renumbering codes by `remaps` (empty for values that
  /// keep their numbers). Pieces go in order, and each moves down, so none
  /// overwrites rows not yet read.
  private static func place<Element>(
    _ parts: [CSVColumnBuilder], _ rowCounts: [Int], into start: UnsafeMutableRawPointer,
    null: Element, remaps: [[Int32]]
  ) {
    let destination = start.assumingMemoryBound(to: Element.self)
    var offset = 0
    for (index, (part, rows)) in zip(parts, rowCounts).enumerated() {
      let target = destination + offset
      if part.kind == .unknown || part.count != rows {
        target.update(repeating: null, count: rows)
      } else if !remaps.isEmpty, let source = part.values {
        renumber(
          source.assumingMemoryBound(to: Int32.self), rows, by: remaps[index],
          into: UnsafeMutableRawPointer(target).assumingMemoryBound(to: Int32.self))
      } else if let source = part.values, source != UnsafeMutableRawPointer(target) {
        UnsafeMutableRawPointer(target).copyMemory(
          from: source, byteCount: rows * MemoryLayout<Element>.stride)
      }
      offset += rows
    }
  }

  /// The entries `codes` use, in the order they first appear, with `codes`
  /// renumbered to match.
  private static func renumberedByFirstAppearance(
    _ codes: inout [Int32], _ entries: [String]
  ) -> [String] {
    var renumbered = [Int32](repeating: -1, count: entries.count)
    var kept: [String] = []
    for row in codes.indices where codes[row] >= 0 {
      let code = Int(codes[row])
      if renumbered[code] < 0 {
        renumbered[code] = Int32(kept.count)
        kept.append(entries[code])
      }
      codes[row] = renumbered[code]
    }
    return kept
  }

  /// Codes of a chunk's dictionary, renumbered into the column's; nulls stay -1.
  /// `target` may be `source` or below it: each code is read before its place
  /// is written.
  @inline(__always)
  private static func renumber(
    _ source: UnsafeMutablePointer<Int32>, _ count: Int, by remap: [Int32],
    into target: UnsafeMutablePointer<Int32>
  ) {
    remap.withUnsafeBufferPointer { remap in
      guard let remap = remap.baseAddress else {
        target.update(repeating: -1, count: count)
        return
      }
      for row in 0..<count {
        let code = source[row]
        target[row] = code < 0 ? -1 : remap[Int(code)]
      }
    }
  }

}

/// One column's pieces, one per chunk, changed only by the thread building it.
private final class ColumnPieces: @unchecked Sendable {
  var parts: [CSVColumnBuilder]

  init(_ parts: [CSVColumnBuilder]) { self.parts = parts }
}

/// Finished columns, stored by the worker threads that build them.
private final class AssembledColumns: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Column?]
  private var integerText: [Int: IntegerTextColumn] = [:]
  private var leadingZeroExamples: [Int: String] = [:]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ column: Column, at index: Int) { lock.withLock { slots[index] = column } }

  func note(_ column: IntegerTextColumn, at index: Int) {
    lock.withLock { integerText[index] = column }
  }

  func noteLeadingZero(_ example: String, at index: Int) {
    lock.withLock { leadingZeroExamples[index] = example }
  }

  /// The first `0`-led value of each column kept as text for it, in column order.
  var leadingZeros: [(key: Int, value: String)] {
    lock.withLock { leadingZeroExamples.sorted { $0.key < $1.key } }
  }

  var columns: [Column] { lock.withLock { slots.compactMap { $0 } } }

  /// The notes in column order.
  var notes: [IntegerTextColumn] {
    lock.withLock { integerText.sorted { $0.key < $1.key }.map(\.value) }
  }
}
