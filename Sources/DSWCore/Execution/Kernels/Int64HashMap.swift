/// An open-addressing hash map from Int64 keys to dense Int32 ids.
///
/// Ids are handed out in order of first insertion, which gives groups in
/// order of first appearance for free. Linear probing over one contiguous
/// array of slots, each a key beside its id, so a probe of a table far
/// larger than the caches misses memory once; no per-entry allocation.
struct Int64HashMap {
  private struct Slot {
    var key: Int64
    /// -1 while the slot is empty.
    var id: Int32
  }

  private var slots: [Slot]
  private var mask: Int
  private var shift: UInt64
  private(set) var count = 0

  init(expectedCount: Int) {
    var capacity = 16
    while capacity * 3 < expectedCount * 4 { capacity <<= 1 }
    slots = [Slot](repeating: Slot(key: 0, id: -1), count: capacity)
    mask = capacity - 1
    shift = UInt64(64 - capacity.trailingZeroBitCount)
  }

  @inline(__always)
  private func slot(_ key: Int64) -> Int { Self.slot(key, shift: shift) }

  @inline(__always)
  private static func slot(_ key: Int64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The id of `key`, inserting it with the next id when new.
  @inline(__always)
  mutating func id(for key: Int64) -> Int32 {
    // At most three quarters full, so a probe ends soon at an empty slot
    // (within two slots on average), and a large table is not twice the
    // memory its entries need.
    if (count + 1) * 4 > slots.count * 3 { grow() }
    var position = slot(key)
    let mask = self.mask
    let next = Int32(truncatingIfNeeded: count)
    let (id, inserted) = slots.withUnsafeMutableBufferPointer { slots in
      while true {
        let existing = slots[position]
        if existing.id < 0 {
          slots[position] = Slot(key: key, id: next)
          return (next, true)
        }
        if existing.key == key { return (existing.id, false) }
        position = (position + 1) & mask
      }
    }
    if inserted { count += 1 }
    return id
  }

  /// The id of `key`, or -1 when absent.
  @inline(__always)
  func lookup(_ key: Int64) -> Int32 {
    var position = slot(key)
    return slots.withUnsafeBufferPointer { slots in
      while true {
        let existing = slots[position]
        if existing.id < 0 || existing.key == key { return existing.id }
        position = (position + 1) & mask
      }
    }
  }

  private mutating func grow() {
    let old = slots
    let capacity = slots.count * 2
    slots = [Slot](repeating: Slot(key: 0, id: -1), count: capacity)
    mask = capacity - 1
    shift = UInt64(64 - capacity.trailingZeroBitCount)
    let (mask, shift) = (self.mask, self.shift)
    slots.withUnsafeMutableBufferPointer { slots in
      for entry in old where entry.id >= 0 {
        var position = Self.slot(entry.key, shift: shift)
        while slots[position].id >= 0 { position = (position + 1) & mask }
        slots[position] = entry
      }
    }
  }
}
