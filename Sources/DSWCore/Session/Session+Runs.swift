/// The statements of tuning and run history: `tune`, `runs` and `compare`.
extension Session {
  /// The options only `tune` takes.
  static let tuneOnlyOptions = Set(OptionNames.tune)

  func executeRunStatement(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    switch statement.kind {
    case .tune(let name, let algorithm, let datasetName, let options):
      return try tune(name, algorithm: algorithm, datasetName: datasetName, options: options)
    case .runs:
      return [.table(RunHistory.listing(runs))]
    case .compare(let references):
      return [.table(try compare(references))]
    default:
      return []
    }
  }

  /// Adds the run that made `model` to the history.
  func recordRun(
    _ model: TrainedModel, name: String, version: Int, kind: RunRecord.Kind, dataset: String,
    table: Table, validation: String, started: UInt64
  ) {
    let elapsed = Int((context.clock() &- started) / 1_000_000)
    runs.append(
      RunRecord.of(
        model, name: name, version: version, kind: kind, dataset: dataset, table: table,
        validation: validation, durationMs: elapsed))
  }

  private func tune(
    _ name: Name, algorithm: Name, datasetName: Name, options: [Option]
  ) throws(Diagnostic) -> [CellOutput] {
    let started = context.clock()
    let spec = try searchSpec(options, span: algorithm.span)
    let table = try dataset(named: datasetName).table
    let arguments = try options.filter { !Self.tuneOnlyOptions.contains($0.name.text) }.map {
      (option) throws(Diagnostic) in try modelArgument(option)
    }
    let label = "tune \(name.text)"
    let progress = context.progress
    let outcome = try Tuner.tune(
      algorithm: algorithm.text, table: table, arguments: arguments, search: spec,
      span: algorithm.span, isCancelled: context.isCancelled,
      resumeAfterInterrupt: context.resetInterrupt, progress: { progress(label, $0) })
    let model = outcome.model
    let version = models.register(name: name.text, model: model)
    let finished = outcome.ranking.count
    var validation = "\(outcome.foldCount)-fold cv, \(finished) trials"
    if model.holdoutRowCount > 0 { validation += " + holdout" }
    recordRun(
      model, name: name.text, version: version, kind: .tune, dataset: datasetName.text,
      table: table, validation: validation, started: started)

    let best = outcome.trials[outcome.ranking[0]].values.map {
      "\($0.name) \(LearnDiagnostics.render($0.value))"
    }
    var summary =
      "tuned \(name.text) (version \(version)): \(model.algorithm.rawValue), "
      + "\(outcome.isRandom ? "random search" : "grid") of \(outcome.trials.count) trials × "
      + "\(outcome.foldCount) folds; best by \(outcome.metric.name): "
      + best.joined(separator: ", ")
    if outcome.interrupted {
      summary +=
        "\nstopped by Ctrl-C after \(finished) of \(outcome.trials.count) trials; "
        + "the best so far is kept"
    }
    return [
      .text(summary),
      .metrics(
        MetricsOutput(
          title: "\(name.text): trials ranked by mean \(outcome.metric.name)", metrics: [],
          tables: [MetricsOutput.NamedTable(name: "trials", table: RunHistory.trialTable(outcome))]
        )),
      .text(trainingSummary(name.text, version: version, model)),
      .metrics(headline(name.text, model)),
    ]
  }

