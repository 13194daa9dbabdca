/// Byte tests on eight bytes at once, in a 64-bit word (SIMD within a register).
enum SWAR {
  private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  private static let ones: UInt64 = 0x0101_0101_0101_0101

  /// `byte` in each of the eight bytes of a word.
  @inline(__always)
  static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

  /// The high bit set in exactly the bytes of `word` equal to those of
  /// `pattern` (no false matches, unlike the shorter carry-based test).
  @inline(__always)
  static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let bits = word ^ pattern
    return ~(((bits & low7) &+ low7) | bits | low7)
  }

  /// The sum of a word's eight byte lanes (each at most 255).
  @inline(__always)
  static func laneSum(_ lanes: UInt64) -> Int {
    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
    return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
  }
}
