import Foundation

/// Each feature's contribution to each row's raw score, and the base value
/// they start from: for every row, the base value plus the row's
/// contributions is its raw score (log-odds for classification, the
/// prediction for regression).
///
/// gbt contributions are exact TreeSHAP values (`TreeSHAP`); linear and
/// logistic contributions are each feature's terms, coefficient times the
/// standardized value, which are the exact Shapley values of a linear score
/// when features are independent, with the training means as the baseline.
public struct Contributions: Sendable {
  public var featureCount: Int
  public var rowCount: Int
  /// The raw score of a row whose features say nothing: the mean raw score
  /// over the training rows (gbt) or the intercept (linear models).
  public var baseValue: Double
  /// Row-major: row `r`'s contributions are `values[r*featureCount ..< (r+1)*featureCount]`.
  public var values: [Double]

  public func value(row: Int, feature: Int) -> Double { values[row * featureCount + feature] }

  /// The raw score of row `r`: base value plus contributions.
  public func rawScore(row: Int) -> Double {
    var total = baseValue
    for feature in 0..<featureCount { total += value(row: row, feature: feature) }
    return total
  }

  /// Mean absolute contribution per feature: how much it moves scores on average.
  public var meanAbsolute: [Double] {
    var sums = [Double](repeating: 0, count: featureCount)
    for row in 0..<rowCount {
      for feature in 0..<featureCount { sums[feature] += abs(value(row: row, feature: feature)) }
    }
    return sums.map { $0 / Double(max(rowCount, 1)) }
  }
}

extension TrainedModel {
  /// The contributions of every feature to every row of `frame`.
  ///
  /// Throws for models that have none (kmeans, lifetime-value models) and
  /// for gbt trees without row counts (model files saved before
  /// explanations existed). Polls `isCancelled` between row blocks.
  func contributions(
    _ frame: FeatureFrame, modelName: String, at span: SourceSpan?,
    isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> Contributions {
    switch fitted {
    case .gbt(let model):
      return try model.contributions(
        frame, modelName: modelName, at: span, isCancelled: isCancelled)
    case .linear(let model):
      return model.contributions(frame, featureCount: features.count)
    default:
      throw ExplainDiagnostics.notExplainable(modelName, algorithm: algorithm, at: span)
    }
  }
}

extension LinearModel {
  func contributions(_ frame: FeatureFrame, featureCount: Int) -> Contributions {
    var values = [Double](repeating: 0, count: frame.rowCount * featureCount)
    for (index, term) in design.terms.enumerated() {
      let coefficient = coefficients[index]
      let column = design.standardizedColumn(index, frame)
      for row in column.indices {
        values[row * featureCount + term.feature] += coefficient * column[row]
      }
    }
    return Contributions(
      featureCount: featureCount, rowCount: frame.rowCount, baseValue: intercept, values: values)
  }
}

extension GradientBoostedTrees {
  /// Rows per block between polls of cancellation.
  private static let rowBlock = 256

  func contributions(
    _ frame: FeatureFrame, modelName: String, at span: SourceSpan?,
    isCancelled: @Sendable () -> Bool
  ) throws(Diagnostic) -> Contributions {
    guard trees.allSatisfy({ $0.hasCounts || $0.nodes.isEmpty }) else {
      throw ExplainDiagnostics.noRowCounts(modelName, at: span)
    }
    let depth = trees.reduce(0) { max($0, TreeSHAP.depth(of: $1)) }
    guard let scratch = TreeSHAP(depth: depth) else {
      throw ExplainDiagnostics.treeTooDeep(modelName, at: span)
    }
    let baseValue = trees.reduce(initialScore) { $0 + TreeSHAP.expectedValue($1) }
    let featureCount = mappers.count
    let rowCount = frame.rowCount
    let codes = binned(frame)
    var values = [Double](repeating: 0, count: rowCount * featureCount)
    let blocks = (rowCount + Self.rowBlock - 1) / Self.rowBlock
    var interrupted = false
    values.withUnsafeMutableBufferPointer { buffer in
      guard let output = buffer.baseAddress else { return }
      // Two halves of the blocks on two cores, each with its own scratch.
      let parts = rowCount >= 2 * Self.rowBlock ? 2 : 1
      var stopped = [Bool](repeating: false, count: parts)
      stopped.withUnsafeMutableBufferPointer { stopped in
        ParallelWork.run(parts: parts) { part in
          var local = scratch
          // One row's codes, feature by feature, read by every tree.
          var rowCodes = [UInt8](repeating: 0, count: featureCount)
          for block in (blocks * part / parts)..<(blocks * (part + 1) / parts) {
            if isCancelled() {
              stopped[part] = true
              return
            }
            let first = block * Self.rowBlock
            for row in first..<min(first + Self.rowBlock, rowCount) {
              for feature in 0..<featureCount { rowCodes[feature] = codes[feature][row] }
              let phi = output + row * featureCount
              rowCodes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for tree in trees { local.accumulate(tree, codes: base, into: phi) }
              }
            }
          }
        }
      }
      interrupted = stopped.contains(true)
    }
    if interrupted { throw LearnDiagnostics.interrupted }
    return Contributions(
      featureCount: featureCount, rowCount: rowCount, baseValue: baseValue, values: values)
  }
}