  /// `search:`, `trials:` and `metric:` as the tuner takes them.
  private func searchSpec(_ options: [Option], span: SourceSpan) throws(Diagnostic) -> SearchSpec {
    guard let search = options.first(where: { $0.name.text == "search" }) else {
      throw TuningDiagnostics.missingSearch(at: span)
    }
    guard case .dictionary(let entries) = search.value.kind else {
      throw TuningDiagnostics.searchNotRecord(at: search.value.span)
    }
    var dimensions: [SearchDimension] = []
    for entry in entries {
      dimensions.append(try searchDimension(entry))
    }
    var spec = SearchSpec(dimensions: dimensions, span: search.value.span)
    if entries.isEmpty { throw TuningDiagnostics.searchNotRecord(at: search.value.span) }
    if let trials = options.first(where: { $0.name.text == "trials" }) {
      let value = try constant(trials.value)
      guard case .int(let count) = value, count >= 1, count <= Int64(SearchSpec.trialLimit)
      else {
        throw LearnDiagnostics.badValue(
          "trials", "a whole number from 1 to \(SearchSpec.trialLimit)", at: trials.value.span)
      }
      spec.trials = (Int(count), trials.value.span)
    }
    if let metric = options.first(where: { $0.name.text == "metric" }) {
      let text: String
      switch metric.value.kind {
      case .name(let name): text = name
      case .literal(.string(let name)): text = name
      default:
        throw LearnDiagnostics.badValue(
          "metric", "a metric name in quotes, such as \"auc\"", at: metric.value.span)
      }
      spec.metric = (text, metric.value.span)
    }
    return spec
  }

  /// One `name: values` entry of `search:`.
  private func searchDimension(_ entry: Option) throws(Diagnostic) -> SearchDimension {
    let name = entry.name.text
    let values: SearchDimension.Values
    switch entry.value.kind {
    case .list(let items):
      var constants: [Value] = []
      for item in items { constants.append(try constant(item)) }
      values = .list(constants, spans: items.map(\.span))
    case .call(let function, let arguments)
    where function == "between" || function == "log_between":
      guard arguments.count == 2 else {
        throw TuningDiagnostics.badRange(
          "`\(function)` takes two numbers: `\(function)(low, high)`", at: entry.value.span)
      }
      var bounds: [Double] = []
      for argument in arguments {
        guard let number = try constant(argument).doubleValue else {
          throw TuningDiagnostics.badRange(
            "the bounds of `\(function)` must be numbers", at: argument.span)
        }
        bounds.append(number)
      }
      values = .range(low: bounds[0], high: bounds[1], logarithmic: function == "log_between")
    default:
      throw TuningDiagnostics.notValues(name, at: entry.value.span)
    }
    return SearchDimension(
      name: name, nameSpan: entry.name.span, values: values, valueSpan: entry.value.span)
  }

  /// A constant expression's value (parameters allowed).
  private func constant(_ expression: Expr) throws(Diagnostic) -> Value {
    let binder = ExpressionBinder(schema: Schema([]), parameters: parameters)
    let bound = try binder.bind(expression)
    let one = Table(names: [], columns: [], rowCount: 1)
    return try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0)
  }

  /// The runs of the referenced versions (`compare m` means every version),
  /// lined up.
  private func compare(_ references: [ModelRef]) throws(Diagnostic) -> TableOutput {
    var expanded: [ModelRef] = []
    for reference in references {
      _ = try models.resolve(reference)
      if reference.version == nil && references.count == 1 {
        expanded += models.versions(of: reference.name.text).map {
          ModelRef(name: reference.name, version: $0)
        }
      } else {
        let version = reference.version ?? models.versions(of: reference.name.text).last ?? 1
        expanded.append(ModelRef(name: reference.name, version: version))
      }
    }
    let records = try expanded.map { (reference) throws(Diagnostic) -> RunRecord in
      let version = reference.version ?? 1
      if let run = runs.last(where: { $0.model == reference.name.text && $0.version == version }) {
        return run
      }
      // A loaded model has no run: its file's parameters and metrics stand in.
      let model = try models.resolve(reference)
      return RunRecord(
        model: reference.name.text, version: version, kind: .train,
        algorithm: model.algorithm.rawValue, dataset: "(model file)", data: "",
        rows: model.trainingRowCount, validation: RunRecord.validation(of: model),
        parameters: model.parameters,
        metrics: model.metrics.map { RunRecord.Metric(name: $0.name, value: $0.value) },
        durationMs: 0)
    }
    return RunHistory.comparison(records)
  }
}
