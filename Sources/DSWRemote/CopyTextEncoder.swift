import DSWCore

/// A table as PostgreSQL's COPY text format: tab-separated, `\N` for null,
/// backslash escapes in strings, doubles in their shortest exact form.
struct CopyTextEncoder {
  let table: Table
  private var row = 0

  init(table: Table) { self.table = table }

  /// The next rows, about `bytes` long; nil when every row is written.
  mutating func next(bytes: Int) -> [UInt8]? {
    guard row < table.rowCount else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(bytes + 4096)
    while row < table.rowCount, out.count < bytes {
      for (index, column) in table.columns.enumerated() {
        if index > 0 { out.append(UInt8(ascii: "\t")) }
        Self.append(column.value(at: row), to: &out)
      }
      out.append(UInt8(ascii: "\n"))
      row += 1
    }
    return out
  }

  static func append(_ value: Value, to out: inout [UInt8]) {
    switch value {
    case .null: out += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
    case .int(let number): out += String(number).utf8
    case .double(let number):
      if number.isNaN {
        out += "NaN".utf8
      } else if number.isInfinite {
        out += (number < 0 ? "-Infinity" : "Infinity").utf8
      } else {
        out += "\(number)".utf8
      }
    case .bool(let flag): out.append(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    case .date(let days): out += CivilTime.formatDate(days: days).utf8
    case .timestamp(let micros): out += CivilTime.formatTimestamp(micros: micros).utf8
    case .string(let text):
      for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        // PostgreSQL text cannot hold NUL: the server refuses it, by name.
        case 0: out += "\\000".utf8
        default: out.append(byte)
        }
      }
    }
  }
}
