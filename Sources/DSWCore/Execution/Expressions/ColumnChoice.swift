/// Picks each row's value from one of several same-typed columns.
enum ColumnChoice {
  /// Row `r` takes `columns[choice[r]][r]`; a choice of -1 gives null.
  static func choose(_ choice: [Int32], from columns: [Column], type: DataType) -> Column {
    let count = choice.count
    var validity = Bitmap(count: count, value: true)
    let validities = columns.map(\.validity)
    for row in 0..<count {
      let pick = Int(choice[row])
      if pick < 0 || validities[pick]?[row] == false { validity.clear(row) }
    }
    switch type {
    case .double:
      let payloads = columns.map(\.numericAsDoubles)
      var result = [Double](repeating: 0, count: count)
      for row in 0..<count where choice[row] >= 0 { result[row] = payloads[Int(choice[row])][row] }
      return Column(doubles: result, validity: validity)
    case .bool:
      let payloads = columns.map(\.boolValues)
      var result = [Bool](repeating: false, count: count)
      for row in 0..<count where choice[row] >= 0 && !payloads[Int(choice[row])].isEmpty {
        result[row] = payloads[Int(choice[row])][row]
      }
      return Column(bools: result, validity: validity)
    case .string:
      // Each column's dictionary is interned once; the rows then only translate codes.
      var builder = StringColumnBuilder()
      let decoded = columns.map(\.stringCodes)
      let remaps = decoded.map { part in part.dictionary.strings.map { builder.intern($0) } }
      var codes = [Int32](repeating: -1, count: count)
      for row in 0..<count where validity[row] {
        let pick = Int(choice[row])
        if !decoded[pick].codes.isEmpty { codes[row] = remaps[pick][Int(decoded[pick].codes[row])] }
      }
      return Column(codes: codes, dictionary: builder.dictionary)
    case .int, .date, .timestamp:
      let payloads = columns.map(\.int64Values)
      var result = [Int64](repeating: 0, count: count)
      for row in 0..<count where choice[row] >= 0 && !payloads[Int(choice[row])].isEmpty {
        result[row] = payloads[Int(choice[row])][row]
      }
      return Column.integerBacked(type, result, validity: validity)
    }
  }
}
