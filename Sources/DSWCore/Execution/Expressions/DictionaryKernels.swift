/// Runs a function once per dictionary entry instead of once per row.
///
/// A string column with a million rows and a thousand distinct values costs
/// a thousand calls, then one pass mapping codes.
enum DictionaryKernels {
  /// A string-to-string function; nil results become null.
  static func mapStrings(_ column: Column, _ transform: (String) -> String?) -> Column {
    let (codes, dictionary) = column.stringCodes
    var builder = StringColumnBuilder()
    let remap: [Int32] = dictionary.strings.map { entry in
      transform(entry).map { builder.intern($0) } ?? -1
    }
    var newCodes = [Int32](repeating: -1, count: codes.count)
    for row in 0..<codes.count where codes[row] >= 0 { newCodes[row] = remap[Int(codes[row])] }
    return Column(codes: newCodes, dictionary: builder.dictionary)
  }

  /// A string-to-int function (length, parsed dates); nil results become null.
  static func mapToInt64(_ column: Column, type: DataType, _ transform: (String) -> Int64?)
    -> Column
  {
    let (codes, dictionary) = column.stringCodes
    let table = dictionary.strings.map(transform)
    var result = [Int64](repeating: 0, count: codes.count)
    var validity = Bitmap(count: codes.count, value: true)
    for row in 0..<codes.count {
      let code = Int(codes[row])
      if code >= 0, let value = table[code] { result[row] = value } else { validity.clear(row) }
    }
    return Column.integerBacked(type, result, validity: validity)
  }

  static func mapToBool(_ column: Column, _ test: (String) -> Bool) -> Column {
    let (codes, dictionary) = column.stringCodes
    let table = dictionary.strings.map(test)
    var result = [Bool](repeating: false, count: codes.count)
    for row in 0..<codes.count where codes[row] >= 0 { result[row] = table[Int(codes[row])] }
    return Column(bools: result, validity: column.validity)
  }

  static func mapToDouble(_ column: Column, _ transform: (String) -> Double?) -> Column {
    let (codes, dictionary) = column.stringCodes
    let table = dictionary.strings.map(transform)
    var result = [Double](repeating: 0, count: codes.count)
    var validity = Bitmap(count: codes.count, value: true)
    for row in 0..<codes.count {
      let code = Int(codes[row])
      if code >= 0, let value = table[code] { result[row] = value } else { validity.clear(row) }
    }
    return Column(doubles: result, validity: validity)
  }

  /// The string in row `row`, or nil when null.
  @inline(__always)
  static func string(_ column: Column, _ row: Int) -> String? {
    guard case .string(let codes, let dictionary) = column.storage, codes[row] >= 0 else {
      return nil
    }
    return dictionary[codes[row]]
  }
}
