/// Seeded, reproducible row sampling.
enum Sampling {
  /// `count` distinct rows of `rowCount` (all when count ≥ rowCount), in row order.
  static func rows(choosing count: Int, of rowCount: Int, seed: UInt64) -> [Int32] {
    if count >= rowCount { return (0..<rowCount).map { Int32($0) } }
    var random = SeededRandom(seed: seed)
    // Partial Fisher–Yates over an index array, then restore row order.
    var indices = (0..<rowCount).map { Int32($0) }
    for position in 0..<count {
      let pick = position + random.nextInt(below: rowCount - position)
      indices.swapAt(position, pick)
    }
    return Array(indices.prefix(count)).sorted()
  }
}
