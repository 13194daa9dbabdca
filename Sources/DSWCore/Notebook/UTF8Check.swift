/// Strict UTF-8 validation (RFC 3629) that says where the first bad byte is.
///
/// Swift's decoders silently substitute U+FFFD; a notebook with a bad byte must
/// instead fail with its position, and never be rewritten with the damage.
public enum UTF8Check {
  /// The offset of the lead byte of the first ill-formed sequence, or nil.
  public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let width: Int
      var secondRange: ClosedRange<UInt8> = 0x80...0xBF
      switch lead {
      case 0xC2...0xDF: width = 2
      case 0xE0:
        width = 3
        secondRange = 0xA0...0xBF
      case 0xE1...0xEC, 0xEE...0xEF: width = 3
      case 0xED:
        width = 3
        secondRange = 0x80...0x9F
      case 0xF0:
        width = 4
        secondRange = 0x90...0xBF
      case 0xF1...0xF3: width = 4
      case 0xF4:
        width = 4
        secondRange = 0x80...0x8F
      default: return index
      }
      guard index + width <= count, secondRange.contains(bytes[index + 1]) else { return index }
      for offset in 2..<width where bytes[index + offset] & 0xC0 != 0x80 { return index }
      index += width
    }
    return nil
  }
}
