/// Exact SHAP values of one tree by the path-dependent TreeSHAP algorithm
/// (Lundberg, Erion and Lee, "Consistent individualized feature attribution
/// for tree ensembles", algorithm 2), as LightGBM and XGBoost compute them.
///
/// A feature's value is the Shapley value of the game "the tree's expected
/// output when only these features are known", where an unknown feature's
/// split sends the row down both sides, weighted by the training rows that
/// went each way (the node covers). The values of one row sum to the tree's
/// output minus its expected output over the training rows.
///
/// One value of this type is the scratch of one thread, sized for the
/// deepest tree, and explains a row tree by tree.
struct TreeSHAP {
  private struct PathElement {
    var feature: Int
    var zeroFraction: Double
    var oneFraction: Double
    var weight: Double
  }

  /// The tree being explained.
  private var tree = RegressionTree(nodes: [], leafValues: [0], missingBins: [])
  /// Scratch for the path at every level of the recursion: level `l` owns
  /// `l + 1` elements (a path never holds more than its level's).
  private var path: [PathElement]
  private var offsets: [Int]

  /// The deepest tree TreeSHAP accepts: its scratch grows with the square of
  /// the depth (about 17 MB at this depth).
  static let maxDepth = 1024

  /// Scratch for trees of up to `depth` splits; nil when that is more than `maxDepth`.
  init?(depth: Int) {
    guard depth <= Self.maxDepth else { return nil }
    var offsets: [Int] = []
    var total = 0
    for level in 0...(depth + 1) {
      offsets.append(total)
      total += level + 1
    }
    self.offsets = offsets
    path = Array(
      repeating: PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0),
      count: total)
  }

  /// The tree's output averaged over the training rows (leaf values by cover).
  static func expectedValue(_ tree: RegressionTree) -> Double {
    guard tree.hasCounts, !tree.nodes.isEmpty else { return tree.leafValues.first ?? 0 }
    let total = tree.leafCounts.reduce(0, +)
    guard total > 0 else { return 0 }
    var sum = 0.0
    for (value, count) in zip(tree.leafValues, tree.leafCounts) { sum += value * count }
    return sum / total
  }

  /// The number of splits on the longest root-to-leaf path.
  static func depth(of tree: RegressionTree) -> Int {
    guard !tree.nodes.isEmpty else { return 0 }
    var deepest = 0
    var stack: [(node: Int, depth: Int)] = [(0, 1)]
    while let (node, depth) = stack.popLast() {
      deepest = max(deepest, depth)
      for child in [tree.nodes[node].left, tree.nodes[node].right] where child >= 0 {
        stack.append((Int(child), depth + 1))
      }
    }
    return deepest
  }

  /// Adds `tree`'s SHAP values of the row whose bin code for feature `f` is
  /// `code(f)` into `phi` (one slot per feature). The tree must be no deeper
  /// than this scratch was made for.
  mutating func accumulate(
    _ tree: RegressionTree, code: (Int) -> UInt8, into phi: UnsafeMutablePointer<Double>
  ) {
    guard !tree.nodes.isEmpty, tree.hasCounts else { return }
    self.tree = tree
    recurse(
      node: 0, level: 0, depth: 0, parentOffset: -1, zeroFraction: 1, oneFraction: 1,
      feature: -1, code: code, phi: phi)
  }

  /// `node` >= 0 is an internal node, < 0 the leaf `~node`; `level` is its
  /// depth in the tree, `depth` the length of its path of distinct features.
  private mutating func recurse(
    node: Int32, level: Int, depth: Int, parentOffset: Int, zeroFraction: Double,
    oneFraction: Double,
    feature: Int, code: (Int) -> UInt8, phi: UnsafeMutablePointer<Double>
  ) {
    let base = offsets[level]
    if parentOffset >= 0 {
      for index in 0..<depth { path[base + index] = path[parentOffset + index] }
    }
    extend(base: base, depth: depth, zeroFraction, oneFraction, feature)
    if node < 0 {
      let value = tree.leafValues[Int(~node)]
      if depth >= 1 {
        for index in 1...depth {
          let weight = unwoundSum(base: base, depth: depth, index: index)
          let element = path[base + index]
          phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * value
        }
      }
      return
    }
    let split = tree.nodes[Int(node)]
    let goesLeft = tree.goesLeft(node: Int(node), code: code(split.feature))
    let hot = goesLeft ? split.left : split.right
    let cold = goesLeft ? split.right : split.left
    let cover = tree.nodeCounts[Int(node)]
    let hotFraction = cover > 0 ? count(hot) / cover : 0
    let coldFraction = cover > 0 ? count(cold) / cover : 0
    var incomingZero = 1.0
    var incomingOne = 1.0
    var depth = depth
    // A feature met before on this path is taken out and put back in below.
    if let seen = (0...depth).first(where: { path[base + $0].feature == split.feature }) {
      incomingZero = path[base + seen].zeroFraction
      incomingOne = path[base + seen].oneFraction
      unwind(base: base, depth: depth, index: seen)
      depth -= 1
    }
    recurse(
      node: hot, level: level + 1, depth: depth + 1, parentOffset: base,
      zeroFraction: hotFraction * incomingZero,
      oneFraction: incomingOne, feature: split.feature, code: code, phi: phi)
    recurse(
      node: cold, level: level + 1, depth: depth + 1, parentOffset: base,
      zeroFraction: coldFraction * incomingZero,
      oneFraction: 0, feature: split.feature, code: code, phi: phi)
  }

  private func count(_ child: Int32) -> Double {
    child >= 0 ? tree.nodeCounts[Int(child)] : tree.leafCounts[Int(~child)]
  }

  private mutating func extend(
    base: Int, depth: Int, _ zeroFraction: Double, _ oneFraction: Double, _ feature: Int
  ) {
    path[base + depth] = PathElement(
      feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction,
      weight: depth == 0 ? 1 : 0)
    let scale = Double(depth + 1)
    var index = depth - 1
    while index >= 0 {
      path[base + index + 1].weight +=
        oneFraction * path[base + index].weight
        * Double(index + 1) / scale
      path[base + index].weight =
        zeroFraction * path[base + index].weight
        * Double(depth - index) / scale
      index -= 1
    }
  }

  private mutating func unwind(base: Int, depth: Int, index: Int) {
    let oneFraction = path[base + index].oneFraction
    let zeroFraction = path[base + index].zeroFraction
    var nextOnePortion = path[base + depth].weight
    let scale = Double(depth + 1)
    var position = depth - 1
    while position >= 0 {
      if oneFraction != 0 {
        let weight = path[base + position].weight
        path[base + position].weight =
          nextOnePortion * scale
          / (Double(position + 1) * oneFraction)
        nextOnePortion =
          weight - path[base + position].weight * zeroFraction
          * Double(depth - position) / scale
      } else {
        path[base + position].weight =
          path[base + position].weight * scale
          / (zeroFraction * Double(depth - position))
      }
      position -= 1
    }
    for position in index..<depth {
      path[base + position].feature = path[base + position + 1].feature
      path[base + position].zeroFraction = path[base + position + 1].zeroFraction
      path[base + position].oneFraction = path[base + position + 1].oneFraction
    }
  }

  private func unwoundSum(base: Int, depth: Int, index: Int) -> Double {
    let oneFraction = path[base + index].oneFraction
    let zeroFraction = path[base + index].zeroFraction
    var nextOnePortion = path[base + depth].weight
    let scale = Double(depth + 1)
    var total = 0.0
    var position = depth - 1
    while position >= 0 {
      if oneFraction != 0 {
        let weight = nextOnePortion * scale / (Double(position + 1) * oneFraction)
        total += weight
        nextOnePortion =
          path[base + position].weight - weight * zeroFraction
          * Double(depth - position) / scale
      } else if zeroFraction != 0 {
        total +=
          path[base + position].weight / zeroFraction
          / (Double(depth - position) / scale)
      }
      position -= 1
    }
    return total
  }
}
