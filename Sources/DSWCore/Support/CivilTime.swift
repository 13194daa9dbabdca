/// Calendar arithmetic on days and microseconds since the Unix epoch (UTC).
///
/// Uses Howard Hinnant's civil-from-days algorithms: exact for the proleptic
/// Gregorian calendar, with no Foundation calendars or time zones involved.
public enum CivilTime {
  public static let microsPerSecond: Int64 = 1_000_000
  public static let microsPerMinute: Int64 = 60 * microsPerSecond
  public static let microsPerHour: Int64 = 60 * microsPerMinute
  public static let microsPerDay: Int64 = 24 * microsPerHour

  /// Days since 1970-01-01 for a proleptic Gregorian date.
  @inline(__always)
  public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The (year, month, day) of a day number.
  @inline(__always)
  public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthPart = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
    let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Floor division of a timestamp to its day number.
  @inline(__always)
  public static func day(ofMicros micros: Int64) -> Int64 {
    micros >= 0 ? micros / microsPerDay : (micros - microsPerDay + 1) / microsPerDay
  }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  @inline(__always)
  public static func weekday(days: Int64) -> Int64 {
    // 1970-01-01 was a Thursday (4).
    let index = (days + 3) % 7
    return (index < 0 ? index + 7 : index) + 1
  }

  public static func isLeapYear(_ year: Int64) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// `YYYY-MM-DD`.
  public static func formatDate(days: Int64) -> String {
    let (year, month, day) = civil(days: days)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
  }

  /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, with fractional seconds only when nonzero.
  public static func formatTimestamp(micros: Int64) -> String {
    let dayNumber = day(ofMicros: micros)
    let inDay = micros - dayNumber * microsPerDay
    let hours = inDay / microsPerHour
    let minutes = (inDay % microsPerHour) / microsPerMinute
    let seconds = (inDay % microsPerMinute) / microsPerSecond
    let fraction = inDay % microsPerSecond
    var text =
      formatDate(days: dayNumber) + "T" + pad(hours, 2) + ":" + pad(minutes, 2) + ":"
      + pad(seconds, 2)
    if fraction != 0 {
      var digits = pad(fraction, 6)
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text + "Z"
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + padded : padded
  }

  /// Parses `YYYY-MM-DD`; nil when the text is not exactly a valid date.
  public static func parseDate(_ text: Substring) -> Int64? {
    parseDate(utf8: Array(text.utf8)[...])
  }

  /// Parses `YYYY-MM-DD` from bytes; nil when not exactly a valid date.
  public static func parseDate(utf8 bytes: ArraySlice<UInt8>) -> Int64? {
    guard bytes.count == 10 else { return nil }
    let base = bytes.startIndex
    guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-"),
      let year = digits(bytes, base, 4), let month = digits(bytes, base + 5, 2),
      let day = digits(bytes, base + 8, 2), (1...12).contains(month),
      day >= 1, day <= daysInMonth(year: year, month: month)
    else { return nil }
    return days(year: year, month: month, day: day)
  }

  /// Parses an ISO 8601 timestamp: `YYYY-MM-DD[T| ]HH:MM[:SS[.f…]][Z|±HH:MM]`,
  /// or a bare date (midnight). Returns microseconds since the epoch, UTC.
  public static func parseTimestamp(_ text: Substring) -> Int64? {
    parseTimestamp(utf8: Array(text.utf8)[...])
  }

  /// Byte-level form of `parseTimestamp(_:)`.
  public static func parseTimestamp(utf8 bytes: ArraySlice<UInt8>) -> Int64? {
    guard bytes.count >= 10, let dayNumber = parseDate(utf8: bytes.prefix(10)) else { return nil }
    var micros = dayNumber * microsPerDay
    var index = bytes.startIndex + 10
    if index == bytes.endIndex { return micros }
    guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
    index += 1
    guard index + 5 <= bytes.endIndex, let hour = digits(bytes, index, 2),
      bytes[index + 2] == UInt8(ascii: ":"), let minute = digits(bytes, index + 3, 2),
      hour < 24, minute < 60
    else { return nil }
    micros += hour * microsPerHour + minute * microsPerMinute
    index += 5
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") {
      guard index + 3 <= bytes.endIndex, let second = digits(bytes, index + 1, 2), second < 61
      else { return nil }
      micros += second * microsPerSecond
      index += 3
      if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
        index += 1
        var scale: Int64 = 100_000
        let start = index
        while index < bytes.endIndex, let digit = digitValue(bytes[index]) {
          micros += digit * scale
          scale /= 10
          index += 1
        }
        guard index > start else { return nil }
      }
    }
    if index == bytes.endIndex { return micros }
    if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.endIndex { return micros }
    let sign = bytes[index]
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), index + 6 == bytes.endIndex,
      let offsetHours = digits(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
      let offsetMinutes = digits(bytes, index + 4, 2)
    else { return nil }
    let offset = offsetHours * microsPerHour + offsetMinutes * microsPerMinute
    return sign == UInt8(ascii: "+") ? micros - offset : micros + offset
  }

  @inline(__always)
  private static func digitValue(_ byte: UInt8) -> Int64? {
    byte >= 48 && byte <= 57 ? Int64(byte - 48) : nil
  }

  @inline(__always)
  private static func digits(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int64? {
    guard start + count <= bytes.endIndex else { return nil }
    var value: Int64 = 0
    for index in start..<(start + count) {
      guard let digit = digitValue(bytes[index]) else { return nil }
      value = value * 10 + digit
    }
    return value
  }
}
