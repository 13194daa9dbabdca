/// How a loader reads values written in a local style: the decimal mark and
/// a date format. The default is the ISO style that inference assumes.
struct CSVValueSyntax: Sendable {
  /// The byte between a number's whole and fractional parts.
  var decimal = UInt8(ascii: ".")
  /// A `strftime`-style format such as `%d/%m/%Y`, tried before ISO 8601.
  var dateFormat: DateFormat?

  /// Whether `0`-led digits, such as `02134` or `007`, count as text: they
  /// are codes (zips, ids) whose zeros matter, not numbers. `0` and `0.5`
  /// are numbers.
  @inline(__always)
  static func hasLeadingZero(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    if count > 0, start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") { index = 1 }
    guard index + 1 < count, start[index] == UInt8(ascii: "0") else { return false }
    let next = start[index + 1]
    return next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")
  }

  /// A double, with this file's decimal mark.
  @inline(__always)
  func parseDouble(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    if decimal == UInt8(ascii: ".") {
      return ByteNumberParser.parseDoubleKeepingIntegers(start, count)
    }
    // Rare (only with `decimal:`) and short, so a copy on the stack is cheap.
    guard count <= 64 else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
      guard let copy = buffer.baseAddress else { return nil }
      for index in 0..<count {
        let byte = start[index]
        if byte == UInt8(ascii: ".") { return nil }
        copy[index] = byte == decimal ? UInt8(ascii: ".") : byte
      }
      return ByteNumberParser.parseDoubleKeepingIntegers(UnsafePointer(copy), count)
    }
  }

  /// A date, in the date format when there is one, else `YYYY-MM-DD`.
  @inline(__always)
  func parseDate(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    if let dateFormat, !dateFormat.hasTime {
      if let days = dateFormat.parse(start, count).map({ $0 / CivilTime.microsPerDay }) {
        return days
      }
    }
    return ByteNumberParser.parseDate(start, count)
  }

  /// A timestamp in microseconds, in the date format when it has a time, else ISO 8601.
  @inline(__always)
  func parseTimestamp(
    _ start: UnsafePointer<UInt8>, _ count: Int, scratch: inout [UInt8]
  ) -> Int64? {
    if let dateFormat, let micros = dateFormat.parse(start, count) { return micros }
    return ByteNumberParser.parseTimestamp(start, count, scratch: &scratch)
  }

  /// The kind of one non-null text value, in this syntax.
  func classify(
    _ start: UnsafePointer<UInt8>, _ count: Int, scratch: inout [UInt8]
  ) -> InferredKind {
    if let dateFormat, dateFormat.parse(start, count) != nil {
      return dateFormat.hasTime ? .timestamp : .date
    }
    if decimal == UInt8(ascii: "."), dateFormat == nil {
      return InferredKind.classify(start, count, scratch: &scratch)
    }
    if ByteNumberParser.parseInt(start, count) != nil { return .int }
    if parseDouble(start, count) != nil { return .double }
    if ByteNumberParser.parseBool(start, count) != nil { return .bool }
    if parseDate(start, count) != nil { return .date }
    if parseTimestamp(start, count, scratch: &scratch) != nil { return .timestamp }
    return .string
  }

  /// Whether a value reads as `kind`: the test a column typed by `types:` applies.
  func converts(
    _ start: UnsafePointer<UInt8>, _ count: Int, to kind: InferredKind, scratch: inout [UInt8]
  ) -> Bool {
    switch kind {
    case .unknown, .string: true
    case .int: ByteNumberParser.parseInt(start, count) != nil
    case .double: parseDouble(start, count) != nil
    case .bool: ByteNumberParser.parseBool(start, count) != nil
    case .date: parseDate(start, count) != nil
    case .timestamp: parseTimestamp(start, count, scratch: &scratch) != nil
    }
  }
}

/// A `strftime`-style date format: `%Y %m %d %H %M %S` and literal text.
struct DateFormat: Sendable, Hashable {
  enum Part: Sendable, Hashable {
    case literal(UInt8)
    case year, month, day, hour, minute, second
  }

  let parts: [Part]
  /// Whether the format has an hour, so it reads timestamps rather than dates.
  let hasTime: Bool

  /// Nil when the format uses a directive other than the six above, or has no day.
  init?(_ text: String) {
    var parts: [Part] = []
    var bytes = Array(text.utf8).makeIterator()
    while let byte = bytes.next() {
      guard byte == UInt8(ascii: "%") else {
        parts.append(.literal(byte))
        continue
      }
      switch bytes.next() {
      case UInt8(ascii: "Y"): parts.append(.year)
      case UInt8(ascii: "m"): parts.append(.month)
      case UInt8(ascii: "d"): parts.append(.day)
      case UInt8(ascii: "H"): parts.append(.hour)
      case UInt8(ascii: "M"): parts.append(.minute)
      case UInt8(ascii: "S"): parts.append(.second)
      case UInt8(ascii: "%"): parts.append(.literal(UInt8(ascii: "%")))
      default: return nil
      }
    }
    guard parts.contains(.year), parts.contains(.month), parts.contains(.day) else { return nil }
    self.parts = parts
    hasTime = parts.contains(.hour)
  }

  /// Microseconds since the epoch; nil unless the whole field matches.
  func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    var index = 0
    var fields: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) =
      (0, 1, 1, 0, 0, 0)
    for part in parts {
      if case .literal(let byte) = part {
        guard index < count, start[index] == byte else { return nil }
        index += 1
        continue
      }
      // Years take four digits; the rest one or two (`5/3/2024` reads).
      let most = part == .year ? 4 : 2
      var value: Int64 = 0
      var digits = 0
      while digits < most, index < count, start[index] >= 48, start[index] <= 57 {
        value = value * 10 + Int64(start[index] - 48)
        index += 1
        digits += 1
      }
      guard digits > 0, part != .year || digits == 4 else { return nil }
      switch part {
      case .year: fields.year = value
      case .month: fields.month = value
      case .day: fields.day = value
      case .hour: fields.hour = value
      case .minute: fields.minute = value
      case .second: fields.second = value
      case .literal: break
      }
    }
    guard index == count, (1...12).contains(fields.month),
      (1...CivilTime.daysInMonth(year: fields.year, month: fields.month)).contains(fields.day),
      fields.hour < 24, fields.minute < 60, fields.second < 60
    else { return nil }
    let days = CivilTime.days(year: fields.year, month: fields.month, day: fields.day)
    let seconds = fields.hour * 3600 + fields.minute * 60 + fields.second
    return days * CivilTime.microsPerDay + seconds * 1_000_000
  }
}
