import Foundation

/// String functions whose arguments vary per row.
enum StringKernels {
  static func substr(_ columns: [Column], rowCount: Int) -> Column {
    let starts = columns[1]
    let lengths = columns.count > 2 ? columns[2] : nil
    let startValues = starts.int64Values
    let lengthValues = lengths?.int64Values ?? []
    func cut(_ text: String, _ start: Int64, _ length: Int64?) -> String {
      // 1-based like SQL; a start before 1 eats into the length.
      let characters = Array(text)
      // Saturating: starts and lengths near the Int64 limits must not trap.
      var from = start == .min ? Int.min : Int(clamping: start) - 1
      var upTo =
        length.map { length in
          let (end, overflow) = from.addingReportingOverflow(Int(clamping: length))
          return overflow ? (length > 0 ? Int.max : Int.min) : end
        } ?? characters.count
      from = max(0, from)
      upTo = min(characters.count, upTo)
      return from < upTo ? String(characters[from..<upTo]) : ""
    }
    var builder = StringColumnBuilder(capacity: rowCount)
    for row in 0..<rowCount {
      guard let text = DictionaryKernels.string(columns[0], row), !starts.isNull(row),
        !(lengths?.isNull(row) ?? false)
      else {
        builder.appendNull()
        continue
      }
      builder.append(cut(text, startValues[row], lengths == nil ? nil : lengthValues[row]))
    }
    return builder.build()
  }

  /// Concatenates the text of each argument; null arguments are skipped.
  static func concat(_ columns: [Column], rowCount: Int) -> Column {
    var builder = StringColumnBuilder(capacity: rowCount)
    for row in 0..<rowCount {
      var text = ""
      for column in columns {
        if let part = DictionaryKernels.string(column, row) {
          text += part
        } else if !column.isNull(row) {
          text += ValueText.plain(column.value(at: row))
        }
      }
      builder.append(text)
    }
    return builder.build()
  }

  static func replace(_ columns: [Column], rowCount: Int) -> Column {
    if columns[1].stringCodes.dictionary.count == 1, columns[2].stringCodes.dictionary.count == 1,
      columns[1].validity == nil, columns[2].validity == nil
    {
      let from = columns[1].stringCodes.dictionary[0]
      let to = columns[2].stringCodes.dictionary[0]
      return DictionaryKernels.mapStrings(columns[0]) {
        from.isEmpty ? $0 : $0.replacingOccurrences(of: from, with: to)
      }
    }
    var builder = StringColumnBuilder(capacity: rowCount)
    for row in 0..<rowCount {
      guard let text = DictionaryKernels.string(columns[0], row),
        let from = DictionaryKernels.string(columns[1], row),
        let to = DictionaryKernels.string(columns[2], row)
      else {
        builder.appendNull()
        continue
      }
      builder.append(from.isEmpty ? text : text.replacingOccurrences(of: from, with: to))
    }
    return builder.build()
  }

  static func rowwiseTest(_ lhs: Column, _ rhs: Column, _ test: (String, String) -> Bool)
    -> Column
  {
    var result = [Bool](repeating: false, count: lhs.count)
    for row in 0..<lhs.count {
      if let left = DictionaryKernels.string(lhs, row),
        let right = DictionaryKernels.string(rhs, row)
      {
        result[row] = test(left, right)
      }
    }
    return Column(bools: result, validity: Bitmap.both(lhs.validity, rhs.validity))
  }
}
