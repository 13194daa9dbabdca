/// One fitted tree of a boosted ensemble, over bin codes.
///
/// Internal nodes send a row left or right by its bin code for one feature;
/// children are node indices when >= 0 and `~leaf` when negative. A tree with
/// no nodes is a single leaf.
struct RegressionTree: Sendable, Hashable {
  struct Node: Sendable, Hashable {
    var feature: Int
    /// Numeric splits: bins <= threshold go left.
    var threshold: Int
    /// Categorical splits: bit `c` set sends category `c` left.
    var leftCategories: UInt64
    var isCategorical: Bool
    /// Where missing values (and unseen categories) go.
    var missingLeft: Bool
    var left: Int32
    var right: Int32
    /// The loss reduction this split bought, for feature importance.
    var gain: Double
  }

  var nodes: [Node]
  var leafValues: [Double]
  /// Training rows that reached each node and each leaf (the "cover" TreeSHAP
  /// weighs paths by); empty for a tree loaded from a file that has none.
  var nodeCounts: [Double]
  var leafCounts: [Double]
  /// For node `n`, bits `4n...4n+3` say which of the 256 bin codes go left.
  private(set) var routing: [UInt64]

  init(
    nodes: [Node], leafValues: [Double], missingBins: [UInt8], nodeCounts: [Double] = [],
    leafCounts: [Double] = []
  ) {
    self.nodes = nodes
    self.leafValues = leafValues
    self.nodeCounts = nodeCounts
    self.leafCounts = leafCounts
    routing = []
    routing.reserveCapacity(nodes.count * 4)
    for node in nodes {
      var words: [UInt64] = [0, 0, 0, 0]
      for code in 0..<256
      where Self.goesLeft(node, code: code, missingBin: missingBins[node.feature]) {
        words[code >> 6] |= 1 << UInt64(code & 63)
      }
      routing += words
    }
  }

  static func goesLeft(_ node: Node, code: Int, missingBin: UInt8) -> Bool {
    if code >= Int(missingBin) { return node.missingLeft }
    if node.isCategorical { return code < 64 && (node.leftCategories >> UInt64(code)) & 1 == 1 }
    return code <= node.threshold
  }

  /// Whether the row with bin `code` at node `index` goes to the left child.
  @inline(__always)
  func goesLeft(node index: Int, code: UInt8) -> Bool {
    let code = Int(code)
    return (routing[index &* 4 &+ (code >> 6)] >> UInt64(code & 63)) & 1 == 1
  }

  /// Whether every node and leaf has a training row count, as TreeSHAP needs.
  var hasCounts: Bool {
    nodeCounts.count == nodes.count && leafCounts.count == leafValues.count
  }

  /// Adds this tree's output for `rows` of column-major `codes` into `scores`.
  func accumulate(
    codes: [UnsafePointer<UInt8>], rows: Range<Int>, into scores: UnsafeMutablePointer<Double>
  ) {
    if nodes.isEmpty {
      let value = leafValues[0]
      for row in rows { scores[row] += value }
      return
    }
    nodes.withUnsafeBufferPointer { nodes in
      routing.withUnsafeBufferPointer { routing in
        leafValues.withUnsafeBufferPointer { leafValues in
          for row in rows {
            var node: Int32 = 0
            while node >= 0 {
              let index = Int(node)
              let code = Int(codes[nodes[index].feature][row])
              let word = routing[index &* 4 &+ (code >> 6)]
              node = (word >> UInt64(code & 63)) & 1 == 1 ? nodes[index].left : nodes[index].right
            }
            scores[row] += leafValues[Int(~node)]
          }
        }
      }
    }
  }
}
