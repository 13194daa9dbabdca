/// A least-significant-digit radix sort that returns a stable permutation.
///
/// Equal keys keep their input order, which is what makes the generators'
/// output independent of how the work was split: ties fall back to the order
/// the rows were concatenated in.
enum StableRadixSort {
  private static let digitBits = 11
  private static let bucketCount = 1 << digitBits

  /// The row order that sorts `keys` ascending, ties in input order.
  ///
  /// Keys must be non-negative; there must be fewer than 2^31 of them.
  static func permutation(sortedBy keys: [Int64]) -> [Int32] {
    let count = keys.count
    var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      for index in 0..<count { buffer[index] = Int32(truncatingIfNeeded: index) }
      initialized = count
    }
    guard count > 1, let largest = keys.max(), largest > 0 else { return order }
    let keyBits = 64 - UInt64(largest).leadingZeroBitCount
    let passes = (keyBits + digitBits - 1) / digitBits
    var scratch = [Int32](repeating: 0, count: count)
    var counts = [Int](repeating: 0, count: bucketCount)
    let mask = Int64(bucketCount - 1)
    keys.withUnsafeBufferPointer { keyBuffer in
      for pass in 0..<passes {
        let shift = Int64(pass * digitBits)
        for bucket in 0..<bucketCount { counts[bucket] = 0 }
        for index in 0..<count { counts[Int((keyBuffer[index] >> shift) & mask)] += 1 }
        var offset = 0
        for bucket in 0..<bucketCount {
          let size = counts[bucket]
          counts[bucket] = offset
          offset += size
        }
        order.withUnsafeBufferPointer { source in
          scratch.withUnsafeMutableBufferPointer { target in
            for position in 0..<count {
              let row = source[position]
              let bucket = Int((keyBuffer[Int(row)] >> shift) & mask)
              target[counts[bucket]] = row
              counts[bucket] += 1
            }
          }
        }
        swap(&order, &scratch)
      }
    }
    return order
  }
}
