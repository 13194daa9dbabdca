import DSWCore

/// `:mode csv`: a header line and one line per row, as RFC 4180 quotes
/// them. NULL is an empty field and `""` the empty string, as dsw loads
/// CSV; numbers carry every digit and no separators, so the text pastes
/// into a spreadsheet or a file and reads back the same. Control
/// characters are escaped as everywhere on the terminal.
enum CSVModeRenderer {
  static func render(_ table: TableOutput) -> String {
    var lines = [table.columns.map { field(SafeText.escape($0), quotedIfEmpty: false) }]
    for row in table.rows {
      lines.append(
        table.columns.indices.map { column in
          let value = column < row.count ? row[column] : .null
          if case .null = value { return "" }
          if case .string(let text) = value {
            return field(SafeText.escape(text), quotedIfEmpty: true)
          }
          return field(ResultModeRenderer.exactText(value), quotedIfEmpty: false)
        })
    }
    return lines.map { $0.joined(separator: ",") }.joined(separator: "\n")
  }

  static func field(_ text: String, quotedIfEmpty: Bool) -> String {
    let needsQuotes =
      (quotedIfEmpty && text.isEmpty)
      || text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || text.first == " " || text.last == " "
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
