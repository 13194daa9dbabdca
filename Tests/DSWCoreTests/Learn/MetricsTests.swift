import Foundation
import Testing

@testable import DSWCore

@Suite struct MetricsTests {
  @Test func aucOfAHandComputedCase() {
    // Positives 0.8, 0.4; negatives 0.6, 0.2, 0.4.
    // Pairs: (0.8 beats all 3) = 3; (0.4 beats 0.2, ties 0.4, loses to 0.6) = 1.5.
    let auc = Metrics.auc(
      scores: [0.8, 0.6, 0.4, 0.2, 0.4], labels: [true, false, true, false, false])
    #expect(abs(auc - 4.5 / 6) < 1e-15)
  }

  @Test func aucOfPerfectReversedAndConstantScores() {
    let labels = [false, false, true, true, false, true]
    let perfect = labels.map { $0 ? 0.9 : 0.1 }
    #expect(Metrics.auc(scores: perfect, labels: labels) == 1)
    #expect(Metrics.auc(scores: perfect.map { -$0 }, labels: labels) == 0)
    #expect(Metrics.auc(scores: labels.map { _ in 0.3 }, labels: labels) == 0.5)
  }

  @Test func aucIsNaNWithOneClass() {
    #expect(Metrics.auc(scores: [0.1, 0.2], labels: [true, true]).isNaN)
  }

  @Test func logLossOfAKnownCase() {
    let loss = Metrics.logLoss(probabilities: [0.9, 0.2, 0.6], labels: [true, false, false])
    let expected = -(log(0.9) + log(0.8) + log(0.4)) / 3
    #expect(abs(loss - expected) < 1e-15)
    #expect(abs(loss - 0.414931599615397) < 1e-15)  // scikit-learn's log_loss
  }

  @Test func logLossClipsCertainMistakes() {
    let loss = Metrics.logLoss(probabilities: [0], labels: [true])
    #expect(abs(loss - -log(1e-15)) < 1e-9)
  }

  @Test func thresholdMetrics() {
    let confusion = Metrics.Confusion(
      scores: [0.9, 0.8, 0.3, 0.2, 0.6], labels: [true, false, true, false, false],
      threshold: 0.5)
    #expect(confusion.truePositives == 1)
    #expect(confusion.falsePositives == 2)
    #expect(confusion.falseNegatives == 1)
    #expect(confusion.trueNegatives == 1)
    #expect(confusion.accuracy == 0.4)
    #expect(abs(confusion.precision - 1.0 / 3) < 1e-15)
    #expect(confusion.recall == 0.5)
    #expect(abs(confusion.f1 - 0.4) < 1e-15)
  }

  @Test func regressionMetrics() {
    let actual = [1.0, 2.0, 0.0, 4.0]
    let predicted = [1.5, 2.0, 1.0, 3.0]
    #expect(Metrics.rmse(predicted: predicted, actual: actual) == (2.25 / 4).squareRoot())
    #expect(Metrics.mae(predicted: predicted, actual: actual) == 2.5 / 4)
    #expect(abs(Metrics.r2(predicted: predicted, actual: actual) - (1 - 2.25 / 8.75)) < 1e-15)
    // The zero actual is skipped: (0.5 + 0 + 0.25) / 3.
    #expect(abs(Metrics.mape(predicted: predicted, actual: actual) - 25) < 1e-12)
  }

  @Test func decilesRankHighestFirstWithTiesInRowOrder() {
    let scores = (0..<20).map { Double($0 % 10) }
    let deciles = Metrics.deciles(scores)
    // Score 9 appears at rows 9 and 19: ranks 0 and 1, both decile 1.
    #expect(deciles[9] == 1 && deciles[19] == 1)
    #expect(deciles[0] == 10 && deciles[10] == 10)
    let ties = Metrics.deciles([Double](repeating: 1, count: 10))
    #expect(ties == Array(1...10).map(Int64.init))
  }

  @Test func rocCurveRunsFromOriginToOne() {
    let roc = Metrics.rocCurve(scores: [0.9, 0.5, 0.5, 0.1], labels: [true, true, false, false])
    #expect(roc.falsePositiveRate == [0, 0, 0.5, 1])
    #expect(roc.truePositiveRate == [0, 0.5, 1, 1])
  }
}
