import Foundation

/// A small logistic regression and AUC, to check that a label is learnable.
enum LogisticProbe {
  /// Holdout AUC: fit on even-indexed rows, score odd-indexed rows.
  static func holdoutAUC(features: [[Double]], labels: [Bool]) -> Double {
    let width = features.first?.count ?? 0
    var means = [Double](repeating: 0, count: width)
    var scales = [Double](repeating: 0, count: width)
    for row in features { for column in 0..<width { means[column] += row[column] } }
    for column in 0..<width { means[column] /= Double(features.count) }
    for row in features {
      for column in 0..<width { scales[column] += pow(row[column] - means[column], 2) }
    }
    for column in 0..<width {
      scales[column] = max(1e-9, (scales[column] / Double(features.count)).squareRoot())
    }
    let standardized = features.map { row in
      (0..<width).map { (row[$0] - means[$0]) / scales[$0] }
    }
    var weights = [Double](repeating: 0, count: width + 1)
    let training = stride(from: 0, to: standardized.count, by: 2).map { $0 }
    for _ in 0..<150 {
      var gradient = [Double](repeating: 0, count: width + 1)
      for index in training {
        let row = standardized[index]
        var score = weights[width]
        for column in 0..<width { score += weights[column] * row[column] }
        let error = 1 / (1 + exp(-score)) - (labels[index] ? 1 : 0)
        for column in 0..<width { gradient[column] += error * row[column] }
        gradient[width] += error
      }
      for column in 0...width { weights[column] -= 0.5 * gradient[column] / Double(training.count) }
    }
    var scored: [(Double, Bool)] = []
    for index in stride(from: 1, to: standardized.count, by: 2) {
      var score = weights[width]
      for column in 0..<width { score += weights[column] * standardized[index][column] }
      scored.append((score, labels[index]))
    }
    return auc(scored)
  }

  /// The probability a random positive outscores a random negative (ties count half).
  static func auc(_ scored: [(Double, Bool)]) -> Double {
    let sorted = scored.sorted { $0.0 < $1.0 }
    var rankSum = 0.0
    var positives = 0.0
    var index = 0
    while index < sorted.count {
      var end = index
      while end + 1 < sorted.count && sorted[end + 1].0 == sorted[index].0 { end += 1 }
      let averageRank = Double(index + end) / 2 + 1
      for tied in index...end where sorted[tied].1 {
        rankSum += averageRank
        positives += 1
      }
      index = end + 1
    }
    let negatives = Double(sorted.count) - positives
    guard positives > 0, negatives > 0 else { return 0.5 }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
  }

  static func correlation(_ xs: [Double], _ ys: [Double]) -> Double {
    let count = Double(xs.count)
    let meanX = xs.reduce(0, +) / count
    let meanY = ys.reduce(0, +) / count
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (x, y) in zip(xs, ys) {
      covariance += (x - meanX) * (y - meanY)
      varianceX += (x - meanX) * (x - meanX)
      varianceY += (y - meanY) * (y - meanY)
    }
    return covariance / (varianceX * varianceY).squareRoot()
  }
}
