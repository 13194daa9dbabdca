/// Rows cut into k folds for cross-validation.
///
/// The cut is seeded and, for classification, stratified: each class is
/// shuffled and dealt round the folds in turn, so every fold keeps the base
/// rate and fold sizes differ by at most one row per class.
struct FoldSplit: Sendable, Equatable {
  /// The validation rows of each fold, ascending.
  var folds: [[Int]]

  /// Deals `rows` into `count` folds. `strata` gives each table row's class
  /// (nil: one stratum).
  static func stratified(
    rows: [Int], strata: [Double]?, count: Int, seed: UInt64
  ) -> FoldSplit {
    var groups: [[Int]]
    if let strata {
      groups = [[], []]
      for row in rows { groups[strata[row] == 1 ? 1 : 0].append(row) }
    } else {
      groups = [rows]
    }
    var random = SeededRandom(seed: seed)
    var folds = [[Int]](repeating: [], count: count)
    // Each class starts where the previous one stopped, so small classes do
    // not all land in the first folds.
    var next = 0
    for var group in groups where !group.isEmpty {
      for index in stride(from: group.count - 1, to: 0, by: -1) {
        group.swapAt(index, random.nextInt(below: index + 1))
      }
      for row in group {
        folds[next].append(row)
        next = (next + 1) % count
      }
    }
    return FoldSplit(folds: folds.map { $0.sorted() })
  }

  /// The training rows of fold `index`: every other fold's rows, ascending.
  func training(excluding index: Int) -> [Int] {
    var rows: [Int] = []
    for (fold, members) in folds.enumerated() where fold != index { rows += members }
    return rows.sorted()
  }
}
