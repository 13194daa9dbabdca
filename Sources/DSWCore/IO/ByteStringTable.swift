import CPrefetch
import Foundation

/// An interning hash table keyed by raw bytes: the loaders' string dictionary.
///
/// Building a `String` and hashing it through `[String: Int32]` for every
/// field costs an allocation per row; this table hashes the bytes in place,
/// keeps each distinct value once in a byte arena, and hands out dense codes
/// in first-appearance order.
public struct ByteStringTable: Sendable {
  /// Every distinct value's bytes, back to back.
  public private(set) var arena: [UInt8] = []
  /// Entry `i` spans `ends[i - 1] ..< ends[i]` of `arena` (`0` for the first).
  private(set) var ends: [Int] = []
  /// Open addressing, three words per slot. The first is 0 for an empty
  /// slot, else the hash's top 24 bits (a tag that rules out most
  /// mismatches), the key's length (saturating at 255) and the code plus
  /// one; the next two hold the key's first 16 bytes, zero-padded. So a key
  /// of up to 16 bytes is found with one visit to one slot, without
  /// touching the arena.
  private var slots: [UInt64]
  private var mask: Int

  private static let slotWords = 3
  private static let tagAndLengthMask: UInt64 = 0xFFFF_FFFF_0000_0000

  public init(capacity: Int = 16) {
    var slotCount = 16
    while slotCount < capacity * 2 { slotCount <<= 1 }
    slots = [UInt64](repeating: 0, count: slotCount * Self.slotWords)
    mask = slotCount - 1
  }

  public var count: Int { ends.count }

  /// An empty table to stand in for one that is taken out to be worked on.
  static let placeholder = ByteStringTable()

  /// The byte range of entry `code` in `arena`.
  @inline(__always)
  func range(of code: Int) -> Range<Int> {
    (code == 0 ? 0 : ends[code - 1])..<ends[code]
  }

  /// The code of the given bytes, adding them when new.
  @inline(__always)
  public mutating func intern(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    intern(start, count, hash: Self.hash(start, count))
  }

  /// Asks the cache for the slot where a key of this hash starts its probe.
  /// A loader does this for a whole batch of keys before interning any: the
  /// misses of a table larger than the cache then overlap instead of coming
  /// one after another.
  @inline(__always)
  func prefetch(_ hash: UInt64) {
    slots.withUnsafeBufferPointer { slots in
      guard let base = slots.baseAddress else { return }
      // A slot's three words may straddle two cache lines: ask for both.
      let slot = base + (Int(truncatingIfNeeded: hash) & mask) &* 3
      dsw_prefetch(slot)
      dsw_prefetch(slot + 2)
    }
  }

  /// `intern(_:_:)` with the key's hash already known.
  @inline(__always)
  mutating func intern(_ start: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> Int32 {
    let (first, second) = Self.prefixWords(start, count)
    let key = Self.tagAndLength(hash, count)
    var slot = Int(truncatingIfNeeded: hash) & mask
    let found: Int? = slots.withUnsafeBufferPointer { slots in
      while true {
        let meta = slots[slot &* 3]
        if meta == 0 { return nil }
        if meta & Self.tagAndLengthMask == key, slots[slot &* 3 &+ 1] == first,
          slots[slot &* 3 &+ 2] == second
        {
          let index = Int(truncatingIfNeeded: meta & 0xFFFF_FFFF) &- 1
          if count <= 16 || matches(index, start, count) { return index }
        }
        slot = (slot &+ 1) & mask
      }
    }
    if let found { return Int32(truncatingIfNeeded: found) }
    let code = ends.count
    arena.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    ends.append(arena.count)
    slots[slot * 3] = key | UInt64(code + 1)
    slots[slot * 3 + 1] = first
    slots[slot * 3 + 2] = second
    if ends.count * 2 > mask + 1 { grow() }
    return Int32(truncatingIfNeeded: code)
  }

  @inline(__always)
  private static func tagAndLength(_ hash: UInt64, _ count: Int) -> UInt64 {
    (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(count, 255)) << 32
  }

  /// Interns every entry of `other`, returning the code each of its entries got here.
  mutating func absorb(_ other: ByteStringTable) -> [Int32] {
    var remap: [Int32] = []
    absorb(other, upTo: other.count, extending: &remap)
    return remap
  }

  /// Interns the entries of `other` from `remap.count` up to `end`, in code
  /// order, appending the code each gets here to `remap`.
  mutating func absorb(_ other: ByteStringTable, upTo end: Int, extending remap: inout [Int32]) {
    guard remap.count < end else { return }
    remap.reserveCapacity(end)
    var zero: UInt8 = 0
    other.arena.withUnsafeBufferPointer { arena in
      for code in remap.count..<min(end, other.count) {
        let span = other.range(of: code)
        if let base = arena.baseAddress, !span.isEmpty {
          remap.append(intern(base + span.lowerBound, span.count))
        } else {
          remap.append(withUnsafePointer(to: &zero) { intern($0, 0) })
        }
      }
    }
  }

  /// The entries as Swift strings, in code order. Entries must be valid UTF-8.
  public func strings() -> [String] {
    arena.withUnsafeBufferPointer { arena in
      (0..<count).map { code in
        String(decoding: UnsafeBufferPointer(rebasing: arena[range(of: code)]), as: UTF8.self)
      }
    }
  }

  @inline(__always)
  private func matches(_ index: Int, _ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let span = range(of: index)
    guard span.count == count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      guard count > 0, let base = arena.baseAddress else { return true }
      return Self.equal(UnsafeRawPointer(base + span.lowerBound), UnsafeRawPointer(start), count)
    }
  }

