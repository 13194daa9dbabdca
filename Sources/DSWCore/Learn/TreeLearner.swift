/// Grows one regression tree leaf-wise on gradient histograms (the LightGBM
/// way): the leaf whose best split gains most is split next, until the leaf
/// budget is spent or no split gains.
///
/// Rows live in `rowIndices`, each leaf owning a contiguous range. A leaf's
/// histogram holds (gradient, hessian) per bin of every feature. Only
/// the smaller child of a split is built from rows; the larger one is the
/// parent minus it. Building splits the rows over both cores.
final class TreeLearner {
  struct Configuration: Sendable, Hashable {
    var maxLeaves: Int
    /// 0: unlimited.
    var maxDepth: Int
    var minDataInLeaf: Int
    var minChildWeight: Double
    var l2: Double
    var learningRate: Double
  }

  /// Leaves smaller than this are built on one thread: the hand-off costs more.
  private static let parallelRowThreshold = 4096
  /// Smoothing of the gradient/hessian ratio that orders categories.
  private static let categorySmoothing = 10.0

  private let codes: [[UInt8]]
  /// The same bins row by row, as indexes into a histogram (`offset + code`),
  /// leaving out each feature's most frequent bin (LightGBM's trick): a
  /// leaf's rows are scattered, one contiguous read per row beats one per
  /// row and feature, and sparse features (mostly zero counts, mostly
  /// missing recencies) then cost little. Row `r`'s bins are
  /// `rowBins[rowStarts[r]..<rowStarts[r + 1]]`.
  private let rowBins: [UInt32]
  private let rowStarts: [Int]
  /// Each feature's most frequent bin (a histogram index), filled in by
  /// subtraction from the leaf's totals.
  private let frequentBins: [Int]
  private let mappers: [BinMapper]
  private let configuration: Configuration
  private let binOffsets: [Int]
  private let totalBins: Int
  private let rowCount: Int
  private var rowIndices: [Int32]
  /// Rows per unit of hessian in the leaf whose splits are being searched.
  private var countFactor = 1.0
  private var scratch: [Int32]

  init(codes: [[UInt8]], mappers: [BinMapper], rowCount: Int, configuration: Configuration) {
    self.codes = codes
    self.mappers = mappers
    self.rowCount = rowCount
    self.configuration = configuration
    var offsets: [Int] = []
    var total = 0
    for mapper in mappers {
      offsets.append(total)
      total += mapper.valueBinCount + 1
    }
    binOffsets = offsets
    totalBins = total
    var frequentBins: [Int] = []
    for (feature, column) in codes.enumerated() {
      var counts = [Int](repeating: 0, count: 256)
      for code in column { counts[Int(code)] += 1 }
      let mostFrequent = counts.indices.max { counts[$0] < counts[$1] } ?? 0
      frequentBins.append(offsets[feature] + mostFrequent)
    }
    var rowStarts = [Int](repeating: 0, count: rowCount + 1)
    var rowBins: [UInt32] = []
    rowBins.reserveCapacity(rowCount * codes.count / 2)
    for row in 0..<rowCount {
      for (feature, column) in codes.enumerated() {
        let bin = offsets[feature] + Int(column[row])
        if bin != frequentBins[feature] { rowBins.append(UInt32(bin)) }
      }
      rowStarts[row + 1] = rowBins.count
    }
    self.rowBins = rowBins
    self.rowStarts = rowStarts
    self.frequentBins = frequentBins
    rowIndices = (0..<rowCount).map { Int32($0) }
    scratch = [Int32](repeating: 0, count: rowCount)
  }

  private struct Split {
    var gain: Double
    var feature: Int
    var threshold: Int
    var leftCategories: UInt64
    var isCategorical: Bool
    var missingLeft: Bool
    var left: Totals
    var right: Totals
  }

  private struct Totals {
    var gradient: Double
    var hessian: Double
    var count: Double
  }

  private struct Leaf {
    var begin: Int
    var count: Int
    var totals: Totals
    var depth: Int
    var histogram: [Double]
    var best: Split?
    /// The node whose child this leaf is (-1 for the root), and which side.
    var parent: Int
    var isLeft: Bool
  }

