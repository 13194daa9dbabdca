import Foundation

/// Model quality metrics, as plain functions over parallel arrays.
public enum Metrics {
  /// Area under the ROC curve: the chance a random positive outscores a random
  /// negative, ties counting half (average ranks). NaN when a class is absent.
  public static func auc(scores: [Double], labels: [Bool]) -> Double {
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0, scores.count == labels.count else { return .nan }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
      let averageRank = Double(start + end + 1) / 2  // ranks are 1-based
      for index in start..<end where labels[order[index]] { positiveRankSum += averageRank }
      start = end
    }
    let p = Double(positives)
    return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
  }

  /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15].
  public static func logLoss(probabilities: [Double], labels: [Bool]) -> Double {
    guard !labels.isEmpty else { return .nan }
    var total = 0.0
    for (probability, label) in zip(probabilities, labels) {
      let clipped = min(max(probability, 1e-15), 1 - 1e-15)
      total -= label ? log(clipped) : log(1 - clipped)
    }
    return total / Double(labels.count)
  }

  /// Counts of a thresholded classifier: positive when score >= threshold.
  public struct Confusion: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0

    public init(scores: [Double], labels: [Bool], threshold: Double) {
      for (score, label) in zip(scores, labels) {
        switch (score >= threshold, label) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
      }
    }

    var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    public var accuracy: Double {
      ratio(truePositives + trueNegatives, total)
    }
    /// Zero when nothing is predicted positive (as scikit-learn reports it).
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double {
      ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
    }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
      denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
  }

  public static func rmse(predicted: [Double], actual: [Double]) -> Double {
    guard !actual.isEmpty else { return .nan }
    var total = 0.0
    for (prediction, value) in zip(predicted, actual) {
      total += (prediction - value) * (prediction - value)
    }
    return (total / Double(actual.count)).squareRoot()
  }

  public static func mae(predicted: [Double], actual: [Double]) -> Double {
    guard !actual.isEmpty else { return .nan }
    var total = 0.0
    for (prediction, value) in zip(predicted, actual) { total += abs(prediction - value) }
    return total / Double(actual.count)
  }

  /// The coefficient of determination: 1 - SSE / SST (NaN for a constant actual).
  public static func r2(predicted: [Double], actual: [Double]) -> Double {
    guard !actual.isEmpty else { return .nan }
    let mean = actual.reduce(0, +) / Double(actual.count)
    var residual = 0.0
    var spread = 0.0
    for (prediction, value) in zip(predicted, actual) {
      residual += (value - prediction) * (value - prediction)
      spread += (value - mean) * (value - mean)
    }
    return spread == 0 ? .nan : 1 - residual / spread
  }

  /// Mean absolute percentage error, in percent, over the non-zero actuals.
  public static func mape(predicted: [Double], actual: [Double]) -> Double {
    var total = 0.0
    var count = 0
    for (prediction, value) in zip(predicted, actual) where value != 0 {
      total += abs((value - prediction) / value)
      count += 1
    }
    return count == 0 ? .nan : 100 * total / Double(count)
  }

  /// The ROC curve: false and true positive rates at each distinct threshold,
  /// from (0, 0) to (1, 1).
  public static func rocCurve(
    scores: [Double], labels: [Bool]
  ) -> (falsePositiveRate: [Double], truePositiveRate: [Double]) {
    let positives = Double(labels.reduce(0) { $0 + ($1 ? 1 : 0) })
    let negatives = Double(labels.count) - positives
    guard positives > 0, negatives > 0 else { return ([0, 1], [0, 1]) }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var fpr = [0.0]
    var tpr = [0.0]
    var truePositives = 0.0
    var falsePositives = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end < order.count && scores[order[end]] == scores[order[start]] {
        if labels[order[end]] { truePositives += 1 } else { falsePositives += 1 }
        end += 1
      }
      fpr.append(falsePositives / negatives)
      tpr.append(truePositives / positives)
      start = end
    }
    return (fpr, tpr)
  }

  /// Deciles 1...10 by descending score (1 = highest); ties keep row order.
  public static func deciles(_ scores: [Double]) -> [Int64] {
    let count = scores.count
    let keys = scores.map { $0.isNaN ? -Double.infinity : $0 }  // NaN ranks last
    // A stable sort by descending score: equal scores stay in row order.
    let order = keys.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
    var result = [Int64](repeating: 0, count: count)
    for (rank, row) in order.enumerated() { result[row] = Int64(rank * 10 / count + 1) }
    return result
  }
}
