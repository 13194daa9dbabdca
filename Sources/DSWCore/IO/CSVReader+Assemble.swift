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
            start: chunk.start, stop: chunk.stop, column: column, rows: chunk.rowCount)
        } else if kind != .string, part != .unknown {
          builders.parts[index].widen(to: kind)
        }
      }
      columns.store(
        assembleColumn(builders.parts, rowCounts: rowCounts, kind: kind, rowCount: rowCount),
        at: slot)
      builders.parts = []
    }
    let kept = selected.map { names[$0] }
    let leadingZeros = columns.leadingZeros.map { (name: kept[$0.key], example: $0.value) }
    return (
      Table(names: kept, columns: columns.columns, rowCount: rowCount), columns.notes, leadingZeros
    )
  }

  /// One column from its pieces, one per chunk of `rowCounts` rows.
  private static func assembleColumn(
    _ parts: [CSVColumnBuilder], rowCounts: [Int], kind: InferredKind, rowCount: Int
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
    switch kind {
    case .int, .date, .timestamp:
      let values = concatenate(parts, rowCounts: rowCounts, zero: Int64(0)) { $0.ints }
      let storage: Column.Storage =
        kind == .int ? .int(values) : kind == .date ? .date(values) : .timestamp(values)
      return Column(storage: storage, validity: validity)
    case .double:
      let values = concatenate(parts, rowCounts: rowCounts, zero: 0.0) { $0.doubles }
      return Column(storage: .double(values), validity: validity)
    case .bool:
      let values = concatenate(parts, rowCounts: rowCounts, zero: false) { $0.bools }
      return Column(storage: .bool(values), validity: validity)
    case .string, .unknown:
      var dictionary = ByteStringTable()
      var codes: [Int32] = []
      codes.reserveCapacity(rowCount)
      for (builder, rows) in zip(parts, rowCounts) {
        guard builder.kind == .string else {
          codes.append(contentsOf: repeatElement(-1, count: rows))
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

  /// One array from every piece's payload; pieces with no values give `zero`s.
  private static func concatenate<Element>(
    _ parts: [CSVColumnBuilder], rowCounts: [Int], zero: Element,
    _ payload: (CSVColumnBuilder) -> [Element]
  ) -> [Element] {
    var values: [Element] = []
    values.reserveCapacity(rowCounts.reduce(0, +))
    for (builder, rows) in zip(parts, rowCounts) {
      let part = payload(builder)
      if part.count == rows {
        values.append(contentsOf: part)
      } else {
        values.append(contentsOf: repeatElement(zero, count: rows))
      }
    }
    return values
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
