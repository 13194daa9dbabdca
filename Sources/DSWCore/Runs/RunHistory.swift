import Foundation

/// The tables of the run history: `runs`, `compare`, and a tuning's trials.
public enum RunHistory {
  /// One row per run: its number, the model version, what ran, on what,
  /// the parameters that differ from the algorithm's defaults, and the
  /// headline metric with its spread over folds.
  public static func listing(_ runs: [RunRecord]) -> TableOutput {
    let rows = runs.enumerated().map { index, run -> [Value] in
      let headline = run.metrics.first.map { metric in
        "\(metric.name) \(fixed(metric.value))" + (metric.sd.map { " ± " + fixed($0) } ?? "")
      }
      return [
        .int(Int64(index + 1)), .string(run.reference), .string(run.kind.rawValue),
        .string(run.algorithm), .string(run.dataset), .string(run.validation),
        .string(changedParameters(run)), headline.map(Value.string) ?? .null,
        .string(seconds(run.durationMs)),
      ]
    }
    var table = TableOutput(
      columns: [
        "run", "model", "kind", "algorithm", "data", "validation", "parameters", "headline",
        "time",
      ],
      types: [.int] + Array(repeating: .string, count: 8), rows: rows, totalRows: rows.count)
    table.volatile = ["time"]
    return table
  }

  /// The parameters set away from the algorithm's defaults, as `name value`
  /// pairs; "defaults" when there are none.
  static func changedParameters(_ run: RunRecord) -> String {
    guard let algorithm = ModelAlgorithm(rawValue: run.algorithm),
      let defaults = try? TrainingRequest(algorithm: algorithm, arguments: []).effectiveParameters
    else { return "" }
    let changed = run.parameters.filter { parameter in
      !["seed", "cv"].contains(parameter.name) && !defaults.contains(parameter)
        && !(algorithm == .kmeans && parameter.name == "k")
    }
    let kmeans =
      algorithm == .kmeans
      ? run.parameters.filter { $0.name == "k" } : []
    let shown = kmeans + changed
    if shown.isEmpty { return "defaults" }
    return shown.map { "\($0.name) \(LearnDiagnostics.render($0.value))" }.joined(
      separator: ", ")
  }

  /// Runs side by side: one column per run, one row per detail, parameter
  /// and metric; `≠` marks the rows whose values differ. Durations are in
  /// `runs`, not here, so a comparison is the same on every replay.
  public static func comparison(_ runs: [RunRecord]) -> TableOutput {
    var rows: [[Value]] = []
    func add(_ section: String, _ name: String, _ values: [String?]) {
      let present = values.map { $0 ?? "—" }
      let differs = Set(present).count > 1
      rows.append(
        [.string(differs ? "≠" : ""), .string(section), .string(name)]
          + present.map { Value.string($0) })
    }
    add("run", "kind", runs.map { $0.kind.rawValue })
    add("run", "algorithm", runs.map(\.algorithm))
    add("run", "dataset", runs.map(\.dataset))
    add("run", "data", runs.map(\.data))
    add("run", "rows", runs.map { $0.rows.formatted })
    add("run", "validation", runs.map(\.validation))
    for name in unionOfNames(runs.map { $0.parameters.map(\.name) }) {
      add(
        "parameter", name,
        runs.map { run in
          run.parameters.first { $0.name == name }.map { LearnDiagnostics.render($0.value) }
        })
    }
    for name in unionOfNames(runs.map { $0.metrics.map(\.name) }) {
      add(
        "metric", name,
        runs.map { run in
          run.metrics.first { $0.name == name }.map { metric in
            fixed(metric.value) + (metric.sd.map { " ± " + fixed($0) } ?? "")
          }
        })
    }
    return TableOutput(
      columns: ["≠", "", "name"] + runs.map(\.reference),
      types: Array(repeating: .string, count: 3 + runs.count), rows: rows,
      totalRows: rows.count)
  }