  /// Grows a tree on `gradients`/`hessians` and adds its output to `scores`.
  ///
  /// `isCancelled` is asked before each split: once it answers true the tree
  /// stops growing, and the caller, asking it too, drops the model.
  func grow(
    gradients: [Double], hessians: [Double], scores: inout [Double],
    isCancelled: () -> Bool = { false }
  ) -> RegressionTree {
    for index in 0..<rowCount { rowIndices[index] = Int32(index) }
    var rootTotals = Totals(gradient: 0, hessian: 0, count: Double(rowCount))
    for index in 0..<rowCount {
      rootTotals.gradient += gradients[index]
      rootTotals.hessian += hessians[index]
    }
    var leaves = [
      Leaf(
        begin: 0, count: rowCount, totals: rootTotals, depth: 0,
        histogram: histogram(
          begin: 0, count: rowCount, totals: rootTotals, gradients, hessians), best: nil,
        parent: -1, isLeft: true)
    ]
    leaves[0].best = bestSplit(leaves[0])
    var nodes: [RegressionTree.Node] = []
    var nodeCounts: [Double] = []

    while leaves.count < configuration.maxLeaves, !isCancelled() {
      var chosen = -1
      var chosenGain = 0.0
      for (index, leaf) in leaves.enumerated() {
        if let best = leaf.best, best.gain > chosenGain {
          chosen = index
          chosenGain = best.gain
        }
      }
      guard chosen >= 0, let split = leaves[chosen].best else { break }
      let parent = leaves[chosen]
      let leftCount = partition(parent, split)
      let nodeIndex = nodes.count
      let rightLeaf = leaves.count
      nodes.append(
        RegressionTree.Node(
          feature: split.feature, threshold: split.threshold,
          leftCategories: split.leftCategories, isCategorical: split.isCategorical,
          missingLeft: split.missingLeft, left: ~Int32(chosen), right: ~Int32(rightLeaf),
          gain: split.gain))
      nodeCounts.append(Double(parent.count))
      if parent.parent >= 0 {
        if parent.isLeft {
          nodes[parent.parent].left = Int32(nodeIndex)
        } else {
          nodes[parent.parent].right = Int32(nodeIndex)
        }
      }
      var left = Leaf(
        begin: parent.begin, count: leftCount, totals: split.left, depth: parent.depth + 1,
        histogram: [], best: nil, parent: nodeIndex, isLeft: true)
      var right = Leaf(
        begin: parent.begin + leftCount, count: parent.count - leftCount, totals: split.right,
        depth: parent.depth + 1, histogram: [], best: nil, parent: nodeIndex, isLeft: false)
      var parentHistogram = parent.histogram
      leaves[chosen].histogram = []
      // Partitioning gave the exact counts; the split's were estimates.
      left.totals.count = Double(left.count)
      right.totals.count = Double(right.count)
      let leftIsSmaller = left.count <= right.count
      let small = histogram(
        begin: leftIsSmaller ? left.begin : right.begin,
        count: leftIsSmaller ? left.count : right.count,
        totals: leftIsSmaller ? left.totals : right.totals, gradients, hessians)
      parentHistogram.withUnsafeMutableBufferPointer { large in
        small.withUnsafeBufferPointer { small in
          for index in 0..<large.count { large[index] -= small[index] }
        }
      }
      if leftIsSmaller {
        left.histogram = small
        right.histogram = parentHistogram
      } else {
        left.histogram = parentHistogram
        right.histogram = small
      }
      left.best = bestSplit(left)
      right.best = bestSplit(right)
      leaves[chosen] = left
      leaves.append(right)
    }

    let lambda = configuration.l2
    let leafValues = leaves.map { leaf -> Double in
      let denominator = leaf.totals.hessian + lambda
      return denominator > 0 ? -leaf.totals.gradient / denominator * configuration.learningRate : 0
    }
    rowIndices.withUnsafeBufferPointer { rows in
      for (leafIndex, leaf) in leaves.enumerated() {
        let value = leafValues[leafIndex]
        for index in leaf.begin..<(leaf.begin + leaf.count) { scores[Int(rows[index])] += value }
      }
    }
    return RegressionTree(
      nodes: nodes, leafValues: leafValues, missingBins: mappers.map(\.missingBin),
      nodeCounts: nodeCounts, leafCounts: leaves.map { Double($0.count) })
  }

  // MARK: Histograms

