/// Loads a `.json` file of records into a `Table`.
///
/// The file is either a JSON array of objects or JSON Lines (objects one
/// after another), told apart by its first non-space byte. Nested objects
/// flatten into dotted column names (`{"web":{"name":"x"}}` gives
/// `web.name`); an array inside a record is kept as its JSON text. Columns
/// are the union of keys in order of first appearance, and a missing key is
/// null. Types are inferred over the whole file as for CSV: JSON numbers are
/// int or double, `true`/`false` bool, and strings that are all ISO dates or
/// timestamps become date or timestamp columns. A UTF-8 byte order mark at
/// the start is ignored. No digit is lost: a column
/// with an integer beyond Int64, or with an integer a double cannot hold
/// exactly beside decimals, keeps its values' text as strings.
///
/// The reader first records where each value is (a `JSONCell` per value),
/// then fixes each column's type, then converts: no value becomes a `String`
/// until it enters a column's dictionary.
public enum JSONDataReader {
  public static func read(
    _ bytes: [UInt8], isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> Table {
    try readWithNotes(bytes, isCancelled: isCancelled).table
  }

  /// The table, and the integer columns kept as text.
  public static func readWithNotes(
    _ bytes: [UInt8], isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> (table: Table, integerText: [IntegerTextColumn]) {
    let outcome = bytes.withUnsafeBytes { buffer in
      Result { () throws(Diagnostic) -> (table: Table, integerText: [IntegerTextColumn]) in
        try readWithNotes(buffer, isCancelled: isCancelled)
      }
    }
    return try outcome.get()
  }

  public static func read(
    _ bytes: UnsafeRawBufferPointer, isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> Table {
    try readWithNotes(bytes, isCancelled: isCancelled).table
  }

  /// The table, and the integer columns kept as text.
  public static func readWithNotes(
    _ bytes: UnsafeRawBufferPointer, isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> (table: Table, integerText: [IntegerTextColumn]) {
    guard let raw = bytes.baseAddress, !bytes.isEmpty else { return (.empty, []) }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    if let bad = UTF8Validation.firstInvalidByte(base, bytes.count) {
      let (line, column) = JSONRecordScanner.location(base, offset: bad)
      throw Diagnostic.error(
        "L003", "line \(line), column \(column): invalid UTF-8 byte 0x\(hexByte(base[bad]))")
    }
    // A UTF-8 byte order mark is not part of the document, as for CSV.
    let start = JSONRecordScanner.byteOrderMarkLength(base, count: bytes.count)
    var scanner = JSONRecordScanner(base: base, count: bytes.count, start: start)
    try scanner.scanDocument(isCancelled: isCancelled)
    let (table, integerText) = scanner.columns.table(base: base, rowCount: scanner.rowCount)
    return (table, integerText)
  }

  static func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
