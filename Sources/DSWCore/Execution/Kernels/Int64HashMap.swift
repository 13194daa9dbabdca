/// An open-addressing hash map from Int64 keys to dense Int32 ids.
///
/// Ids are handed out in order of first insertion, which gives groups in
/// order of first appearance for free. Linear probing over one contiguous
/// key array and one id array; no per-entry allocation.
struct Int64HashMap {
  private var keys: [Int64]
  private var ids: [Int32]
  private var mask: Int
  private var shift: UInt64
  private(set) var count = 0

  init(expectedCount: Int) {
    var capacity = 16
    while capacity < expectedCount * 2 { capacity <<= 1 }
    keys = [Int64](repeating: 0, count: capacity)
    ids = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    shift = UInt64(64 - capacity.trailingZeroBitCount)
  }

  @inline(__always)
  private func slot(_ key: Int64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The id of `key`, inserting it with the next id when new.
  @inline(__always)
  mutating func id(for key: Int64) -> Int32 {
    var position = slot(key)
    while true {
      let existing = ids[position]
      if existing < 0 {
        if (count + 1) * 2 > keys.count {
          grow()
          return id(for: key)
        }
        keys[position] = key
        ids[position] = Int32(count)
        count += 1
        return Int32(count - 1)
      }
      if keys[position] == key { return existing }
      position = (position + 1) & mask
    }
  }

  /// The id of `key`, or -1 when absent.
  @inline(__always)
  func lookup(_ key: Int64) -> Int32 {
    var position = slot(key)
    while true {
      let existing = ids[position]
      if existing < 0 { return -1 }
      if keys[position] == key { return existing }
      position = (position + 1) & mask
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldIDs = ids
    let capacity = keys.count * 2
    keys = [Int64](repeating: 0, count: capacity)
    ids = [Int32](repeating: -1, count: capacity)
    mask = capacity - 1
    shift = UInt64(64 - capacity.trailingZeroBitCount)
    for index in 0..<oldKeys.count where oldIDs[index] >= 0 {
      var position = slot(oldKeys[index])
      while ids[position] >= 0 { position = (position + 1) & mask }
      keys[position] = oldKeys[index]
      ids[position] = oldIDs[index]
    }
  }
}
