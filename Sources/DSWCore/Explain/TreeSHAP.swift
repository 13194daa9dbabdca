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

  /// Adds `tree`'s SHAP values of the row whose bin codes, by feature, are
  /// `codes` into `phi` (one slot per feature). The tree must be no deeper
  /// than this scratch was made for.
  mutating func accumulate(
    _ tree: RegressionTree, codes: UnsafePointer<UInt8>, into phi: UnsafeMutablePointer<Double>
  ) {
    guard !tree.nodes.isEmpty, tree.hasCounts else { return }
    offsets.withUnsafeBufferPointer { offsets in
      path.withUnsafeMutableBufferPointer { path in
        tree.nodes.withUnsafeBufferPointer { nodes in
          tree.routing.withUnsafeBufferPointer { routing in
            tree.nodeCounts.withUnsafeBufferPointer { nodeCounts in
              tree.leafCounts.withUnsafeBufferPointer { leafCounts in
                tree.leafValues.withUnsafeBufferPointer { leafValues in
                  guard let pathBase = path.baseAddress, let offsetBase = offsets.baseAddress,
                    let nodeBase = nodes.baseAddress, let routingBase = routing.baseAddress,
                    let nodeCountBase = nodeCounts.baseAddress,
                    let leafCountBase = leafCounts.baseAddress,
                    let leafValueBase = leafValues.baseAddress
                  else { return }
                  let walker = Walker(
                    path: pathBase, offsets: offsetBase, nodes: nodeBase, routing: routingBase,
                    nodeCounts: nodeCountBase, leafCounts: leafCountBase,
                    leafValues: leafValueBase, codes: codes, phi: phi)
                  walker.recurse(
                    node: 0, level: 0, depth: 0, parentOffset: -1, zeroFraction: 1,
                    oneFraction: 1, feature: -1)
                }
              }
            }
          }
        }
      }
    }
  }

  /// The recursion over one tree, on raw pointers into the tree and the
  /// scratch (valid for the duration of one `accumulate`).
  private struct Walker {
    let path: UnsafeMutablePointer<PathElement>
    let offsets: UnsafePointer<Int>
    let nodes: UnsafePointer<RegressionTree.Node>
    let routing: UnsafePointer<UInt64>
    let nodeCounts: UnsafePointer<Double>
    let leafCounts: UnsafePointer<Double>
    let leafValues: UnsafePointer<Double>
    let codes: UnsafePointer<UInt8>
    let phi: UnsafeMutablePointer<Double>

    /// `node` >= 0 is an internal node, < 0 the leaf `~node`; `level` is its
    /// depth in the tree, `depth` the length of its path of distinct features.
    func recurse(
      node: Int32, level: Int, depth: Int, parentOffset: Int, zeroFraction: Double,
      oneFraction: Double, feature: Int
    ) {
      let path = self.path + offsets[level]
      if parentOffset >= 0 {
        let parent = self.path + parentOffset
        for index in 0..<depth { path[index] = parent[index] }
      }
      extend(path, depth: depth, zeroFraction, oneFraction, feature)
      if node < 0 {
        let value = leafValues[Int(~node)]
        if depth >= 1 {
          for index in 1...depth {
            let weight = unwoundSum(path, depth: depth, index: index)
            let element = path[index]
            phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * value
          }
        }
        return
      }
      let index = Int(node)
      let split = nodes[index]
      let code = Int(codes[split.feature])
      let goesLeft = (routing[index &* 4 &+ (code >> 6)] >> UInt64(code & 63)) & 1 == 1
      let hot = goesLeft ? split.left : split.right
      let cold = goesLeft ? split.right : split.left
      let cover = nodeCounts[index]
      let hotFraction = cover > 0 ? count(hot) / cover : 0
      let coldFraction = cover > 0 ? count(cold) / cover : 0
      var incomingZero = 1.0
      var incomingOne = 1.0
      var depth = depth
      // A feature met before on this path is taken out and put back in below.
      var seen = 0
      while seen <= depth && path[seen].feature != split.feature { seen += 1 }
      if seen <= depth {
        incomingZero = path[seen].zeroFraction
        incomingOne = path[seen].oneFraction
        unwind(path, depth: depth, index: seen)
        depth -= 1
      }
      let base = offsets[level]
      recurse(
        node: hot, level: level + 1, depth: depth + 1, parentOffset: base,
        zeroFraction: hotFraction * incomingZero, oneFraction: incomingOne,
        feature: split.feature)
      recurse(
        node: cold, level: level + 1, depth: depth + 1, parentOffset: base,
        zeroFraction: coldFraction * incomingZero, oneFraction: 0, feature: split.feature)
    }

    private func count(_ child: Int32) -> Double {
      child >= 0 ? nodeCounts[Int(child)] : leafCounts[Int(~child)]
    }

    private func extend(
      _ path: UnsafeMutablePointer<PathElement>, depth: Int, _ zeroFraction: Double,
      _ oneFraction: Double, _ feature: Int
    ) {
      path[depth] = PathElement(
        feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction,
        weight: depth == 0 ? 1 : 0)
      let scale = Double(depth + 1)
      var index = depth - 1
      while index >= 0 {
        path[index + 1].weight += oneFraction * path[index].weight * Double(index + 1) / scale
        path[index].weight = zeroFraction * path[index].weight * Double(depth - index) / scale
        index -= 1
      }
    }

    private func unwind(_ path: UnsafeMutablePointer<PathElement>, depth: Int, index: Int) {
      let oneFraction = path[index].oneFraction
      let zeroFraction = path[index].zeroFraction
      var nextOnePortion = path[depth].weight
      let scale = Double(depth + 1)
      var position = depth - 1
      while position >= 0 {
        if oneFraction != 0 {
          let weight = path[position].weight
          path[position].weight = nextOnePortion * scale / (Double(position + 1) * oneFraction)
          nextOnePortion =
            weight - path[position].weight * zeroFraction * Double(depth - position) / scale
        } else {
          path[position].weight =
            path[position].weight * scale / (zeroFraction * Double(depth - position))
        }
        position -= 1
      }
      for position in index..<depth {
        path[position].feature = path[position + 1].feature
        path[position].zeroFraction = path[position + 1].zeroFraction
        path[position].oneFraction = path[position + 1].oneFraction
      }
    }

    private func unwoundSum(
      _ path: UnsafeMutablePointer<PathElement>, depth: Int, index: Int
    ) -> Double {
      let oneFraction = path[index].oneFraction
      let zeroFraction = path[index].zeroFraction
      var nextOnePortion = path[depth].weight
      let scale = Double(depth + 1)
      var total = 0.0
      var position = depth - 1
      while position >= 0 {
        if oneFraction != 0 {
          let weight = nextOnePortion * scale / (Double(position + 1) * oneFraction)
          total += weight
          nextOnePortion =
            path[position].weight - weight * zeroFraction * Double(depth - position) / scale
        } else if zeroFraction != 0 {
          total += path[position].weight / zeroFraction / (Double(depth - position) / scale)
        }
        position -= 1
      }
      return total
    }
  }
}
