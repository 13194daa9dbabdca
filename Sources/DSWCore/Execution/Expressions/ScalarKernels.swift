import Foundation

/// The scalar functions, each a loop over whole columns.
enum ScalarKernels {
  static func apply(
    _ function: ScalarFunction, _ columns: [Column], arguments: [BoundExpr], resultType: DataType,
    rowCount: Int, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    func constantString(_ index: Int) -> String? {
      if case .literal(.string(let text)) = arguments[index].kind { return text }
      return nil
    }
    switch function {
    case .ifThenElse:
      let condition = columns[0]
      let flags = condition.boolValues
      var choice = [Int32](repeating: 1, count: rowCount)
      for row in 0..<rowCount where flags[row] && !condition.isNull(row) { choice[row] = 0 }
      return ColumnChoice.choose(choice, from: [columns[1], columns[2]], type: resultType)
    case .coalesce:
      var choice = [Int32](repeating: -1, count: rowCount)
      for (index, column) in columns.enumerated().reversed() {
        for row in 0..<rowCount where !column.isNull(row) { choice[row] = Int32(index) }
      }
      return ColumnChoice.choose(choice, from: columns, type: resultType)
    case .greatest, .least:
      return Extremes.rowwise(columns, greatest: function == .greatest, type: resultType)
    case .lower: return DictionaryKernels.mapStrings(columns[0]) { $0.lowercased() }
    case .upper: return DictionaryKernels.mapStrings(columns[0]) { $0.uppercased() }
    case .trim where columns.count == 1:
      return DictionaryKernels.mapStrings(columns[0]) {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
    case .trim, .ltrim, .rtrim, .lpad, .rpad, .concatWs, .splitPart, .like, .ilike,
      .regexpMatches, .regexpExtract, .regexpReplace:
      return try TextFunctions.apply(
        function, columns, arguments: arguments, rowCount: rowCount, span: span)
    case .length:
      return DictionaryKernels.mapToInt64(columns[0], type: .int) { Int64($0.count) }
    case .substr:
      return StringKernels.substr(columns, rowCount: rowCount)
    case .concat:
      return StringKernels.concat(columns, rowCount: rowCount)
    case .replace:
      return StringKernels.replace(columns, rowCount: rowCount)
    case .contains, .startsWith, .endsWith:
      let test: (String, String) -> Bool =
        function == .contains
        // Foundation's `contains` finds no empty string; SQL and the
        // standard library find it in every string.
        ? { $1.isEmpty || $0.contains($1) }
        : function == .startsWith ? { $0.hasPrefix($1) } : { $0.hasSuffix($1) }
      if let part = constantString(1) {
        return DictionaryKernels.mapToBool(columns[0]) { test($0, part) }
      }
      return StringKernels.rowwiseTest(columns[0], columns[1], test)
    case .date, .tryDate, .timestamp:
      return try TimeKernels.parse(
        function, columns, format: arguments.count > 1 ? constantString(1) : nil,
        formatColumn: arguments.count > 1 ? columns[1] : nil, span: span)
    case .year, .month, .day, .weekday, .hour:
      return TimeKernels.part(function, columns[0])
    case .dateTrunc:
      return TimeKernels.truncate(columns[1], unit: constantString(0) ?? "day")
    case .dateAdd:
      return try TimeKernels.add(
        columns[0], columns[1], unit: constantString(2) ?? "day", resultType: resultType,
        span: span)
    case .daysBetween, .hoursBetween, .minutesBetween:
      return TimeKernels.between(function, columns[0], columns[1])
    case .abs, .round, .floor, .ceil, .pow, .sqrt, .exp, .log, .ln, .log10:
      return try MathKernels.apply(function, columns, resultType: resultType, span: span)
    }
  }
}

/// `greatest` and `least`, skipping nulls.
enum Extremes {
  static func rowwise(_ columns: [Column], greatest: Bool, type: DataType) -> Column {
    let count = columns.first?.count ?? 0
    var validity = Bitmap(count: count, value: false)
    switch type {
    case .double:
      let payloads = columns.map(\.numericAsDoubles)
      var result = [Double](repeating: 0, count: count)
      for row in 0..<count {
        for (index, column) in columns.enumerated() where !column.isNull(row) {
          let value = payloads[index][row]
          if !validity[row] || DoubleOrder.better(value, than: result[row], greatest: greatest) {
            result[row] = value
          }
          validity.set(row)
        }
      }
      return Column(doubles: result, validity: validity)
    case .string:
      var builder = StringColumnBuilder(capacity: count)
      for row in 0..<count {
        let values = columns.compactMap { DictionaryKernels.string($0, row) }
        let byCodePoint: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        builder.append(greatest ? values.max(by: byCodePoint) : values.min(by: byCodePoint))
      }
      return builder.build()
    default:
      let payloads = columns.map(\.int64Values)
      var result = [Int64](repeating: 0, count: count)
      for row in 0..<count {
        for (index, column) in columns.enumerated() where !column.isNull(row) {
          let value = payloads[index][row]
          if !validity[row] || (greatest ? value > result[row] : value < result[row]) {
            result[row] = value
          }
          validity.set(row)
        }
      }
      return Column.integerBacked(type, result, validity: validity)
    }
  }
}

/// The order of doubles that sorting uses: NaN above every number, so that
/// `max`, `greatest`, `min` and `least` agree with `sort` whatever the order
/// of their arguments.
enum DoubleOrder {
  @inline(__always)
  static func better(_ value: Double, than current: Double, greatest: Bool) -> Bool {
    if greatest { return value > current || (value.isNaN && !current.isNaN) }
    return value < current || (current.isNaN && !value.isNaN)
  }
}
