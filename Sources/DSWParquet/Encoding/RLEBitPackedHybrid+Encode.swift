/// Encoding runs the way parquet-mr and Arrow choose them: a value repeated
/// at least eight times becomes an RLE run, everything else is bit-packed in
/// groups of eight.
extension RLEBitPackedHybrid {
  /// The most groups of eight in one bit-packed run, so that its header fits
  /// one byte, as other writers keep it.
  static let maximumGroupsPerRun = 63

  /// Encodes `values` (each fitting `bitWidth` bits, 0...32) as bare runs.
  public static func encode(_ values: UnsafeBufferPointer<Int32>, bitWidth: Int) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(values.count * bitWidth / 8 + 16)
    let valueBytes = (bitWidth + 7) / 8
    // Values from `literalStart` up to `index` wait to be bit-packed.
    var literalStart = 0
    var index = 0
    while index < values.count {
      let value = values[index]
      var runEnd = index + 1
      while runEnd < values.count && values[runEnd] == value { runEnd += 1 }
      let runLength = runEnd - index
      // Only a page's last group may be padded, so the waiting values borrow
      // from this run to fill their last group of eight.
      let borrowed = (8 - (index - literalStart) % 8) % 8
      if runLength - borrowed >= 8 {
        appendBitPacked(
          values, from: literalStart, to: index + borrowed, bitWidth: bitWidth, into: &output)
        appendRun(
          value, length: runLength - borrowed, valueBytes: valueBytes, into: &output)
        literalStart = runEnd
      }
      index = runEnd
    }
    appendBitPacked(values, from: literalStart, to: values.count, bitWidth: bitWidth, into: &output)
    return output
  }

  /// Encodes the v1 data page layout of levels and RLE booleans: the byte
  /// length of the runs as 4 bytes little endian, then the runs.
  public static func encodeLengthPrefixed(_ values: UnsafeBufferPointer<Int32>, bitWidth: Int)
    -> [UInt8]
  {
    let runs = encode(values, bitWidth: bitWidth)
    var output: [UInt8] = []
    output.reserveCapacity(runs.count + 4)
    BitPacking.appendWord(UInt64(runs.count), bytes: 4, to: &output)
    output.append(contentsOf: runs)
    return output
  }

  /// Encodes dictionary indices as a data page holds them: the bit width in
  /// one byte, then the runs.
  public static func encodeDictionaryIndices(
    _ values: UnsafeBufferPointer<Int32>, bitWidth: Int
  ) -> [UInt8] {
    [UInt8(bitWidth)] + encode(values, bitWidth: bitWidth)
  }

  /// Appends RLE runs of at most 2^31 - 1 values each, the longest the spec
  /// lets a reader expect.
  private static func appendRun(
    _ value: Int32, length: Int, valueBytes: Int, into output: inout [UInt8]
  ) {
    var remaining = length
    while remaining > 0 {
      let runLength = min(remaining, Int(Int32.max))
      DeltaBinaryPacked.appendUnsigned(UInt64(runLength) << 1, to: &output)
      BitPacking.appendWord(
        UInt64(UInt32(bitPattern: value)), bytes: valueBytes, to: &output)
      remaining -= runLength
    }
  }

  /// Appends values `start..<end` as bit-packed runs; only the last group
  /// may be short, and is padded with zeros.
  private static func appendBitPacked(
    _ values: UnsafeBufferPointer<Int32>, from start: Int, to end: Int, bitWidth: Int,
    into output: inout [UInt8]
  ) {
    var position = start
    while position < end {
      let groups = min((end - position + 7) / 8, maximumGroupsPerRun)
      let length = min(groups * 8, end - position)
      DeltaBinaryPacked.appendUnsigned(UInt64(groups) << 1 | 1, to: &output)
      let slice = UnsafeBufferPointer(rebasing: values[position..<position + length])
      let runStart = output.count
      BitPacking.pack(
        slice.lazy.map { UInt64(UInt32(bitPattern: $0)) }, width: bitWidth, into: &output)
      // Zero bytes pad the last group to eight values.
      output.append(
        contentsOf: repeatElement(0, count: runStart + groups * bitWidth - output.count))
      position += length
    }
  }
}
