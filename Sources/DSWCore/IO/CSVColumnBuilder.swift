/// One column of one chunk, typed speculatively while it is parsed.
///
/// The builder stores values in the narrowest kind that fits so far and
/// widens in place when a value does not fit (int to double, date to
/// timestamp). Widening to string needs the original text of earlier rows,
/// which the builder no longer has, so it asks its chunk parser to rescan.
struct CSVColumnBuilder {
  private(set) var kind = InferredKind.unknown
  /// Payloads of int, date and timestamp columns.
  var ints: [Int64] = []
  var doubles: [Double] = []
  var bools: [Bool] = []
  var codes: [Int32] = []
  var strings = ByteStringTable()
  /// Chunk-relative rows that are null.
  var nullRows: [Int32] = []
  /// Set when an integer made the column text, so that no digit is lost.
  var integerText: (example: String, reason: IntegerTextColumn.Reason)?
  private(set) var count = 0
  private let expectedRows: Int

  init(expectedRows: Int) { self.expectedRows = expectedRows }

  /// A string column of a chunk, from a rescan.
  init(codes: [Int32], strings: ByteStringTable, nullRows: [Int32]) {
    kind = .string
    self.codes = codes
    self.strings = strings
    self.nullRows = nullRows
    count = codes.count
    expectedRows = codes.count
  }

  /// Appends column `column` of `batch`, starting at batch row `row`.
  /// Returns nil when done, or the batch row at which the column must become
  /// a string column (by a rescan of the earlier rows) before going on.
  mutating func append(
    _ batch: CSVBatch, column: Int, from row: Int, base: UnsafePointer<UInt8>,
    scratch: inout [UInt8]
  ) -> Int? {
    var row = row
    while row < batch.rowCount {
      switch kind {
      case .unknown: row = appendNulls(batch, column, row)
      case .int: row = appendInts(batch, column, row, base)
      case .double: row = appendDoubles(batch, column, row, base)
      case .bool: row = appendBools(batch, column, row, base)
      case .date: row = appendDates(batch, column, row, base)
      case .timestamp: row = appendTimestamps(batch, column, row, base, &scratch)
      case .string: row = appendStrings(batch, column, row, base, &scratch)
      }
      if row == batch.rowCount { break }
      let index = row * batch.columnCount + column
      let form = batch.forms[index]
      let start = base + batch.starts[index]
      let length = batch.ends[index] - batch.starts[index]
      var valueKind =
        form == CSVBatch.FieldForm.quotedWithEscapes.rawValue
        ? InferredKind.string
        : InferredKind.classify(start, length, scratch: &scratch)
      if let lossy = lossyInteger(valueKind, start, length) {
        valueKind = .string
        if integerText == nil { integerText = lossy }
      }
      let target = kind.joined(with: valueKind)
      if target == .string, kind != .unknown { return row }
      widen(to: target)
    }
    return nil
  }

  /// An integer that would lose digits in the column's numeric type, met
  /// while classifying a value of kind `valueKind`: one beyond Int64, an
  /// Int64 that a double column cannot hold exactly, or a decimal arriving in
  /// an int column that holds such an Int64.
  private func lossyInteger(
    _ valueKind: InferredKind, _ start: UnsafePointer<UInt8>, _ length: Int
  ) -> (example: String, reason: IntegerTextColumn.Reason)? {
    switch (kind, valueKind) {
    case (_, .double) where ByteNumberParser.isIntegerLiteral(start, length):
      return (ByteNumberParser.text(start, length), .beyondInt64)
    case (.double, .int):
      guard let integer = ByteNumberParser.parseInt(start, length),
        Double(exactly: integer) == nil
      else { return nil }
      return (ByteNumberParser.text(start, length), .inexactAsDouble)
    case (.int, .double):
      return firstInexactInteger.map { (String($0), .inexactAsDouble) }
    default:
      return nil
    }
  }

  /// The first stored int that a double cannot hold exactly, in an int column.
  var firstInexactInteger: Int64? {
    guard kind == .int else { return nil }
    return ints.first { Double(exactly: $0) == nil }
  }

  /// Converts the payload already stored to `target`, which holds it exactly.
  mutating func widen(to target: InferredKind) {
    switch (kind, target) {
    case (.unknown, _):
      switch target {
      case .int, .date, .timestamp: ints = [Int64](repeating: 0, count: count)
      case .double: doubles = [Double](repeating: 0, count: count)
      case .bool: bools = [Bool](repeating: false, count: count)
      case .string: codes = [Int32](repeating: -1, count: count)
      case .unknown: break
      }
      reserve(target)
    case (.int, .double):
      reserve(.double)
      doubles.append(contentsOf: ints.lazy.map { Double($0) })
      ints = []
    case (.date, .timestamp):
      for index in ints.indices { ints[index] &*= CivilTime.microsPerDay }
    default: break
    }
    kind = target
  }

