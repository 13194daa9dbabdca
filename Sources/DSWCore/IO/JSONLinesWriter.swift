/// Writes a table as JSON Lines: one object per row, keys in column order.
///
/// Dotted column names are written as flat keys (`"web.webPageDetails.name"`),
/// which the JSON reader reads back as the same names. Nulls (and non-finite
/// doubles) are `null`; dates and timestamps are ISO strings. Control
/// characters, DEL and bidi overrides in strings are written as `\u` escapes.
public enum JSONLinesWriter {
  public static func write(_ table: Table) -> [UInt8] {
    (try? write(table, limits: .none)) ?? []
  }

  /// The same, polling Ctrl-C between blocks of records.
  public static func write(_ table: Table, limits: ExecutionLimits) throws(Diagnostic) -> [UInt8] {
    Array(try parts(table, limits: limits).joined())
  }

  /// The file as parts to be written one after another, formatted on both
  /// cores when there are many records.
  public static func parts(_ table: Table, limits: ExecutionLimits) throws(Diagnostic)
    -> [[UInt8]]
  {
    let keys = table.names.enumerated().map { index, name in
      Array((index == 0 ? "{" : ",").utf8) + escape(name) + [UInt8(ascii: ":")]
    }
    let renderers = table.columns.map { ColumnRenderer($0, format: .json) }
    let suffix = Array((keys.isEmpty ? "{}\n" : "}\n").utf8)
    return try RecordStitcher.parts(
      table.rowCount, renderers: renderers, prefixes: keys, suffix: suffix,
      bytesPerRow: table.columnCount * 16 + 3, limits: limits)
  }

  /// A JSON string literal, quotes included; control characters, DEL and
  /// bidi overrides are `\u` escapes, so the file is safe to print.
  static func escape(_ text: String) -> [UInt8] {
    Array(JSONWriter.quoted(text, escapingUnsafe: true).utf8)
  }
}
