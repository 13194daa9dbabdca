import Foundation

/// One column of one chunk, typed speculatively while it is parsed.
///
/// The builder stores values in the narrowest kind that fits so far and
/// widens in place when a value does not fit (int to double, date to
/// timestamp). Widening to string needs the original text of earlier rows,
/// which the builder no longer has, so it asks its chunk parser to rescan.
///
/// Values of the family of the column's final array go straight into the
/// chunk's region of it (`CSVColumnTargets`); values of another family, or
/// more rows than the region holds, go to a buffer of the builder's own,
/// which assembly copies.
final class CSVColumnBuilder {
  private(set) var kind = InferredKind.unknown
  var strings = ByteStringTable()
  /// Whether `strings` is a table of the chunk's shared set (else its own).
  var sharesDictionary = false
  /// Chunk-relative rows that are null.
  var nullRows: [Int32] = []
  /// Set when an integer made the column text, so that no digit is lost.
  var integerText: (example: String, reason: IntegerTextColumn.Reason)?
  /// A `0`-led value, such as `02134`, that kept the column text.
  var leadingZero: String?
  private(set) var count = 0
  private let expectedRows: Int
  /// Set when `types:` fixed the column's kind: values are checked before
  /// they arrive here, and inference never widens it.
  private(set) var isForced = false
  /// The chunk's rows of the column's final array, if it has one.
  let region: CSVRegion?
  /// The values: `count` of them, of `kind`'s family, with room for `capacity`.
  private(set) var values: UnsafeMutableRawPointer?
  private var capacity = 0
  /// Whether `values` is a buffer of the builder's own (else the region).
  private(set) var ownsValues = false

  init(expectedRows: Int, forced: InferredKind? = nil, region: CSVRegion? = nil) {
    self.expectedRows = expectedRows
    self.region = region
    if let forced, forced != .unknown {
      widen(to: forced)
      isForced = true
    }
  }

  /// A string column of a chunk, from a rescan.
  init(codes: [Int32], strings: ByteStringTable, nullRows: [Int32], region: CSVRegion?) {
    expectedRows = codes.count
    self.region = region
    self.strings = strings
    self.nullRows = nullRows
    widen(to: .string)
    reserve(codes.count)
    codes.withUnsafeBytes { bytes in
      if let source = bytes.baseAddress, let values {
        values.copyMemory(from: source, byteCount: bytes.count)
      }
    }
    count = codes.count
  }

  deinit { if ownsValues { free(values) } }

  /// Whether the values are in the chunk's region of the final array.
  var isInRegion: Bool { values != nil && !ownsValues }

  /// The values as `Element`s (the type of `kind`'s family).
  func payload<Element>(_ type: Element.Type) -> UnsafeBufferPointer<Element> {
    UnsafeBufferPointer(start: values?.assumingMemoryBound(to: Element.self), count: count)
  }

