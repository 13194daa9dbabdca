import DSWCore

/// `:mode json`: a JSON array with one object per row, one row per line,
/// keys in column order, as the DuckDB shell's `.mode json` prints. Dates
/// and timestamps are strings, NaN and infinities `null`, doubles every
/// digit; strings are escaped so no control character reaches the terminal.
enum JSONModeRenderer {
  static func render(_ table: TableOutput) -> String {
    let keys = table.columns.map { JSONWriter.quoted($0, escapingUnsafe: true) }
    let objects = table.rows.map { row in
      "{"
        + keys.indices.map { column in
          keys[column] + ":" + json(column < row.count ? row[column] : .null)
        }.joined(separator: ",") + "}"
    }
    if objects.isEmpty { return "[]" }
    return "[" + objects.joined(separator: ",\n") + "]"
  }

  static func json(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .int(let number): String(number)
    case .double(let number): JSONWriter.formatDouble(number)
    case .bool(let flag): flag ? "true" : "false"
    case .string(let text): JSONWriter.quoted(text, escapingUnsafe: true)
    case .date, .timestamp: JSONWriter.quoted(ValueFormatter.text(value), escapingUnsafe: true)
    }
  }
}