  /// A tuning's finished trials, best first: rank, trial number, the
  /// searched values, then the ranking metric's mean and spread over the
  /// folds. Trials Ctrl-C stopped are left out (the summary counts them).
  public static func trialTable(_ outcome: TuningOutcome) -> TableOutput {
    let searched = outcome.trials.first?.values.map(\.name) ?? []
    let rows = outcome.ranking.enumerated().map { rank, index -> [Value] in
      let trial = outcome.trials[index]
      var row: [Value] =
        [.int(Int64(rank + 1)), .int(Int64(index + 1))] + trial.values.map(\.value)
      if let validation = trial.validation,
        let metric = validation.names.firstIndex(of: outcome.metric.name)
      {
        row += [
          .double(validation.meanMetrics[metric].value),
          .double(validation.standardDeviations[metric]),
        ]
      } else {
        row += [.null, .null]
      }
      return row
    }
    let valueTypes = (outcome.trials.first?.values ?? []).map { parameter -> DataType in
      outcome.trials.contains {
        $0.values.first { $0.name == parameter.name }?.value.type == .double
      }
        ? .double : (parameter.value.type ?? .string)
    }
    let typed = rows.map { row in
      row.enumerated().map { offset, value -> Value in
        let column = offset - 2
        guard column >= 0, column < valueTypes.count, valueTypes[column] == .double,
          case .int(let whole) = value
        else { return value }
        return .double(Double(whole))
      }
    }
    return TableOutput(
      columns: ["rank", "trial"] + searched + [outcome.metric.name, "± sd"],
      types: [.int, .int] + valueTypes + [.double, .double], rows: typed,
      totalRows: typed.count)
  }

  private static func unionOfNames(_ lists: [[String]]) -> [String] {
    var seen = Set<String>()
    var names: [String] = []
    for list in lists {
      for name in list where seen.insert(name).inserted { names.append(name) }
    }
    return names
  }

  /// Four decimals, as metrics are shown.
  static func fixed(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : String(value) }
    return String(format: "%.4f", value)
  }

  /// `0.8 s`, `12.3 s`, `4 min 05 s`.
  static func seconds(_ milliseconds: Int) -> String {
    let total = Double(milliseconds) / 1000
    if total < 60 { return String(format: "%.1f s", total) }
    let whole = Int(total.rounded())
    return String(format: "%d min %02d s", whole / 60, whole % 60)
  }
}

extension RunHistory {
  /// What changed between a cell's stored runs and a replay's, run by run
  /// (matched by model and version): metrics, parameters and the data. One
  /// line per run that changed; none when they agree to the 9 significant
  /// digits the file keeps.
  public static func changes(stored: [RunRecord], replayed: [RunRecord]) -> [String] {
    var lines: [String] = []
    for run in replayed {
      guard let old = stored.first(where: { $0.reference == run.reference }) else {
        lines.append("\(run.reference): a new run")
        continue
      }
      var parts: [String] = []
      if old.data != run.data { parts.append("the data changed (\(old.data) → \(run.data))") }
      for parameter in run.parameters {
        let before = old.parameters.first { $0.name == parameter.name }?.value
        if before != parameter.value {
          parts.append(
            "\(parameter.name) \(before.map(LearnDiagnostics.render) ?? "—") → "
              + LearnDiagnostics.render(parameter.value))
        }
      }
      for metric in run.metrics {
        let now = Fingerprint.roundedToNineDigits(metric.value)
        guard let before = old.metrics.first(where: { $0.name == metric.name })?.value else {
          parts.append("\(metric.name) — → \(fixed(now))")
          continue
        }
        if before != now && !(before.isNaN && now.isNaN) {
          parts.append("\(metric.name) \(fixed(before)) → \(fixed(now))")
        }
      }
      if !parts.isEmpty { lines.append("\(run.reference): " + parts.joined(separator: ", ")) }
    }
    for old in stored where !replayed.contains(where: { $0.reference == old.reference }) {
      lines.append("\(old.reference): no longer made by this cell")
    }
    return lines
  }
}
