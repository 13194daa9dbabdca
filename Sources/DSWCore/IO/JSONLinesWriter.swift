/// Writes a table as JSON Lines: one object per row, keys in column order.
///
/// Dotted column names are written as flat keys (`"web.webPageDetails.name"`),
/// which the JSON reader reads back as the same names. Nulls (and non-finite
/// doubles) are `null`; dates and timestamps are ISO strings.
public enum JSONLinesWriter {
  public static func write(_ table: Table) -> [UInt8] {
    let sink = ByteSink(expectedBytes: table.rowCount * (table.columnCount * 16 + 3) + 1024)
    let keys = table.names.enumerated().map { index, name in
      Array((index == 0 ? "{" : ",").utf8) + escape(name) + [UInt8(ascii: ":")]
    }
    let renderers = table.columns.map { ColumnRenderer($0, format: .json) }
    let suffix = Array((keys.isEmpty ? "{}\n" : "}\n").utf8)
    RecordStitcher.write(
      table.rowCount, renderers: renderers, prefixes: keys, suffix: suffix, to: sink)
    return sink.finish()
  }

  /// A JSON string literal, quotes included.
  static func escape(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(ascii: "\"")]
    let hex = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
    return bytes
  }
}
