/// Decoding of JSON string escapes, shared by the scanner and the converter.
enum JSONStrings {
  /// The byte a one-letter escape stands for (`\n` gives 0x0A), or nil.
  @inline(__always)
  static func simpleEscape(_ letter: UInt8) -> UInt8? {
    switch letter {
    case UInt8(ascii: "\""): 0x22
    case UInt8(ascii: "\\"): 0x5C
    case UInt8(ascii: "/"): 0x2F
    case UInt8(ascii: "b"): 0x08
    case UInt8(ascii: "f"): 0x0C
    case UInt8(ascii: "n"): 0x0A
    case UInt8(ascii: "r"): 0x0D
    case UInt8(ascii: "t"): 0x09
    default: nil
    }
  }

  /// Decodes the escape whose backslash is at `index`, appending UTF-8 to
  /// `output`; returns the offset after it, or nil when it is invalid
  /// (including an unpaired surrogate).
  static func decodeEscape(
    _ base: UnsafePointer<UInt8>, at index: Int, end: Int, into output: inout [UInt8]
  ) -> Int? {
    guard index + 1 < end else { return nil }
    let letter = base[index + 1]
    if letter != UInt8(ascii: "u") {
      guard let byte = simpleEscape(letter) else { return nil }
      output.append(byte)
      return index + 2
    }
    guard var scalar = hex4(base, index + 2, end) else { return nil }
    var next = index + 6
    if scalar >= 0xD800, scalar < 0xDC00 {
      guard next + 1 < end, base[next] == UInt8(ascii: "\\"), base[next + 1] == UInt8(ascii: "u"),
        let low = hex4(base, next + 2, end), low >= 0xDC00, low < 0xE000
      else { return nil }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      next += 6
    } else if scalar >= 0xDC00, scalar < 0xE000 {
      return nil
    }
    switch scalar {
    case 0..<0x80: output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
      output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
    return next
  }

  private static func hex4(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> UInt32? {
    guard index + 4 <= end else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = base[index + offset]
      let digit: UInt32
      switch byte {
      case 48...57: digit = UInt32(byte - 48)
      case 65...70: digit = UInt32(byte - 55)
      case 97...102: digit = UInt32(byte - 87)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }

  /// Decodes a whole string literal (quotes included) from a valid document.
  static func decodeLiteral(
    _ base: UnsafePointer<UInt8>, start: Int, end: Int, into output: inout [UInt8]
  ) {
    output.removeAll(keepingCapacity: true)
    var index = start + 1
    while index < end - 1 {
      if base[index] == UInt8(ascii: "\\"),
        let next = decodeEscape(base, at: index, end: end - 1, into: &output)
      {
        index = next
      } else {
        output.append(base[index])
        index += 1
      }
    }
  }
}