  private func histogram(
    begin: Int, count: Int, totals: Totals, _ gradients: [Double], _ hessians: [Double]
  ) -> [Double] {
    let width = totalBins * 2
    // Two fixed halves of the rows, each into its own histogram, then summed:
    // the same sums in the same order whatever the thread timing.
    let parts = count >= Self.parallelRowThreshold ? 2 : 1
    // Part 0 fills the result directly; part 1 a second buffer added in after.
    var result = [Double](repeating: 0, count: width)
    var second = [Double](repeating: 0, count: parts == 2 ? width : 0)
    result.withUnsafeMutableBufferPointer { firstBuffer in
      second.withUnsafeMutableBufferPointer { secondBuffer in
        rowIndices.withUnsafeBufferPointer { rowBuffer in
          rowBins.withUnsafeBufferPointer { binBuffer in
            rowStarts.withUnsafeBufferPointer { startBuffer in
              gradients.withUnsafeBufferPointer { gradientBuffer in
                hessians.withUnsafeBufferPointer { hessianBuffer in
                  guard let firstOutput = firstBuffer.baseAddress,
                    let rows = rowBuffer.baseAddress,
                    let bins = binBuffer.baseAddress, let starts = startBuffer.baseAddress,
                    let g = gradientBuffer.baseAddress, let h = hessianBuffer.baseAddress
                  else { return }
                  // An empty array can still have a base address: only two parts use it.
                  let secondOutput = parts == 2 ? secondBuffer.baseAddress : nil
                  ParallelWork.run(parts: parts) { part in
                    guard let histogram = part == 0 ? firstOutput : secondOutput else { return }
                    let first = begin + count * part / parts
                    let last = begin + count * (part + 1) / parts
                    for index in first..<last {
                      let row = Int(rows[index])
                      let gradient = g[row]
                      let hessian = h[row]
                      for entry in starts[row]..<starts[row &+ 1] {
                        let bin = Int(bins[entry]) &* 2
                        histogram[bin] += gradient
                        histogram[bin &+ 1] += hessian
                      }
                    }
                  }
                  if let secondOutput {
                    for index in 0..<width { firstOutput[index] += secondOutput[index] }
                  }
                }
              }
            }
          }
        }
      }
    }
    // Each feature's most frequent bin: the leaf's totals less its other bins.
    for feature in mappers.indices {
      let firstBin = binOffsets[feature]
      let lastBin = feature + 1 < binOffsets.count ? binOffsets[feature + 1] : totalBins
      var gradient = totals.gradient
      var hessian = totals.hessian
      for bin in firstBin..<lastBin where bin != frequentBins[feature] {
        gradient -= result[bin * 2]
        hessian -= result[bin * 2 + 1]
      }
      result[frequentBins[feature] * 2] = gradient
      result[frequentBins[feature] * 2 + 1] = max(0, hessian)
    }
    return result
  }

  // MARK: Splits

  private func bestSplit(_ leaf: Leaf) -> Split? {
    if configuration.maxDepth > 0 && leaf.depth >= configuration.maxDepth { return nil }
    if leaf.count < 2 * configuration.minDataInLeaf { return nil }
    countFactor = leaf.totals.hessian > 0 ? Double(leaf.count) / leaf.totals.hessian : 0
    var best: Split?
    leaf.histogram.withUnsafeBufferPointer { histogram in
      for feature in mappers.indices {
        let candidate =
          mappers[feature].isCategorical
          ? categoricalSplit(feature, histogram, leaf.totals)
          : numericSplit(feature, histogram, leaf.totals)
        if let candidate, candidate.gain > (best?.gain ?? 0) { best = candidate }
      }
    }
    return best
  }

  @inline(__always)
  private func score(_ totals: Totals) -> Double {
    totals.gradient * totals.gradient / (totals.hessian + configuration.l2)
  }

  @inline(__always)
  private func admissible(_ totals: Totals) -> Bool {
    totals.count >= Double(configuration.minDataInLeaf)
      && totals.hessian >= configuration.minChildWeight
  }

  private func subtract(_ lhs: Totals, _ rhs: Totals) -> Totals {
    Totals(
      gradient: lhs.gradient - rhs.gradient, hessian: lhs.hessian - rhs.hessian,
      count: lhs.count - rhs.count)
  }

  private func add(_ lhs: Totals, _ rhs: Totals) -> Totals {
    Totals(
      gradient: lhs.gradient + rhs.gradient, hessian: lhs.hessian + rhs.hessian,
      count: lhs.count + rhs.count)
  }

  /// A bin's totals. Its row count is estimated from its hessian, as
  /// LightGBM does: histograms hold only gradient and hessian sums, which
  /// makes building them a third cheaper. (With squared error every hessian
  /// is 1, and the count is exact.)
  private func bin(_ histogram: UnsafeBufferPointer<Double>, _ index: Int) -> Totals {
    let hessian = histogram[index * 2 + 1]
    return Totals(
      gradient: histogram[index * 2], hessian: hessian, count: (hessian * countFactor).rounded())
  }

  /// Tries `left` (and its complement) with missing values on either side.
  private func consider(
    _ left: Totals, missing: Totals, total: Totals, parentScore: Double,
    into best: inout Split?, make: (Bool) -> Split
  ) {
    func attempt(missingLeft: Bool) {
      let leftTotals = missingLeft ? add(left, missing) : left
      let rightTotals = subtract(total, leftTotals)
      guard admissible(leftTotals), admissible(rightTotals) else { return }
      let gain = score(leftTotals) + score(rightTotals) - parentScore
      guard gain > (best?.gain ?? 0) else { return }
      var split = make(missingLeft)
      split.gain = gain
      split.left = leftTotals
      split.right = rightTotals
      // With no missing rows here, unseen missing values follow the bigger side.
      if missing.count == 0 { split.missingLeft = leftTotals.hessian >= rightTotals.hessian }
      best = split
    }
    attempt(missingLeft: false)
    if missing.count > 0 { attempt(missingLeft: true) }
  }

