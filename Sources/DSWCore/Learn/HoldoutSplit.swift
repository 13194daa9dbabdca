/// The rows a model trains on and the rows it is evaluated on.
///
/// The split is seeded and, for classification, stratified: each class is
/// shuffled and cut separately, so both sides keep the base rate.
struct HoldoutSplit: Sendable, Equatable {
  /// Row indices, ascending.
  var training: [Int]
  var holdout: [Int]

  /// Splits `rowCount` rows, keeping `fraction` of each stratum for training.
  /// `strata` gives each row's class (nil: one stratum).
  static func stratified(
    rowCount: Int, strata: [Double]?, fraction: Double, seed: UInt64
  ) -> HoldoutSplit {
    var groups: [[Int]]
    if let strata {
      groups = [[], []]
      for row in 0..<rowCount { groups[strata[row] == 1 ? 1 : 0].append(row) }
    } else {
      groups = [Array(0..<rowCount)]
    }
    var random = SeededRandom(seed: seed)
    var training: [Int] = []
    var holdout: [Int] = []
    for var group in groups where !group.isEmpty {
      for index in stride(from: group.count - 1, to: 0, by: -1) {
        group.swapAt(index, random.nextInt(below: index + 1))
      }
      var keep = Int((Double(group.count) * fraction).rounded())
      if group.count >= 2 { keep = min(max(keep, 1), group.count - 1) } else { keep = group.count }
      training += group[..<keep]
      holdout += group[keep...]
    }
    return HoldoutSplit(training: training.sorted(), holdout: holdout.sorted())
  }

  /// Splits by a boolean column: true rows train, false rows are held out.
  static func byFlag(_ flags: [Bool]) -> HoldoutSplit {
    HoldoutSplit(
      training: flags.indices.filter { flags[$0] }, holdout: flags.indices.filter { !flags[$0] })
  }
}
