import Foundation

/// A fitted gradient-boosted tree ensemble: bin mappers, trees and the start score.
///
/// The raw score of a row is `initialScore` plus each tree's leaf value, added
/// in tree order; for classification the probability is its logistic sigmoid.
public struct GradientBoostedTrees: Sendable, Hashable {
  /// The loss the trees were fitted to.
  public enum Objective: String, Sendable, Hashable, Codable {
    /// Log loss on a 0/1 label; raw scores are log-odds.
    case logistic
    /// Squared error; raw scores are predictions.
    case squaredError = "squared_error"
  }

  var objective: Objective
  var mappers: [BinMapper]
  var trees: [RegressionTree]
  var initialScore: Double

  /// Rows from which scoring splits over both cores.
  private static let parallelRowThreshold = 8192

  /// Column-major bin codes of `frame`, one array per feature.
  func binned(_ frame: FeatureFrame) -> [[UInt8]] {
    zip(mappers, frame.values).map { mapper, values in mapper.codes(of: values) }
  }

  /// Raw scores (log-odds or predictions) of `frame`'s rows.
  ///
  /// Every feature's bin codes go into one buffer, feature after feature,
  /// so scoring a few rows (a request to `dsw serve`) allocates once rather
  /// than once per feature.
  func rawScores(_ frame: FeatureFrame) -> [Double] {
    let rowCount = frame.rowCount
    var scores = [Double](repeating: initialScore, count: rowCount)
    guard rowCount > 0 else { return scores }
    let featureCount = min(mappers.count, frame.values.count)
    let codes = [UInt8](uninitializedCount: featureCount * rowCount) { out, initialized in
      for feature in 0..<featureCount {
        let start = feature * rowCount
        mappers[feature].writeCodes(
          of: frame.values[feature],
          into: UnsafeMutableBufferPointer(rebasing: out[start..<start + rowCount]))
      }
      initialized = featureCount * rowCount
    }
    codes.withUnsafeBufferPointer { codes in
      guard let base = codes.baseAddress else { return }
      let pointers = (0..<featureCount).map { base + $0 * rowCount }
      scores.withUnsafeMutableBufferPointer { buffer in
        guard let output = buffer.baseAddress else { return }
        let work = { (rows: Range<Int>) in
          for tree in trees { tree.accumulate(codes: pointers, rows: rows, into: output) }
        }
        if rowCount >= Self.parallelRowThreshold {
          let middle = rowCount / 2
          ParallelWork.run(parts: 2) { part in
            work(part == 0 ? 0..<middle : middle..<rowCount)
          }
        } else {
          work(0..<rowCount)
        }
      }
    }
    return scores
  }

  /// Probabilities (classification) or predictions (regression) for `frame`.
  func predict(_ frame: FeatureFrame) -> [Double] {
    let raw = rawScores(frame)
    return objective == .logistic ? raw.map(Self.sigmoid) : raw
  }

  @inline(__always)
  static func sigmoid(_ value: Double) -> Double { 1 / (1 + exp(-value)) }

  /// Calls `body` with a base pointer for each code array.
  static func withPointers<Result>(
    _ codes: [[UInt8]], _ body: ([UnsafePointer<UInt8>]) -> Result
  ) -> Result {
    // The arrays are immutable for the call, so their storage is stable. An
    // empty array has no storage; a placeholder stands in (no row reads it).
    let placeholder = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    placeholder.initialize(to: 0)
    defer { placeholder.deallocate() }
    var pointers: [UnsafePointer<UInt8>] = []
    pointers.reserveCapacity(codes.count)
    func nest(_ index: Int) -> Result {
      if index == codes.count { return body(pointers) }
      return codes[index].withUnsafeBufferPointer { buffer in
        if let base = buffer.baseAddress {
          pointers.append(base)
        } else {
          pointers.append(UnsafePointer(placeholder))
        }
        return nest(index + 1)
      }
    }
    return nest(0)
  }

  /// Total split gain per feature, the usual boosted-tree importance.
  var gainByFeature: [Double] {
    var gains = [Double](repeating: 0, count: mappers.count)
    for tree in trees {
      for node in tree.nodes { gains[node.feature] += node.gain }
    }
    return gains
  }
}
