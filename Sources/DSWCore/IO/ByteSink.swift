/// An output buffer for the writers: fields go into a small raw block that is
/// flushed into one growing byte array, so no row ever becomes a `String`.
final class ByteSink {
  private static let blockSize = 1 << 16

  private(set) var output: [UInt8] = []
  private let block: UnsafeMutablePointer<UInt8>
  private var used = 0

  init(expectedBytes: Int) {
    output.reserveCapacity(expectedBytes)
    block = .allocate(capacity: Self.blockSize)
  }

  deinit { block.deallocate() }

  /// Everything written, as one array.
  func finish() -> [UInt8] {
    flush()
    return output
  }

  /// Bytes written so far.
  var count: Int { output.count + used }

  /// Everything written so far, without copying.
  func withContents<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    flush()
    return output.withUnsafeBufferPointer(body)
  }

  /// Empties the sink, keeping its memory for the next block.
  func reset() {
    output.removeAll(keepingCapacity: true)
    used = 0
  }

  @inline(__always)
  private func ensure(_ count: Int) {
    if used + count > Self.blockSize { flush() }
  }

  private func flush() {
    output.append(contentsOf: UnsafeBufferPointer(start: block, count: used))
    used = 0
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    ensure(1)
    block[used] = byte
    used += 1
  }

  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count > Self.blockSize {
      flush()
      output.append(contentsOf: bytes)
      return
    }
    ensure(bytes.count)
    guard let source = bytes.baseAddress else { return }
    (block + used).update(from: source, count: bytes.count)
    used += bytes.count
  }

  /// Appends a few bytes with a plain loop: cheaper than `memmove` for the
  /// short fields and separators that make up most of a record.
  @inline(__always)
  func appendSmall(_ bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    guard count <= 32, let source = bytes.baseAddress else {
      append(bytes)
      return
    }
    ensure(count)
    let target = block + used
    for index in 0..<count { target[index] = source[index] }
    used += count
  }

  func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Decimal digits of an integer.
  @inline(__always)
  func append(int value: Int64) {
    ensure(20)
    var magnitude = value.magnitude
    if value < 0 {
      block[used] = UInt8(ascii: "-")
      used += 1
    }
    var digits: (UInt64, UInt64) = (0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { scratch in
      repeat {
        scratch[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
        magnitude /= 10
        count += 1
      } while magnitude != 0
      for index in 0..<count { block[used + index] = scratch[count - 1 - index] }
    }
    used += count
  }

  /// The shortest text that reads back as exactly `value` (Swift's own
  /// algorithm); whole numbers keep a `.0`, so they read back as doubles.
  func append(double value: Double) {
    append(value.description)
  }

  /// `YYYY-MM-DD`.
  func append(date days: Int64) {
    let (year, month, day) = CivilTime.civil(days: days)
    guard year >= 0, year <= 9999 else {
      append(CivilTime.formatDate(days: days))
      return
    }
    appendPadded(year, width: 4)
    append(UInt8(ascii: "-"))
    appendPadded(month, width: 2)
    append(UInt8(ascii: "-"))
    appendPadded(day, width: 2)
  }

  /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, the same text as `CivilTime.formatTimestamp`.
  func append(timestamp micros: Int64) {
    let dayNumber = CivilTime.day(ofMicros: micros)
    let inDay = micros - dayNumber * CivilTime.microsPerDay
    append(date: dayNumber)
    ensure(24)
    append(UInt8(ascii: "T"))
    appendPadded(inDay / CivilTime.microsPerHour, width: 2)
    append(UInt8(ascii: ":"))
    appendPadded((inDay % CivilTime.microsPerHour) / CivilTime.microsPerMinute, width: 2)
    append(UInt8(ascii: ":"))
    appendPadded((inDay % CivilTime.microsPerMinute) / CivilTime.microsPerSecond, width: 2)
    var fraction = inDay % CivilTime.microsPerSecond
    if fraction != 0 {
      append(UInt8(ascii: "."))
      var width = 6
      while fraction % 10 == 0 {
        fraction /= 10
        width -= 1
      }
      appendPadded(fraction, width: width)
    }
    append(UInt8(ascii: "Z"))
  }

  @inline(__always)
  private func appendPadded(_ value: Int64, width: Int) {
    ensure(width)
    var remaining = value
    for index in stride(from: width - 1, through: 0, by: -1) {
      block[used + index] = UInt8(truncatingIfNeeded: remaining % 10) + 48
      remaining /= 10
    }
    used += width
  }
}