  /// Appends column `column` of `batch`, starting at batch row `row`.
  /// Returns nil when done, or the batch row at which the column must become
  /// a string column (by a rescan of the earlier rows) before going on.
  func append(
    _ batch: CSVBatch, column: Int, from row: Int, base: UnsafePointer<UInt8>,
    syntax: CSVValueSyntax, scratch: inout [UInt8]
  ) -> Int? {
    var row = row
    while row < batch.rowCount {
      switch kind {
      case .unknown: row = appendNulls(batch, column, row)
      case .int: row = appendInts(batch, column, row, base)
      case .double: row = appendDoubles(batch, column, row, base, syntax)
      case .bool: row = appendBools(batch, column, row, base)
      case .date: row = appendDates(batch, column, row, base, syntax)
      case .timestamp: row = appendTimestamps(batch, column, row, base, syntax, &scratch)
      case .string: row = appendStrings(batch, column, row, base, &scratch)
      }
      if row == batch.rowCount { break }
      if isForced {
        // Checked before it came here, so this cannot happen; a null is safer than a guess.
        appendNullValue()
        row += 1
        continue
      }
      let index = row * batch.columnCount + column
      let form = batch.forms[index]
      let start = base + batch.starts[index]
      let length = batch.ends[index] - batch.starts[index]
      var valueKind =
        form == CSVBatch.FieldForm.quotedWithEscapes.rawValue
        ? InferredKind.string
        : syntax.classify(start, length, scratch: &scratch)
      if valueKind == .int || valueKind == .double, CSVValueSyntax.hasLeadingZero(start, length) {
        valueKind = .string
        if leadingZero == nil { leadingZero = ByteNumberParser.text(start, length) }
      }
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
    return payload(Int64.self).first { Double(exactly: $0) == nil }
  }

  /// Converts the payload already stored to `target`, which holds it
  /// exactly, moving it where values of `target`'s family live.
  func widen(to target: InferredKind) {
    guard let family = CSVStorageFamily(target), target != kind else { return }
    let old = values
    let oldFamily = CSVStorageFamily(kind)
    if let region, region.family == family, count <= region.capacity {
      values = region.start
      capacity = region.capacity
    } else if !(ownsValues && oldFamily?.width == family.width) {
      let rows = max(expectedRows, count, 16)
      values = malloc(rows * family.width)
      capacity = rows
    }
    guard let values else { return }
    switch (kind, target) {
    case (.unknown, _):
      for row in 0..<count { Self.storeNull(family, values, row) }
    case (.int, .double):
      let ints = old?.assumingMemoryBound(to: Int64.self)
      for row in 0..<count {
        values.storeBytes(
          of: Double(ints?[row] ?? 0), toByteOffset: row * 8, as: Double.self)
      }
    case (.date, .timestamp):
      let days = old?.assumingMemoryBound(to: Int64.self)
      for row in 0..<count {
        values.storeBytes(
          of: (days?[row] ?? 0) &* CivilTime.microsPerDay, toByteOffset: row * 8,
          as: Int64.self)
      }
    default: break
    }
    let ownedBefore = ownsValues
    ownsValues = values != region?.start
    if ownedBefore, let old, old != values { free(old) }
    kind = target
  }

  /// The placeholder a null leaves in a column of `family`.
  @inline(__always)
  private static func storeNull(
    _ family: CSVStorageFamily, _ values: UnsafeMutableRawPointer, _ row: Int
  ) {
    switch family {
    case .int64: values.storeBytes(of: 0, toByteOffset: row * 8, as: Int64.self)
    case .double: values.storeBytes(of: 0, toByteOffset: row * 8, as: Double.self)
    case .bool: values.storeBytes(of: false, toByteOffset: row, as: Bool.self)
    case .codes: values.storeBytes(of: -1, toByteOffset: row * 4, as: Int32.self)
    }
  }

  /// Room for `more` values past `count`: a region too small for them, or
  /// a full buffer, moves the values to a larger buffer of the builder's own.
  @inline(__always)
  private func reserve(_ more: Int) {
    guard count + more > capacity, let family = CSVStorageFamily(kind) else { return }
    let rows = max(capacity * 2, count + more, expectedRows, 16)
    if ownsValues {
      values = realloc(values, rows * family.width)
    } else {
      let moved = malloc(rows * family.width)
      if let moved, let values { moved.copyMemory(from: values, byteCount: count * family.width) }
      values = moved
      ownsValues = true
    }
    capacity = rows
  }

  /// A null of the column's kind, for a value that could not be read.
  private func appendNullValue() {
    if let family = CSVStorageFamily(kind) {
      reserve(1)
      if let values { Self.storeNull(family, values, count) }
    }
    nullRows.append(Int32(count))
    count += 1
  }

  @inline(__always)
  private static func isNull(_ batch: CSVBatch, _ index: Int) -> Bool {
    batch.forms[index] == 0 && batch.starts[index] == batch.ends[index]
  }

  private func appendNulls(_ batch: CSVBatch, _ column: Int, _ row: Int) -> Int {
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
  private func appendParsed<Element>(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>, null: Element,
    _ parse: (UnsafePointer<UInt8>, Int) -> Element?
  ) -> Int {
    reserve(batch.rowCount - row)
    guard let out = values?.assumingMemoryBound(to: Element.self) else { return row }
    let width = batch.columnCount
    var count = self.count
    defer { self.count = count }
    for current in row..<batch.rowCount {
      let index = current * width + column
      let start = batch.starts[index]
      let end = batch.ends[index]
      if end == start, batch.forms[index] == 0 {
        out[count] = null
        nullRows.append(Int32(count))
      } else {
        guard let value = parse(base + start, end - start) else { return current }
        out[count] = value
      }
      count += 1
    }
    return batch.rowCount
  }

  /// Short unsigned integers, the common case, are read eight bytes at once.
  private func appendInts(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    let wordsEnd = base + batch.bufferEnd - 8
    let leadingZerosAllowed = isForced
    return appendParsed(batch, column, row, base, null: Int64(0)) { start, length in
      if length > 0, length <= 8, start <= wordsEnd,
        let value = ByteNumberParser.parseEightDigits(start, length)
      {
        // `007` keeps its zeros as text unless `types:` said int.
        return leadingZerosAllowed || length == 1 || start[0] != UInt8(ascii: "0") ? value : nil
      }
      if !leadingZerosAllowed, CSVValueSyntax.hasLeadingZero(start, length) { return nil }
      return ByteNumberParser.parseInt(start, length)
    }
  }

  private func appendDoubles(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ syntax: CSVValueSyntax
  ) -> Int {
    let keepZeros = !isForced
    return appendParsed(batch, column, row, base, null: 0.0) { start, length in
      keepZeros && CSVValueSyntax.hasLeadingZero(start, length)
        ? nil : syntax.parseDouble(start, length)
    }
  }

  private func appendBools(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>
  ) -> Int {
    appendParsed(batch, column, row, base, null: false, ByteNumberParser.parseBool)
  }

  private func appendDates(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ syntax: CSVValueSyntax
  ) -> Int {
    if syntax.dateFormat == nil {
      return appendParsed(batch, column, row, base, null: Int64(0), ByteNumberParser.parseDate)
    }
    return appendParsed(batch, column, row, base, null: Int64(0), syntax.parseDate)
  }

  private func appendTimestamps(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ syntax: CSVValueSyntax, _ scratch: inout [UInt8]
  ) -> Int {
    appendParsed(batch, column, row, base, null: Int64(0)) { start, length in
      syntax.parseTimestamp(start, length, scratch: &scratch)
    }
  }

  /// Interns the column's fields in two passes over the batch: the first
  /// hashes every field and prefetches the slot its probe starts at, the
  /// second interns with those hashes, mostly from cache.
  private func appendStrings(
    _ batch: CSVBatch, _ column: Int, _ row: Int, _ base: UnsafePointer<UInt8>,
    _ scratch: inout [UInt8]
  ) -> Int {
    let width = batch.columnCount
    // The table leaves the builder while it works, so that using it is not
    // an access to the builder (and a copy of the table) per row.
    var strings = ByteStringTable.placeholder
    swap(&strings, &self.strings)
    defer { swap(&strings, &self.strings) }
    for current in row..<batch.rowCount {
      let index = current * width + column
      let start = batch.starts[index]
      let hash = ByteStringTable.hash(base + start, batch.ends[index] - start)
      batch.hashes[current] = hash
      strings.prefetch(hash)
    }
    reserve(batch.rowCount - row)
    guard let out = values?.assumingMemoryBound(to: Int32.self) else { return row }
    var count = self.count
    defer { self.count = count }
    for current in row..<batch.rowCount {
      let index = current * width + column
      let start = batch.starts[index]
      let end = batch.ends[index]
      let form = batch.forms[index]
      let code: Int32
      if form == 0, end == start {
        code = -1
        nullRows.append(Int32(count))
      } else if form != CSVBatch.FieldForm.quotedWithEscapes.rawValue {
        code = strings.intern(base + start, end - start, hash: batch.hashes[current])
      } else {
        code = Self.code(batch, index, base, &strings, &scratch)
      }
      out[count] = code
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
    let escape = batch.escape
    var cursor = start
    while cursor < end {
      // `""` (escape = quote) or `\"` (escape = `\`): the byte after the escape is text.
      if base[cursor] == escape, cursor + 1 < end { cursor += 1 }
      scratch.append(base[cursor])
      cursor += 1
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
