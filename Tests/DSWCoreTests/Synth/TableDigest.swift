import DSWCore

/// A 64-bit FNV-1a digest of a table's names, types, values and nulls.
///
/// Strings are hashed by their text, not their codes, so two tables with the
/// same values digest the same however their dictionaries are laid out.
enum TableDigest {
  static func of(_ table: Table) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ value: UInt64) {
      var bits = value
      for _ in 0..<8 {
        hash = (hash ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3
        bits >>= 8
      }
    }
    func mix(_ text: String) {
      for byte in text.utf8 { mix(UInt64(byte)) }
      mix(0xFF)
    }
    for (name, column) in zip(table.names, table.columns) {
      mix(name)
      mix(column.type.rawValue)
      for row in 0..<column.count {
        if column.isNull(row) {
          mix(0xDEAD)
          continue
        }
        switch column.storage {
        case .int(let values), .timestamp(let values), .date(let values):
          mix(UInt64(bitPattern: values[row]))
        case .double(let values): mix(values[row].bitPattern)
        case .bool(let values): mix(values[row] ? 1 : 0)
        case .string(let codes, let dictionary): mix(dictionary[codes[row]])
        }
      }
    }
    return hash
  }
}
