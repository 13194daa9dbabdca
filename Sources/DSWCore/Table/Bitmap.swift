/// A fixed-length sequence of bits packed into 64-bit words.
///
/// Columns use it as a validity mask: bit `i` set means row `i` is not null.
public struct Bitmap: Sendable, Equatable {
  public private(set) var words: [UInt64]
  public let count: Int

  /// A bitmap of `count` bits, all set to `value`.
  public init(count: Int, value: Bool) {
    self.count = count
    let wordCount = (count + 63) >> 6
    words = [UInt64](repeating: value ? ~0 : 0, count: wordCount)
    if value { clearTail() }
  }

  /// A bitmap built from booleans.
  public init(_ bits: [Bool]) {
    self.init(count: bits.count, value: false)
    for (index, bit) in bits.enumerated() where bit { set(index) }
  }

  init(words: [UInt64], count: Int) {
    self.words = words
    self.count = count
    clearTail()
  }

  private mutating func clearTail() {
    let remainder = count & 63
    if remainder != 0, let last = words.indices.last {
      words[last] &= (UInt64(1) << UInt64(remainder)) &- 1
    }
  }

  @inline(__always)
  public subscript(index: Int) -> Bool {
    (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
  }

  @inline(__always)
  public mutating func set(_ index: Int) {
    words[index >> 6] |= UInt64(1) << UInt64(index & 63)
  }

  @inline(__always)
  public mutating func clear(_ index: Int) {
    words[index >> 6] &= ~(UInt64(1) << UInt64(index & 63))
  }

  /// The number of set bits.
  public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// Whether every bit is set.
  public var isAllSet: Bool { setCount == count }

  /// Bitwise and of two bitmaps of equal length.
  public static func & (lhs: Bitmap, rhs: Bitmap) -> Bitmap {
    var words = lhs.words
    for index in words.indices { words[index] &= rhs.words[index] }
    return Bitmap(words: words, count: lhs.count)
  }
}
