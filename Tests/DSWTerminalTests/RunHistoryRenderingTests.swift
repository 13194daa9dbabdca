import DSWCore
import Testing

@testable import DSWTerminal

/// How `runs`, `compare` and a tuning's trials look in a terminal.
@Suite struct RunHistoryRenderingTests {
  static let parameters = [
    ModelParameter(name: "trees", value: .int(100)),
    ModelParameter(name: "leaves", value: .int(31)),
    ModelParameter(name: "learning_rate", value: .double(0.1)),
    ModelParameter(name: "split", value: .double(0.8)),
    ModelParameter(name: "seed", value: .int(42)),
  ]

  static let runs: [RunRecord] = [
    RunRecord(
      model: "conv", version: 1, kind: .train, algorithm: "gbt", dataset: "features",
      data: "sha256:0011223344556677", rows: 16_000, validation: "holdout",
      parameters: parameters,
      metrics: [.init(name: "AUC", value: 0.8012), .init(name: "log loss", value: 0.4213)],
      durationMs: 2_345),
    RunRecord(
      model: "conv", version: 2, kind: .tune, algorithm: "gbt", dataset: "features",
      data: "sha256:0011223344556677", rows: 20_000, validation: "3-fold cv, 4 trials",
      parameters: [
        ModelParameter(name: "trees", value: .int(100)),
        ModelParameter(name: "leaves", value: .int(15)),
        ModelParameter(name: "learning_rate", value: .double(0.05)),
        ModelParameter(name: "cv", value: .int(3)), ModelParameter(name: "seed", value: .int(42)),
      ],
      metrics: [
        .init(name: "AUC", value: 0.8123, sd: 0.0041),
        .init(name: "log loss", value: 0.4101, sd: 0.0032),
      ], durationMs: 75_500),
    RunRecord(
      model: "conv_lr", version: 1, kind: .train, algorithm: "logistic", dataset: "features",
      data: "sha256:8899aabbccddeeff", rows: 16_000, validation: "holdout",
      parameters: [
        ModelParameter(name: "C", value: .double(0.5)),
        ModelParameter(name: "split", value: .double(0.8)),
        ModelParameter(name: "seed", value: .int(42)),
      ],
      metrics: [.init(name: "AUC", value: 0.79), .init(name: "log loss", value: 0.43)],
      durationMs: 410),
  ]

  @Test func runsListing() {
    Snapshot.assert(
      TableRenderer.render(
        RunHistory.listing(Self.runs), width: 160, maxRows: 20, styler: Fixtures.plain),
      named: "runs-listing")
  }

  @Test func comparisonOfThreeRuns() {
    Snapshot.assert(
      TableRenderer.render(
        RunHistory.comparison(Self.runs), width: 120, maxRows: 40, styler: Fixtures.plain),
      named: "runs-compare")
  }
}
