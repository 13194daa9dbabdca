import DSWCore

/// Columns of one type, one after another: the pieces files and row groups give.
enum ColumnConcatenation {
  static func concatenate(_ pieces: [Column], type: DataType) -> Column {
    if pieces.count == 1 { return pieces[0] }
    let total = pieces.reduce(0) { $0 + $1.count }
    var validity: Bitmap?
    if pieces.contains(where: { $0.validity != nil }) {
      var bitmap = Bitmap(count: total, value: true)
      var row = 0
      for piece in pieces {
        if piece.validity != nil {
          for index in 0..<piece.count where piece.isNull(index) { bitmap.clear(row + index) }
        }
        row += piece.count
      }
      validity = bitmap
    }
    switch type {
    case .double:
      var values: [Double] = []
      values.reserveCapacity(total)
      for piece in pieces { if case .double(let part) = piece.storage { values += part } }
      return Column(doubles: values, validity: validity)
    case .bool:
      var values: [Bool] = []
      values.reserveCapacity(total)
      for piece in pieces { if case .bool(let part) = piece.storage { values += part } }
      return Column(bools: values, validity: validity)
    case .string:
      var strings: [String] = []
      var codeOf: [String: Int32] = [:]
      var codes: [Int32] = []
      codes.reserveCapacity(total)
      for piece in pieces {
        guard case .string(let part, let dictionary) = piece.storage else { continue }
        let remap = dictionary.strings.map { string -> Int32 in
          if let code = codeOf[string] { return code }
          let code = Int32(strings.count)
          strings.append(string)
          codeOf[string] = code
          return code
        }
        codes += part.map { $0 >= 0 ? remap[Int($0)] : -1 }
      }
      return Column(codes: codes, dictionary: StringDictionary(uniqueStrings: strings))
    case .int, .date, .timestamp:
      var values: [Int64] = []
      values.reserveCapacity(total)
      for piece in pieces {
        switch piece.storage {
        case .int(let part), .date(let part), .timestamp(let part): values += part
        default: break
        }
      }
      switch type {
      case .date: return Column(dates: values, validity: validity)
      case .timestamp: return Column(timestamps: values, validity: validity)
      default: return Column(ints: values, validity: validity)
      }
    }
  }
}