  private mutating func reserve(_ target: InferredKind) {
    let capacity = max(expectedRows, count)
    switch target {
    case .int, .date, .timestamp: ints.reserveCapacity(capacity)
    case .double: doubles.reserveCapacity(capacity)
    case .bool: bools.reserveCapacity(capacity)
    case .string: codes.reserveCapacity(capacity)
    case .unknown: break
    }
  }

  @inline(__always)
  private static func isNull(_ batch: CSVBatch, _ index: Int) -> Bool {
    batch.forms[index] == 0 && batch.starts[index] == batch.ends[index]
  }

  private mutating func appendNulls(_ batch: CSVBatch, _ column: Int, _ row: Int) -> Int {
    for current in row..<batch.rowCount {
      guard Self.isNull(batch, current * batch.columnCount + column) else { return current }
      nullRows.append(Int32(count))
      count += 1
    }
    return batch.rowCount
  }

  /// Appends the column's fields from `row` on, parsed by `parse`, until one
  /// does not parse: the row where the column's type must widen.
  @inline(__always)
  private static func appendParsed<Element>(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    into values: inout [Element], nullRows: inout [Int32], count: inout Int, null: Element,
    _ parse: (UnsafePointer<UInt8>, Int) -> Element?
  ) -> Int {
    let width = batch.columnCount
    for current in row..<batch.rowCount {
      let index = current * width + column
      let start = batch.starts[index]
      let end = batch.ends[index]
      if end == start, batch.forms[index] == 0 {
        values.append(null)
        nullRows.append(Int32(count))
      } else {
        guard let value = parse(base + start, end - start) else { return current }
        values.append(value)
      }
      count += 1
    }
    return batch.rowCount
  }

  private mutating func appendInts(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    Self.appendParsed(
      batch, column, row, base, into: &ints, nullRows: &nullRows, count: &count, null: 0,
      ByteNumberParser.parseInt)
  }

  private mutating func appendDoubles(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    Self.appendParsed(
      batch, column, row, base, into: &doubles, nullRows: &nullRows, count: &count, null: 0,
      ByteNumberParser.parseDoubleKeepingIntegers)
  }

  private mutating func appendBools(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    Self.appendParsed(
      batch, column, row, base, into: &bools, nullRows: &nullRows, count: &count, null: false,
      ByteNumberParser.parseBool)
  }

  private mutating func appendDates(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    Self.appendParsed(
      batch, column, row, base, into: &ints, nullRows: &nullRows, count: &count, null: 0,
      ByteNumberParser.parseDate)
  }

  private mutating func appendTimestamps(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ scratch: inout [UInt8]
  ) -> Int {
    let width = batch.columnCount
    for current in row..<batch.rowCount {
      let index = current * width + column
      let start = batch.starts[index]
      let end = batch.ends[index]
      if end == start, batch.forms[index] == 0 {
        ints.append(0)
        nullRows.append(Int32(count))
      } else {
        guard
          let value = ByteNumberParser.parseTimestamp(
            base + start, end - start, scratch: &scratch)
        else { return current }
        ints.append(value)
      }
      count += 1
    }
    return batch.rowCount
  }

  private mutating func appendStrings(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ scratch: inout [UInt8]
  ) -> Int {
    let width = batch.columnCount
    for current in row..<batch.rowCount {
      let index = current * width + column
      codes.append(Self.code(batch, index, base, &strings, &scratch))
      if codes[codes.count - 1] < 0 { nullRows.append(Int32(count)) }
      count += 1
    }
    return batch.rowCount
  }

  /// The dictionary code of one field (-1 for null), unescaping `""` when needed.
  @inline(__always)
  static func code(
    _ batch: CSVBatch, _ index: Int, _ base: UnsafePointer<UInt8>,
    _ strings: inout ByteStringTable, _ scratch: inout [UInt8]
  ) -> Int32 {
    let start = batch.starts[index]
    let end = batch.ends[index]
    let form = batch.forms[index]
    if form == 0, end == start { return -1 }
    if form != CSVBatch.FieldForm.quotedWithEscapes.rawValue {
      return strings.intern(base + start, end - start)
    }
    scratch.removeAll(keepingCapacity: true)
    var cursor = start
    while cursor < end {
      let byte = base[cursor]
      scratch.append(byte)
      cursor += byte == UInt8(ascii: "\"") ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { buffer in
      var zero: UInt8 = 0
      guard let pointer = buffer.baseAddress else {
        return withUnsafePointer(to: &zero) { strings.intern($0, 0) }
      }
      return strings.intern(pointer, buffer.count)
    }
  }
}
