import Foundation

/// An interning hash table keyed by raw bytes: the loaders' string dictionary.
///
/// Building a `String` and hashing it through `[String: Int32]` for every
/// field costs an allocation per row; this table hashes the bytes in place,
/// keeps each distinct value once in a byte arena, and hands out dense codes
/// in first-appearance order.
struct ByteStringTable: Sendable {
  /// Every distinct value's bytes, back to back.
  private(set) var arena: [UInt8] = []
  /// Entry `i` spans `ends[i - 1] ..< ends[i]` of `arena` (`0` for the first).
  private(set) var ends: [Int] = []
  /// Open addressing: 0 for an empty slot, else the hash's high 32 bits
  /// (as a tag that rules out most mismatches without touching the arena)
  /// above the entry index plus one.
  private var slots: [UInt64]
  private var mask: Int

  init(capacity: Int = 16) {
    var slotCount = 16
    while slotCount < capacity * 2 { slotCount <<= 1 }
    slots = [UInt64](repeating: 0, count: slotCount)
    mask = slotCount - 1
  }

  var count: Int { ends.count }

  /// The byte range of entry `code` in `arena`.
  @inline(__always)
  func range(of code: Int) -> Range<Int> {
    (code == 0 ? 0 : ends[code - 1])..<ends[code]
  }

  /// The code of the given bytes, adding them when new.
  @inline(__always)
  mutating func intern(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let hash = Self.hash(start, count)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        if matches(index, start, count) { return Int32(truncatingIfNeeded: index) }
      }
      slot = (slot + 1) & mask
    }
    let code = ends.count
    arena.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    ends.append(arena.count)
    slots[slot] = tag | UInt64(code + 1)
    if ends.count * 2 > slots.count { grow() }
    return Int32(truncatingIfNeeded: code)
  }

  /// Interns every entry of `other`, returning the code each of its entries got here.
  mutating func absorb(_ other: ByteStringTable) -> [Int32] {
    var remap = [Int32](repeating: 0, count: other.count)
    var zero: UInt8 = 0
    other.arena.withUnsafeBufferPointer { arena in
      for code in 0..<other.count {
        let span = other.range(of: code)
        if let base = arena.baseAddress, !span.isEmpty {
          remap[code] = intern(base + span.lowerBound, span.count)
        } else {
          remap[code] = withUnsafePointer(to: &zero) { intern($0, 0) }
        }
      }
    }
    return remap
  }

  /// The entries as Swift strings, in code order. Entries must be valid UTF-8.
  func strings() -> [String] {
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
    for offset in 0..<count where lhs.load(fromByteOffset: offset, as: UInt8.self)
      != rhs.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    return true
  }

  private mutating func grow() {
    let slotCount = slots.count * 2
    var newSlots = [UInt64](repeating: 0, count: slotCount)
    let newMask = slotCount - 1
    arena.withUnsafeBufferPointer { arena in
      for index in 0..<ends.count {
        let span = range(of: index)
        var hash = Self.emptyHash
        if let base = arena.baseAddress, !span.isEmpty {
          hash = Self.hash(base + span.lowerBound, span.count)
        }
        var slot = Int(truncatingIfNeeded: hash) & newMask
        while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
        newSlots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
      }
    }
    slots = newSlots
    mask = newMask
  }

  /// The hash of zero bytes (which reads no memory).
  private static var emptyHash: UInt64 {
    var zero: UInt8 = 0
    return withUnsafePointer(to: &zero) { hash($0, 0) }
  }

  /// A fast 64-bit hash from word loads (overlapping at the tail, so short
  /// keys take two or three loads and no byte loop).
  @inline(__always)
  static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    let raw = UnsafeRawPointer(start)
    var hash = UInt64(truncatingIfNeeded: count) &* multiplier
    @inline(__always) func mix(_ word: UInt64) {
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 29
    }
    if count >= 8 {
      var offset = 0
      while offset + 8 <= count {
        mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
      }
      if offset < count { mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) }
    } else if count >= 4 {
      let low = UInt64(raw.loadUnaligned(as: UInt32.self))
      let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
      mix(low | high << 32)
    } else if count > 0 {
      var word: UInt64 = 0
      for offset in 0..<count { word = word << 8 | UInt64(start[offset]) }
      mix(word)
    }
    hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return hash ^ (hash >> 32)
  }
}
