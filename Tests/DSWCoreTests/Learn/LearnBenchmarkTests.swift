import DSWCore
import Foundation
import Testing

/// Trains on the CSV from scripts/learn/make_dataset.py and prints holdout
/// metrics and fit times, for comparison with scripts/learn/compare.py.
///
/// Runs only when `DSW_LEARN_BENCH` names the CSV; use a release build (the
/// test target uses `@testable import`, hence `-enable-testing`):
///
///     python3 scripts/learn/make_dataset.py /tmp/learn_bench.csv
///     python3 scripts/learn/compare.py /tmp/learn_bench.csv /tmp/learn_scores.csv
///     DSW_LEARN_BENCH=/tmp/learn_bench.csv swift test -c release \
///       -Xswiftc -enable-testing --filter LearnBenchmark
@Suite struct LearnBenchmarkTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["DSW_LEARN_BENCH"] != nil))
  func compareWithReferences() throws {
    let path = try #require(ProcessInfo.processInfo.environment["DSW_LEARN_BENCH"])
    let table = try BenchmarkCSV.load(path)
    print("loaded \(table.rowCount) rows × \(table.columnCount) columns")
    func run(_ label: String, _ algorithm: String, _ arguments: [ModelArgument]) throws
      -> TrainedModel
    {
      let clock = ContinuousClock()
      var model: TrainedModel?
      let elapsed = try clock.measure {
        model = try ModelTrainer.train(algorithm: algorithm, table: table, arguments: arguments)
      }
      let trained = try #require(model)
      let seconds =
        Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
      let metric = trained.headline.map { "\($0.name) \(String(format: "%.4f", $0.value))" } ?? "-"
      print(
        label.padding(toLength: 28, withPad: " ", startingAt: 0)
          + metric.padding(toLength: 22, withPad: " ", startingAt: 0)
          + String(format: "%9.3f s", seconds))
      return trained
    }
    let classification: [ModelArgument] = [
      argument("target", .names(["converted"])), argument("exclude", .names(["userId"])),
      argument("split", .names(["is_train"])),
    ]
    _ = try run("dsw gbt binary", "gbt", classification)
    _ = try run("dsw gbt binary (again)", "gbt", classification)
    let logistic = try run("dsw logistic (C=1)", "logistic", classification)
    if let logLoss = logistic.metrics.first(where: { $0.name == "log loss" }) {
      print("  logistic log loss \(String(format: "%.5f", logLoss.value))")
    }
    let regression: [ModelArgument] = [
      argument("target", .names(["total_spend"])),
      argument("exclude", .names(["userId", "avg_order_value", "purchases", "converted"])),
      argument("split", .names(["is_train"])),
    ]
    let ridge = try run("dsw linear (alpha=1)", "linear", regression)
    if case .linear = ridge.fitted {
      for output in Evaluation.evaluate(ridge) {
        guard case .metrics(let metrics) = output,
          let table = metrics.tables.first(where: { $0.name == "coefficients" })
        else { continue }
        for row in table.table.rows.prefix(7) { print("    \(row[0]) \(row[1])") }
      }
    }
    _ = try run("dsw gbt regression", "gbt", regression)
  }

  private func argument(_ name: String, _ value: ModelArgumentValue) -> ModelArgument {
    ModelArgument(name: name, value: value)
  }
}

/// A minimal CSV reader for the benchmark file: no quoting, empty field = null,
/// types inferred per column (int, double, bool, else string). The `split`
/// column becomes the bool column `is_train`.
enum BenchmarkCSV {
  static func load(_ path: String) throws -> Table {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
    var fields = [[Substring]](repeating: [], count: header.count)
    for line in lines {
      for (index, field) in line.split(separator: ",", omittingEmptySubsequences: false)
        .enumerated()
      {
        fields[index].append(field)
      }
    }
    var names: [String] = []
    var columns: [Column] = []
    for (index, name) in header.enumerated() {
      let values = fields[index]
      if name == "split" {
        names.append("is_train")
        columns.append(Column(bools: values.map { $0 == "train" }))
        continue
      }
      names.append(String(name))
      columns.append(column(values))
    }
    return Table(names: names, columns: columns, rowCount: lines.count)
  }

  private static func column(_ values: [Substring]) -> Column {
    let validity = Bitmap(values.map { !$0.isEmpty })
    let present = values.filter { !$0.isEmpty }
    if present.allSatisfy({ Int64($0) != nil }) {
      return Column(ints: values.map { Int64($0) ?? 0 }, validity: validity)
    }
    if present.allSatisfy({ Double($0) != nil }) {
      return Column(doubles: values.map { Double($0) ?? 0 }, validity: validity)
    }
    if present.allSatisfy({ $0 == "true" || $0 == "false" }) {
      return Column(bools: values.map { $0 == "true" }, validity: validity)
    }
    return Column(strings: values.map { $0.isEmpty ? nil : String($0) })
  }
}
