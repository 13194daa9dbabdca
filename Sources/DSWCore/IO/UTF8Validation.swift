/// Checks that bytes are well-formed UTF-8 (RFC 3629: no overlongs, no
/// surrogates, nothing past U+10FFFF).
public enum UTF8Validation {
  /// The offset of the first byte that does not start a well-formed
  /// sequence, or nil when all `count` bytes are valid.
  public static func firstInvalidByte(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    var index = 0
    while index < count {
      let lead = start[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default: return index
      }
      guard index + 1 < count, start[index + 1] >= lower, start[index + 1] <= upper else {
        return index
      }
      for offset in 2..<length {
        guard index + offset < count, isContinuation(start[index + offset]) else { return index }
      }
      index += length
    }
    return nil
  }

  @inline(__always)
  private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
