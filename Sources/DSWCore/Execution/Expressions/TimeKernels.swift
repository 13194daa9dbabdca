/// Date and time functions over day numbers and microsecond timestamps.
enum TimeKernels {
  static func parse(
    _ function: ScalarFunction, _ columns: [Column], format: String?, formatColumn: Column?,
    span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let input = columns[0]
    let target: DataType = function == .timestamp ? .timestamp : .date
    switch input.type {
    case .date, .timestamp:
      return try Cast.apply(input, to: target, span: span)
    default:
      break
    }
    let result: Column
    if let formatColumn {
      guard let format else {
        throw Diagnostic.error(
          "E207", "the format of `date` must be a constant string", at: span,
          help: "for example `date(s, \"%Y%m%d\")`")
      }
      _ = formatColumn
      result = DictionaryKernels.mapToInt64(input, type: target) { text in
        guard let micros = TimeFormat.parse(text, format: format) else { return nil }
        return target == .date ? CivilTime.day(ofMicros: micros) : micros
      }
    } else if target == .date {
      result = DictionaryKernels.mapToInt64(input, type: .date) { text in
        CivilTime.parseDate(Substring(text))
          ?? CivilTime.parseTimestamp(Substring(text)).map(CivilTime.day(ofMicros:))
      }
    } else {
      result = DictionaryKernels.mapToInt64(input, type: .timestamp) {
        CivilTime.parseTimestamp(Substring($0))
      }
    }
    // `try_date` leaves what does not parse null; `date` names it.
    if function == .tryDate { return result }
    let (codes, dictionary) = input.stringCodes
    for row in 0..<codes.count where codes[row] >= 0 && result.isNull(row) {
      let text = dictionary[codes[row]]
      throw Diagnostic.error(
        "E302",
        "cannot read \"\(text)\" as a \(target.rawValue)\(format.map { " with format \"\($0)\"" } ?? "")",
        at: span,
        help: format == nil
          ? "give the format: `date(s, \"%d/%m/%Y\")`; `try_date(s)` gives null where it does not parse"
          : "`try_date(s, \"\(format ?? "")\")` gives null where it does not parse")
    }
    return result
  }

  /// Microseconds since the epoch of each row (dates at midnight).
  static func micros(_ column: Column) -> [Int64] {
    column.type == .date
      ? column.int64Values.map { $0 &* CivilTime.microsPerDay } : column.int64Values
  }

  static func days(_ column: Column) -> [Int64] {
    column.type == .date ? column.int64Values : column.int64Values.map(CivilTime.day(ofMicros:))
  }

  static func part(_ function: ScalarFunction, _ column: Column) -> Column {
    let count = column.count
    var result = [Int64](repeating: 0, count: count)
    if function == .hour {
      let values = micros(column)
      for row in 0..<count {
        let inDay = values[row] - CivilTime.day(ofMicros: values[row]) * CivilTime.microsPerDay
        result[row] = inDay / CivilTime.microsPerHour
      }
      return Column(ints: result, validity: column.validity)
    }
    let dayNumbers = days(column)
    for row in 0..<count where !column.isNull(row) {
      let day = dayNumbers[row]
      switch function {
      case .weekday: result[row] = CivilTime.weekday(days: day)
      case .year: result[row] = CivilTime.civil(days: day).year
      case .month: result[row] = CivilTime.civil(days: day).month
      default: result[row] = CivilTime.civil(days: day).day
      }
    }
    return Column(ints: result, validity: column.validity)
  }

  static func truncate(_ column: Column, unit: String) -> Column {
    let isDate = column.type == .date
    let values = column.int64Values
    var result = [Int64](repeating: 0, count: values.count)
    for row in 0..<values.count where !column.isNull(row) {
      let micros = isDate ? values[row] &* CivilTime.microsPerDay : values[row]
      let day = CivilTime.day(ofMicros: micros)
      let truncatedDay: Int64?
      switch unit {
      case "year":
        truncatedDay = CivilTime.days(year: CivilTime.civil(days: day).year, month: 1, day: 1)
      case "quarter":
        let civil = CivilTime.civil(days: day)
        truncatedDay = CivilTime.days(
          year: civil.year, month: (civil.month - 1) / 3 * 3 + 1, day: 1)
      case "month":
        let civil = CivilTime.civil(days: day)
        truncatedDay = CivilTime.days(year: civil.year, month: civil.month, day: 1)
      case "week": truncatedDay = day - (CivilTime.weekday(days: day) - 1)
      case "day": truncatedDay = day
      default: truncatedDay = nil
      }
      if let truncatedDay {
        result[row] = isDate ? truncatedDay : truncatedDay * CivilTime.microsPerDay
      } else if isDate {
        result[row] = values[row]
      } else {
        let step: Int64 =
          unit == "hour"
          ? CivilTime.microsPerHour
          : unit == "minute" ? CivilTime.microsPerMinute : CivilTime.microsPerSecond
        let floored = micros >= 0 ? micros / step : (micros - step + 1) / step
        result[row] = floored * step
      }
    }
    return Column.integerBacked(column.type, result, validity: column.validity)
  }

  static func add(
    _ column: Column, _ amounts: Column, unit: String, resultType: DataType, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let validity = Bitmap.both(column.validity, amounts.validity)
    let steps = amounts.int64Values
    let values = resultType == .timestamp ? micros(column) : column.int64Values
    let isDate = resultType == .date
    var result = [Int64](repeating: 0, count: values.count)
    for row in 0..<values.count where validity.map({ $0[row] }) ?? true {
      let amount = steps[row]
      switch unit {
      case "year", "quarter", "month":
        let factor: Int64 = unit == "year" ? 12 : unit == "quarter" ? 3 : 1
        let day = isDate ? values[row] : CivilTime.day(ofMicros: values[row])
        let inDay = isDate ? 0 : values[row] - day * CivilTime.microsPerDay
        let civil = CivilTime.civil(days: day)
        let (months, overflow) = amount.multipliedReportingOverflow(by: factor)
        // Far outside the supported range either way: stop before the calendar math overflows.
        guard !overflow, months >= -TimeRange.maxDays, months <= TimeRange.maxDays else {
          throw TimeRange.error(resultType, span)
        }
        let monthIndex = civil.year * 12 + (civil.month - 1) + months
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        let clamped = min(civil.day, CivilTime.daysInMonth(year: year, month: month))
        let newDay = CivilTime.days(year: year, month: month, day: clamped)
        guard TimeRange.contains(newDay, .date) else { throw TimeRange.error(resultType, span) }
        result[row] = isDate ? newDay : newDay * CivilTime.microsPerDay + inDay
      default:
        let stepMicros: Int64
        switch unit {
        case "week": stepMicros = 7 * CivilTime.microsPerDay
        case "day": stepMicros = CivilTime.microsPerDay
        case "hour": stepMicros = CivilTime.microsPerHour
        case "minute": stepMicros = CivilTime.microsPerMinute
        default: stepMicros = CivilTime.microsPerSecond
        }
        let step = isDate ? stepMicros / CivilTime.microsPerDay : stepMicros
        let (offset, overflow) = amount.multipliedReportingOverflow(by: step)
        let (sum, overflow2) = values[row].addingReportingOverflow(offset)
        guard !overflow, !overflow2, TimeRange.contains(sum, resultType) else {
          throw TimeRange.error(resultType, span)
        }
        result[row] = sum
      }
    }
    return Column.integerBacked(resultType, result, validity: validity)
  }

  /// b − a in whole days (calendar-day boundaries), hours or minutes.
  static func between(_ function: ScalarFunction, _ first: Column, _ second: Column) -> Column {
    let validity = Bitmap.both(first.validity, second.validity)
    let count = first.count
    var result = [Int64](repeating: 0, count: count)
    if function == .daysBetween {
      let a = days(first)
      let b = days(second)
      for row in 0..<count { result[row] = b[row] &- a[row] }
    } else {
      let a = micros(first)
      let b = micros(second)
      let unit = function == .hoursBetween ? CivilTime.microsPerHour : CivilTime.microsPerMinute
      for row in 0..<count { result[row] = (b[row] &- a[row]) / unit }
    }
    return Column(ints: result, validity: validity)
  }
}

