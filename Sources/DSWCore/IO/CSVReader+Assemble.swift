import Foundation

extension CSVReader {
  /// Joins the chunks' columns into one table, one column at a time.
  ///
  /// Each column gets the type that fits every chunk; a chunk typed more
  /// narrowly is widened (or rescanned as text). A column's chunk buffers are
  /// released as soon as it is built, so peak memory stays near one copy of
  /// the table plus one column.
  ///
  /// Each column asks `isCancelled` before it is built and is skipped once it
  /// answers true; the caller, asking it too, drops the result.
  static func assemble(
    _ chunks: [CSVChunk], names: [String], parser: CSVChunkParser, threads: Int,
    isCancelled: @Sendable () -> Bool = { false }
  ) -> (
    table: Table, integerText: [IntegerTextColumn],
    leadingZeros: [(name: String, example: String)]
  ) {
    let rowCount = chunks.reduce(0) { $0 + $1.rowCount }
    let selected = parser.layout.selected
    let columns = AssembledColumns(count: selected.count)
    // Columns are independent, so they are built in parallel too.
    ParallelWork.run(count: selected.count, threads: threads) { slot in
      if isCancelled() { return }
      let column = selected[slot]
      var kind = chunks.reduce(InferredKind.unknown) { $0.joined(with: $1.columns[column].kind) }
      var integerText = chunks.lazy.compactMap { $0.columns[column].integerText }.first
      // Chunks typed int and double join to double, which must not round an int.
      if kind == .double, integerText == nil,
        let inexact = chunks.lazy.compactMap({ $0.columns[column].firstInexactInteger }).first
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
      if kind == .string,
        let example = chunks.lazy.compactMap({ $0.columns[column].leadingZero }).first
      {
        columns.noteLeadingZero(example, at: slot)
      }
      if kind == .string {
        let narrower = chunks.filter {
          $0.columns[column].kind != .string && $0.columns[column].kind != .unknown
        }
        for chunk in narrower {
          chunk.columns[column] = parser.rescanStrings(
            start: chunk.start, stop: chunk.stop, column: column, rows: chunk.rowCount)
        }
      } else {
        for chunk in chunks where chunk.columns[column].kind != .unknown {
          chunk.columns[column].widen(to: kind)
        }
      }
      columns.store(
        assembleColumn(chunks, column: column, kind: kind, rowCount: rowCount), at: slot)
      for chunk in chunks { chunk.columns[column] = CSVColumnBuilder(expectedRows: 0) }
    }
    let kept = selected.map { names[$0] }
    let leadingZeros = columns.leadingZeros.map { (name: kept[$0.key], example: $0.value) }
    return (
      Table(names: kept, columns: columns.columns, rowCount: rowCount), columns.notes, leadingZeros
    )
  }

  private static func assembleColumn(
    _ chunks: [CSVChunk], column: Int, kind: InferredKind, rowCount: Int
  ) -> Column {
    var validity: Bitmap?
    let nullCount = chunks.reduce(0) { $0 + $1.columns[column].nullRows.count }
    if nullCount > 0 || kind == .unknown {
      var bitmap = Bitmap(count: rowCount, value: true)
      var offset = 0
      for chunk in chunks {
        let builder = chunk.columns[column]
        if builder.kind == .unknown {
          for row in 0..<chunk.rowCount { bitmap.clear(offset + row) }
        } else {
          for row in builder.nullRows { bitmap.clear(offset + Int(row)) }
        }
        offset += chunk.rowCount
      }
      validity = bitmap
    }
    switch kind {
    case .int, .date, .timestamp:
      let values = concatenate(chunks, rowCount: rowCount, zero: Int64(0)) {
        $0.columns[column].ints
      }
      let storage: Column.Storage =
        kind == .int ? .int(values) : kind == .date ? .date(values) : .timestamp(values)
      return Column(storage: storage, validity: validity)
    case .double:
      let values = concatenate(chunks, rowCount: rowCount, zero: 0.0) {
        $0.columns[column].doubles
      }
      return Column(storage: .double(values), validity: validity)
    case .bool:
      let values = concatenate(chunks, rowCount: rowCount, zero: false) { $0.columns[column].bools }
      return Column(storage: .bool(values), validity: validity)
    case .string, .unknown:
      var dictionary = ByteStringTable()
      var codes: [Int32] = []
      codes.reserveCapacity(rowCount)
      for chunk in chunks {
        let builder = chunk.columns[column]
        guard builder.kind == .string else {
          codes.append(contentsOf: repeatElement(-1, count: chunk.rowCount))
          continue
        }
        let remap = dictionary.absorb(builder.strings)
        remap.withUnsafeBufferPointer { remap in
          for code in builder.codes { codes.append(code < 0 ? -1 : remap[Int(code)]) }
        }
      }
      let strings = StringDictionary(uniqueStrings: dictionary.strings())
      return Column(storage: .string(codes: codes, dictionary: strings), validity: validity)
    }
  }

  /// One array from every chunk's payload; chunks with no values give `zero`s.
  private static func concatenate<Element>(
    _ chunks: [CSVChunk], rowCount: Int, zero: Element, _ payload: (CSVChunk) -> [Element]
  ) -> [Element] {
    var values: [Element] = []
    values.reserveCapacity(rowCount)
    for chunk in chunks {
      let part = payload(chunk)
      if part.count == chunk.rowCount {
        values.append(contentsOf: part)
      } else {
        values.append(contentsOf: repeatElement(zero, count: chunk.rowCount))
      }
    }
    return values
  }
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
