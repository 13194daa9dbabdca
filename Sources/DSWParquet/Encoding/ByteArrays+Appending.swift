extension ByteArrays {
  /// Appends `values.count / typeLength` values of `typeLength` bytes each,
  /// with one copy of the bytes and no per-value work beyond an offset.
  mutating func appendFixedLength(_ values: UnsafeRawBufferPointer, typeLength: Int) {
    let valueCount = values.count / typeLength
    var offset = bytes.count
    bytes.append(contentsOf: values)
    offsets.reserveCapacity(offsets.count + valueCount)
    for _ in 0..<valueCount {
      offset += typeLength
      offsets.append(offset)
    }
  }

  /// Appends `lengths.count` values whose bytes lie back to back in `data`;
  /// the caller has checked that the lengths are non-negative and sum to at
  /// most `data.count`.
  mutating func appendConcatenated(_ data: UnsafeRawBufferPointer, lengths: [Int64]) {
    var offset = bytes.count
    var total = 0
    offsets.reserveCapacity(offsets.count + lengths.count)
    for length in lengths {
      offset += Int(length)
      total += Int(length)
      offsets.append(offset)
    }
    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[0..<total]))
  }
}