  /// Byte equality with word loads; short keys dominate, where `memcmp`'s
  /// call costs more than the comparison.
  @inline(__always)
  private static func equal(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Bool
  {
    if count >= 8 {
      var offset = 0
      while offset + 8 <= count {
        if lhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          != rhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        {
          return false
        }
        offset += 8
      }
      if offset == count { return true }
      return lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
      return lhs.loadUnaligned(as: UInt32.self) == rhs.loadUnaligned(as: UInt32.self)
        && lhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
          == rhs.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    for offset in 0..<count
    where lhs.load(fromByteOffset: offset, as: UInt8.self)
      != rhs.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    return true
  }

  private mutating func grow() {
    let slotCount = (mask + 1) * 2
    var newSlots = [UInt64](repeating: 0, count: slotCount * Self.slotWords)
    let newMask = slotCount - 1
    arena.withUnsafeBufferPointer { arena in
      var zero: UInt8 = 0
      withUnsafePointer(to: &zero) { empty in
        for index in 0..<ends.count {
          let span = range(of: index)
          let start = span.isEmpty ? empty : (arena.baseAddress ?? empty) + span.lowerBound
          let (first, second) = Self.prefixWords(start, span.count)
          let hash = Self.hash(start, span.count, first, second)
          var slot = Int(truncatingIfNeeded: hash) & newMask
          while newSlots[slot * 3] != 0 { slot = (slot + 1) & newMask }
          newSlots[slot * 3] = Self.tagAndLength(hash, span.count) | UInt64(index + 1)
          newSlots[slot * 3 + 1] = first
          newSlots[slot * 3 + 2] = second
        }
      }
    }
    slots = newSlots
    mask = newMask
  }

  /// The first 16 bytes of a key as two little-endian words, zero-padded,
  /// never reading past the key.
  @inline(__always)
  private static func prefixWords(_ start: UnsafePointer<UInt8>, _ count: Int) -> (UInt64, UInt64) {
    let raw = UnsafeRawPointer(start)
    if count >= 16 {
      return (
        raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      )
    }
    if count >= 8 {
      return (raw.loadUnaligned(as: UInt64.self), partialWord(raw + 8, count - 8))
    }
    return (partialWord(raw, count), 0)
  }

  /// Up to seven bytes as a zero-padded word, from at most two overlapping loads.
  @inline(__always)
  private static func partialWord(_ raw: UnsafeRawPointer, _ count: Int) -> UInt64 {
    if count >= 4 {
      let low = UInt64(raw.loadUnaligned(as: UInt32.self))
      let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
      return low | high << UInt64((count - 4) * 8)
    }
    var word: UInt64 = 0
    for offset in 0..<count {
      word |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) << UInt64(offset * 8)
    }
    return word
  }

  /// A fast 64-bit hash of a key, given its first two words.
  @inline(__always)
  static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    let (first, second) = prefixWords(start, count)
    return hash(start, count, first, second)
  }

  @inline(__always)
  private static func hash(
    _ start: UnsafePointer<UInt8>, _ count: Int, _ first: UInt64, _ second: UInt64
  ) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: count) &* multiplier
    @inline(__always) func mix(_ word: UInt64) {
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 29
    }
    mix(first)
    mix(second)
    if count > 16 {
      let raw = UnsafeRawPointer(start)
      var offset = 16
      while offset + 8 <= count {
        mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
      }
      if offset < count { mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) }
    }
    hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return hash ^ (hash >> 32)
  }
}
