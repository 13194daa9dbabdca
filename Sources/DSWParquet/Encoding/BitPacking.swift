/// Packing and unpacking of fixed-width unsigned integers, least significant
/// bit first, as the RLE/bit-packing hybrid, PLAIN booleans and the delta
/// miniblocks lay them out.
///
/// The unpackers trust their caller to have checked that the bits asked for
/// lie inside `byteCount`; they never read a byte past it, which is why the
/// last few values of a buffer take a slower, byte-at-a-time path.
enum BitPacking {
  /// Unpacks `count` values of `width` bits (0...32) into `output`.
  @inline(__always)
  static func unpack(
    _ base: UnsafeRawPointer, byteCount: Int, width: Int, count: Int,
    into output: UnsafeMutablePointer<Int32>
  ) {
    if width == 0 {
      output.update(repeating: 0, count: count)
      return
    }
    if width == 1 {
      unpackBits(base, count: count, into: output)
      return
    }
    let mask = width == 64 ? UInt64.max : (1 &<< UInt64(width)) &- 1
    // Every value whose 8-byte window ends inside the buffer takes one load.
    let fastCount = fastValueCount(byteCount: byteCount, window: 8, width: width, count: count)
    var bit = 0
    var index = 0
    while index < fastCount {
      let word = UInt64(
        littleEndian: base.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self))
      output[index] = Int32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
      bit &+= width
      index &+= 1
    }
    while index < count {
      output[index] = Int32(truncatingIfNeeded: slowValue(base, bit: bit, width: width))
      bit &+= width
      index &+= 1
    }
  }

  /// One bit per value: eight values from each byte without any masks
  /// computed at run time; levels of flat optional columns take this path.
  @inline(__always)
  private static func unpackBits(
    _ base: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<Int32>
  ) {
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    let whole = count &>> 3
    var index = 0
    for byteIndex in 0..<whole {
      let byte = Int32(bytes[byteIndex])
      output[index] = byte & 1
      output[index &+ 1] = (byte &>> 1) & 1
      output[index &+ 2] = (byte &>> 2) & 1
      output[index &+ 3] = (byte &>> 3) & 1
      output[index &+ 4] = (byte &>> 4) & 1
      output[index &+ 5] = (byte &>> 5) & 1
      output[index &+ 6] = (byte &>> 6) & 1
      output[index &+ 7] = (byte &>> 7) & 1
      index &+= 8
    }
    if index < count {
      let byte = Int32(bytes[whole])
      var shift: Int32 = 0
      while index < count {
        output[index] = (byte &>> shift) & 1
        shift &+= 1
        index &+= 1
      }
    }
  }

  /// Calls `body` with each of `count` values of `width` bits (0...64), in
  /// order; the delta decoder folds them into a running sum as they come.
  @inline(__always)
  static func forEachValue(
    _ base: UnsafeRawPointer, byteCount: Int, width: Int, count: Int,
    _ body: (Int, UInt64) -> Void
  ) {
    if width == 0 {
      for index in 0..<count { body(index, 0) }
      return
    }
    let mask = width == 64 ? UInt64.max : (1 &<< UInt64(width)) &- 1
    // A value of more than 57 bits at an odd bit offset spills into a ninth
    // byte, which must also lie inside the buffer.
    let window = width > 57 ? 9 : 8
    let fastCount = fastValueCount(
      byteCount: byteCount, window: window, width: width, count: count)
    var bit = 0
    var index = 0
    while index < fastCount {
      let byteOffset = bit &>> 3
      let shift = UInt64(bit & 7)
      var word =
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self))
        &>> shift
      if shift != 0 && window == 9 {
        let spill = base.load(fromByteOffset: byteOffset &+ 8, as: UInt8.self)
        word |= UInt64(spill) &<< (64 &- shift)
      }
      body(index, word & mask)
      bit &+= width
      index &+= 1
    }
    while index < count {
      body(index, slowValue(base, bit: bit, width: width))
      bit &+= width
      index &+= 1
    }
  }

  /// How many leading values can be read with a whole `window`-byte load that
  /// stays inside the buffer: value `i` starts at byte `i * width / 8`.
  @inline(__always)
  private static func fastValueCount(byteCount: Int, window: Int, width: Int, count: Int) -> Int {
    guard byteCount >= window else { return 0 }
    return Swift.min(count, (byteCount - window) * 8 / width + 1)
  }

  /// One value assembled a byte at a time, touching only the bytes it spans.
  private static func slowValue(_ base: UnsafeRawPointer, bit start: Int, width: Int) -> UInt64 {
    var result: UInt64 = 0
    var produced = 0
    var bit = start
    while produced < width {
      let byte = UInt64(base.load(fromByteOffset: bit &>> 3, as: UInt8.self))
      let offset = bit & 7
      let taken = Swift.min(8 &- offset, width &- produced)
      let chunk = (byte &>> UInt64(offset)) & ((1 &<< UInt64(taken)) &- 1)
      result |= chunk &<< UInt64(produced)
      produced &+= taken
      bit &+= taken
    }
    return result
  }

  /// The number of bytes that `count` values of `width` bits fill.
  static func byteCount(values count: Int, width: Int) -> Int {
    (count * width + 7) / 8
  }

  /// The bits needed for `value`, 0 for 0.
  static func width(of value: UInt64) -> Int {
    64 - value.leadingZeroBitCount
  }

  /// Appends `values`, each cut to its low `width` bits (0...64), then pads
  /// the last byte with zeros.
  static func pack<Values: Collection>(
    _ values: Values, width: Int, into output: inout [UInt8]
  ) where Values.Element == UInt64 {
    guard width > 0 else { return }
    let mask = width == 64 ? UInt64.max : (1 &<< UInt64(width)) &- 1
    var pending: UInt64 = 0
    var filled = 0
    for raw in values {
      let value = raw & mask
      pending |= value &<< UInt64(filled)
      let total = filled + width
      if total >= 64 {
        appendWord(pending, bytes: 8, to: &output)
        pending = filled == 0 ? 0 : value &>> UInt64(64 - filled)
        filled = total - 64
      } else {
        filled = total
      }
    }
    if filled > 0 { appendWord(pending, bytes: (filled + 7) / 8, to: &output) }
  }

  @inline(__always)
  static func appendWord(_ word: UInt64, bytes: Int, to output: inout [UInt8]) {
    var remaining = word
    for _ in 0..<bytes {
      output.append(UInt8(truncatingIfNeeded: remaining))
      remaining &>>= 8
    }
  }
}
