/// Writes a table as CSV (or any delimiter): a header, then one record per row.
///
/// Fields holding the delimiter, a quote, CR or LF are quoted with inner
/// quotes doubled; null is an empty unquoted field and the empty string is
/// `""`, so the reader tells them apart. With `escapeFormulas` (the default,
/// DESIGN §7) a string that starts with `=`, `+`, `-`, `@`, tab or CR gets a
/// leading `'`, so a spreadsheet shows it instead of running it.
public enum CSVWriter {
  public static func write(
    _ table: Table, delimiter: UInt8 = UInt8(ascii: ","), escapeFormulas: Bool = true
  ) -> [UInt8] {
    (try? write(table, delimiter: delimiter, escapeFormulas: escapeFormulas, limits: .none)) ?? []
  }

  /// The same, polling Ctrl-C between blocks of records.
  public static func write(
    _ table: Table, delimiter: UInt8 = UInt8(ascii: ","), escapeFormulas: Bool = true,
    limits: ExecutionLimits
  ) throws(Diagnostic) -> [UInt8] {
    Array(
      try parts(table, delimiter: delimiter, escapeFormulas: escapeFormulas, limits: limits)
        .joined())
  }

  /// The file as parts to be written one after another: the header, then
  /// the records, formatted on both cores when there are many.
  public static func parts(
    _ table: Table, delimiter: UInt8 = UInt8(ascii: ","), escapeFormulas: Bool = true,
    limits: ExecutionLimits
  ) throws(Diagnostic) -> [[UInt8]] {
    let format = ColumnRenderer.Format.csv(delimiter: delimiter, escapeFormulas: escapeFormulas)
    var header: [UInt8] = []
    for (index, name) in table.names.enumerated() {
      if index > 0 { header.append(delimiter) }
      header += encode(name, delimiter: delimiter, escapeFormulas: escapeFormulas)
    }
    header.append(UInt8(ascii: "\n"))
    let renderers = table.columns.map { ColumnRenderer($0, format: format) }
    let prefixes = table.names.indices.map { $0 == 0 ? [] : [delimiter] }
    return [header]
      + (try RecordStitcher.parts(
        table.rowCount, renderers: renderers, prefixes: prefixes, suffix: [UInt8(ascii: "\n")],
        bytesPerRow: table.columnCount * 8 + 1, limits: limits))
  }

  /// One string as a CSV field.
  static func encode(_ text: String, delimiter: UInt8, escapeFormulas: Bool) -> [UInt8] {
    let bytes = Array(text.utf8)
    if bytes.isEmpty { return [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
    var field: [UInt8] = []
    field.reserveCapacity(bytes.count + 3)
    if escapeFormulas, let first = bytes.first,
      [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]
        .contains(first)
    {
      field.append(UInt8(ascii: "'"))
    }
    field.append(contentsOf: bytes)
    let needsQuotes = field.contains {
      $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
    }
    guard needsQuotes else { return field }
    var quoted: [UInt8] = [UInt8(ascii: "\"")]
    for byte in field {
      quoted.append(byte)
      if byte == UInt8(ascii: "\"") { quoted.append(byte) }
    }
    quoted.append(UInt8(ascii: "\""))
    return quoted
  }
}