  private func numericSplit(
    _ feature: Int, _ histogram: UnsafeBufferPointer<Double>, _ total: Totals
  ) -> Split? {
    let offset = binOffsets[feature]
    let valueBins = mappers[feature].valueBinCount
    let missing = bin(histogram, offset + valueBins)
    let parentScore = score(total)
    let empty = Totals(gradient: 0, hessian: 0, count: 0)
    var best: Split?
    var left = empty
    let lastThreshold = missing.count > 0 ? valueBins - 1 : valueBins - 2
    guard lastThreshold >= 0 else { return nil }
    for threshold in 0...lastThreshold {
      left = add(left, bin(histogram, offset + threshold))
      consider(left, missing: missing, total: total, parentScore: parentScore, into: &best) {
        Split(
          gain: 0, feature: feature, threshold: threshold, leftCategories: 0,
          isCategorical: false, missingLeft: $0, left: empty, right: empty)
      }
    }
    return best
  }

  private func categoricalSplit(
    _ feature: Int, _ histogram: UnsafeBufferPointer<Double>, _ total: Totals
  ) -> Split? {
    let offset = binOffsets[feature]
    let valueBins = mappers[feature].valueBinCount
    let missing = bin(histogram, offset + valueBins)
    var present = (0..<valueBins).filter { bin(histogram, offset + $0).count > 0 }
    guard present.count + (missing.count > 0 ? 1 : 0) >= 2 else { return nil }
    // Ordering categories by mean gradient makes the best prefix the best
    // two-way partition for this loss (Fisher's grouping result).
    present.sort { lhs, rhs in
      let left = bin(histogram, offset + lhs)
      let right = bin(histogram, offset + rhs)
      let leftRatio = left.gradient / (left.hessian + Self.categorySmoothing)
      let rightRatio = right.gradient / (right.hessian + Self.categorySmoothing)
      return leftRatio < rightRatio || (leftRatio == rightRatio && lhs < rhs)
    }
    let parentScore = score(total)
    let empty = Totals(gradient: 0, hessian: 0, count: 0)
    var best: Split?
    var left = empty
    var mask: UInt64 = 0
    let lastPrefix = missing.count > 0 ? present.count : present.count - 1
    guard lastPrefix >= 1 else { return nil }
    for prefix in 1...lastPrefix {
      let category = present[prefix - 1]
      left = add(left, bin(histogram, offset + category))
      mask |= 1 << UInt64(category)
      let leftCategories = mask
      consider(left, missing: missing, total: total, parentScore: parentScore, into: &best) {
        Split(
          gain: 0, feature: feature, threshold: 0, leftCategories: leftCategories,
          isCategorical: true, missingLeft: $0, left: empty, right: empty)
      }
    }
    return best
  }

  // MARK: Partition

  /// Reorders the leaf's rows so the split's left rows come first; returns their count.
  private func partition(_ leaf: Leaf, _ split: Split) -> Int {
    let node = RegressionTree.Node(
      feature: split.feature, threshold: split.threshold, leftCategories: split.leftCategories,
      isCategorical: split.isCategorical, missingLeft: split.missingLeft, left: 0, right: 0,
      gain: 0)
    let missingBin = mappers[split.feature].missingBin
    let goesLeft = (0..<256).map {
      RegressionTree.goesLeft(node, code: $0, missingBin: missingBin)
    }
    var leftCount = 0
    var rightCount = 0
    codes[split.feature].withUnsafeBufferPointer { codes in
      rowIndices.withUnsafeMutableBufferPointer { rows in
        scratch.withUnsafeMutableBufferPointer { scratch in
          goesLeft.withUnsafeBufferPointer { goesLeft in
            // Branch-free: each row is written to both places and only the
            // counter of its side advances (the branch would mispredict).
            for index in leaf.begin..<(leaf.begin + leaf.count) {
              let row = rows[index]
              let left = goesLeft[Int(codes[Int(row)])] ? 1 : 0
              rows[leaf.begin &+ leftCount] = row
              scratch[rightCount] = row
              leftCount &+= left
              rightCount &+= 1 &- left
            }
          }
          for index in 0..<rightCount { rows[leaf.begin + leftCount + index] = scratch[index] }
        }
      }
    }
    return leftCount
  }
}
