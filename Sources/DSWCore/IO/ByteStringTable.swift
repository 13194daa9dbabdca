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
  private var hashes: [UInt64] = []
  /// Open addressing: an entry index, or -1 for an empty slot.
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 16) {
    var slotCount = 16
    while slotCount < capacity * 2 { slotCount <<= 1 }
    slots = [Int32](repeating: -1, count: slotCount)
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
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { break }
      let index = Int(entry)
      if hashes[index] == hash, matches(index, start, count) { return entry }
      slot = (slot + 1) & mask
    }
    let code = Int32(ends.count)
    arena.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    ends.append(arena.count)
    hashes.append(hash)
    slots[slot] = code
    if ends.count * 2 > slots.count { grow() }
    return code
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
      return memcmp(base + span.lowerBound, start, count) == 0
    }
  }

  private mutating func grow() {
    let slotCount = slots.count * 2
    var newSlots = [Int32](repeating: -1, count: slotCount)
    let newMask = slotCount - 1
    for index in 0..<ends.count {
      var slot = Int(truncatingIfNeeded: hashes[index]) & newMask
      while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
      newSlots[slot] = Int32(index)
    }
    slots = newSlots
    mask = newMask
  }

  /// A fast 64-bit hash reading eight bytes at a time.
  @inline(__always)
  static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: count) &* multiplier
    var index = 0
    let raw = UnsafeRawPointer(start)
    while index + 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 29
      index += 8
    }
    if index < count {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while index < count {
        word |= UInt64(start[index]) << shift
        shift += 8
        index += 1
      }
      hash = (hash ^ word) &* multiplier
      hash ^= hash >> 29
    }
    hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return hash ^ (hash >> 32)
  }
}
