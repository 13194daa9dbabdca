/// `x in [constants]` and `x not in [...]`.
///
/// SQL semantics: a null operand gives null. A null in the list makes a
/// non-match null rather than false.
enum Membership {
  static func evaluate(_ column: Column, _ values: [Value], negated: Bool) -> Column {
    let listHasNull = values.contains(.null)
    var result = [Bool](repeating: false, count: column.count)
    switch column.storage {
    case .string(let codes, let dictionary):
      // By code point, as comparisons are: a set of the UTF-8 bytes.
      let wanted = Set(
        values.compactMap { value -> [UInt8]? in
          if case .string(let text) = value { return Array(text.utf8) }
          return nil
        })
      let member = dictionary.strings.map { wanted.contains(Array($0.utf8)) }
      for row in 0..<codes.count where codes[row] >= 0 { result[row] = member[Int(codes[row])] }
    case .double(let payload):
      let wanted = Set(values.compactMap(\.doubleValue))
      for row in 0..<payload.count { result[row] = wanted.contains(payload[row]) }
    case .bool(let payload):
      let wanted = Set(
        values.compactMap { value -> Bool? in
          if case .bool(let flag) = value { return flag }
          return nil
        })
      for row in 0..<payload.count { result[row] = wanted.contains(payload[row]) }
    default:
      let wanted = Set(
        values.compactMap { value -> Int64? in
          switch value {
          case .int(let number), .date(let number), .timestamp(let number): number
          default: nil
          }
        })
      let payload = column.int64Values
      for row in 0..<payload.count { result[row] = wanted.contains(payload[row]) }
    }
    var validity = column.validity
    if listHasNull {
      var bitmap = validity ?? Bitmap(count: column.count, value: true)
      for row in 0..<result.count where !result[row] { bitmap.clear(row) }
      validity = bitmap
    }
    if negated { result = result.map { !$0 } }
    return Column(bools: result, validity: validity)
  }
}
