/// Columns one after another: `append`'s two tables, or the pieces a
/// dataset of several files is read in.
extension Column {
  /// `pieces` of one type, in order. String dictionaries are merged, each
  /// string interned once; a piece's null rows stay null.
  public static func concatenated(_ pieces: [Column], type: DataType) -> Column {
    if pieces.count == 1 { return pieces[0] }
    let total = pieces.reduce(0) { $0 + $1.count }
    var validity: Bitmap?
    if pieces.contains(where: { $0.validity != nil }) {
      var bitmap = Bitmap(count: total, value: true)
      var row = 0
      for piece in pieces {
        for index in 0..<piece.count where piece.isNull(index) { bitmap.clear(row + index) }
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
      var builder = StringColumnBuilder(capacity: total)
      var codes: [Int32] = []
      codes.reserveCapacity(total)
      for piece in pieces {
        guard case .string(let part, let dictionary) = piece.storage else { continue }
        let remap = dictionary.strings.map { builder.intern($0) }
        codes += part.map { $0 >= 0 ? remap[Int($0)] : -1 }
      }
      return Column(codes: codes, dictionary: builder.dictionary)
    case .int, .date, .timestamp:
      var values: [Int64] = []
      values.reserveCapacity(total)
      for piece in pieces { values += piece.int64Values }
      return Column.integerBacked(type, values, validity: validity)
    }
  }
}