/// A small strptime: `%Y %m %d %H %M %S %y %%` and literal characters.
enum TimeFormat {
  static func parse(_ text: String, format: String) -> Int64? {
    let input = Array(text.utf8)
    let pattern = Array(format.utf8)
    var position = 0
    var year: Int64 = 1970
    var month: Int64 = 1
    var day: Int64 = 1
    var hour: Int64 = 0
    var minute: Int64 = 0
    var second: Int64 = 0
    func number(maxDigits: Int) -> Int64? {
      var value: Int64 = 0
      var digits = 0
      while digits < maxDigits, position < input.count, input[position] >= 48, input[position] <= 57
      {
        value = value * 10 + Int64(input[position] - 48)
        position += 1
        digits += 1
      }
      return digits == 0 ? nil : value
    }
    var index = 0
    while index < pattern.count {
      let byte = pattern[index]
      if byte == UInt8(ascii: "%"), index + 1 < pattern.count {
        index += 1
        switch pattern[index] {
        case UInt8(ascii: "Y"):
          guard let value = number(maxDigits: 4) else { return nil }
          year = value
        case UInt8(ascii: "y"):
          guard let value = number(maxDigits: 2) else { return nil }
          year = 2000 + value
        case UInt8(ascii: "m"):
          guard let value = number(maxDigits: 2) else { return nil }
          month = value
        case UInt8(ascii: "d"):
          guard let value = number(maxDigits: 2) else { return nil }
          day = value
        case UInt8(ascii: "H"):
          guard let value = number(maxDigits: 2) else { return nil }
          hour = value
        case UInt8(ascii: "M"):
          guard let value = number(maxDigits: 2) else { return nil }
          minute = value
        case UInt8(ascii: "S"):
          guard let value = number(maxDigits: 2) else { return nil }
          second = value
        case UInt8(ascii: "%"):
          guard position < input.count, input[position] == UInt8(ascii: "%") else { return nil }
          position += 1
        default: return nil
        }
      } else {
        guard position < input.count, input[position] == byte else { return nil }
        position += 1
      }
      index += 1
    }
    guard position == input.count, (1...12).contains(month),
      day >= 1, day <= CivilTime.daysInMonth(year: year, month: month), hour < 24, minute < 60,
      second < 61
    else { return nil }
    return CivilTime.days(year: year, month: month, day: day) * CivilTime.microsPerDay + hour
      * CivilTime.microsPerHour + minute * CivilTime.microsPerMinute + second
      * CivilTime.microsPerSecond
  }
}
