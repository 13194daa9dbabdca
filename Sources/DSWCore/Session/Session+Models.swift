/// The model statements: train, evaluate, models, save and load; and scoring.
extension Session {
  func executeModelStatement(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    switch statement.kind {
    case .train(let name, let algorithm, let datasetName, let options):
      if let option = options.first(where: { Self.tuneOnlyOptions.contains($0.name.text) }) {
        throw TuningDiagnostics.tuneOnly(option.name.text, at: option.name.span)
      }
      let started = context.clock()
      let table = try dataset(named: datasetName).table
      let arguments = try options.map { (option) throws(Diagnostic) in try modelArgument(option) }
      let label = "train \(name.text)"
      let progress = context.progress
      let model = try ModelTrainer.train(
        algorithm: algorithm.text, table: table, arguments: arguments, span: algorithm.span,
        isCancelled: context.isCancelled, progress: { progress(label, $0) })
      let version = models.register(name: name.text, model: model)
      recordRun(
        model, name: name.text, version: version, kind: .train, dataset: datasetName.text,
        table: table, validation: RunRecord.validation(of: model), started: started)
      return [
        .text(trainingSummary(name.text, version: version, model)),
        .metrics(headline(name.text, model)),
      ]
    case .evaluate(let reference):
      let model = try models.resolve(reference)
      return Evaluation.evaluate(model, name: reference.name.text)
    case .models:
      return [.table(models.list())]
    case .saveModel(let reference, let path, let pathSpan):
      let model = try models.resolve(reference)
      let resolved = try context.sandbox.resolve(path, span: pathSpan, for: .write)
      try context.files.write(ModelCodec.encode(model), to: resolved, span: pathSpan)
      return [.text("saved model \(reference.name.text) to \(path)")]
    case .loadModel(let path, let pathSpan, let name):
      let resolved = try context.sandbox.resolve(path, span: pathSpan)
      let model = try context.files.withContents(of: resolved, span: pathSpan) {
        (bytes) throws(Diagnostic) -> TrainedModel in
        do throws(Diagnostic) {
          return try ModelCodec.decode(Array(bytes))
        } catch {
          var located = error
          if located.span == nil { located.span = pathSpan }
          throw located
        }
      }
      let version = models.register(name: name.text, model: model)
      return [
        .text(
          "loaded model \(name.text) (version \(version)) from \(path): \(model.algorithm.rawValue), \(model.task.rawValue)"
        )
      ]
    default:
      return []
    }
  }

  /// The constructor arguments that name columns.
  static let columnArguments: Set<String> = ["target", "features", "exclude", "split", "positive"]

  /// A constructor's `name: value` as the trainer takes it: bare names and
  /// lists of names name columns; anything else is a constant.
  func modelArgument(_ option: Option) throws(Diagnostic) -> ModelArgument {
    let value: ModelArgumentValue
    switch option.value.kind {
    // A bare name names a column, except that a parameter's name gives its
    // value to the arguments that take a value (`trees: trees`, `seed: seed`).
    case .name(let text)
    where parameters[text] == nil || Self.columnArguments.contains(option.name.text):
      value = .names([text])
    case .list(let items):
      var names: [String] = []
      for item in items {
        switch item.kind {
        case .name(let text): names.append(text)
        case .literal(.string(let text)): names.append(text)
        default:
          throw Diagnostic.error(
            "E207", "`\(option.name.text)` lists column names, such as `[userId, email]`",
            at: item.span)
        }
      }
      value = .names(names)
    default:
      let binder = ExpressionBinder(schema: Schema([]), parameters: parameters)
      let bound = try binder.bind(option.value)
      let one = Table(names: [], columns: [], rowCount: 1)
      value = .value(try ExpressionEvaluator(table: one).evaluate(bound).value(at: 0))
    }
    return ModelArgument(
      name: option.name.text, nameSpan: option.name.span, value: value, valueSpan: option.value.span
    )
  }

  func trainingSummary(_ name: String, version: Int, _ model: TrainedModel) -> String {
    var text =
      "trained \(name) (version \(version)): \(model.algorithm.rawValue), \(model.task.rawValue)"
    if let target = model.target { text += " of \(target)" }
    text +=
      " on \(model.features.count) features; \(model.trainingRowCount.formatted) training rows"
    if model.holdoutRowCount > 0 { text += ", \(model.holdoutRowCount.formatted) held out" }
    if let cv = model.crossValidation {
      text += "; \(cv.foldCount)-fold cross-validation, then fitted on all training rows"
    }
    return text
  }

  func headline(_ name: String, _ model: TrainedModel) -> MetricsOutput {
    if let cv = model.crossValidation {
      let folds =
        "\(cv.foldCount) \(model.task == .binaryClassification ? "stratified " : "")folds"
      let holdout = model.holdoutRowCount > 0
      return MetricsOutput(
        title: "\(name): \(holdout ? "holdout metrics; " : "")mean ± sd over \(folds) "
          + "(seed \(cv.seed))",
        metrics: holdout ? Array(model.metrics.prefix(4)) : [],
        tables: [MetricsOutput.NamedTable(name: "cross-validation", table: cv.summaryTable)])
    }
    return MetricsOutput(
      title: "\(name): \(model.holdoutRowCount > 0 ? "holdout" : "training") metrics",
      metrics: Array(model.metrics.prefix(4)))
  }

  func scoreFields(_ reference: ModelRef, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    let model = try models.resolve(reference)
    return try ScoreColumns.fields(
      features: model.features.map(\.name), task: model.task, reference: reference, input: input)
  }

  func score(_ reference: ModelRef, table: Table) throws(Diagnostic) -> [(String, Column)] {
    try models.resolve(reference).score(table, at: reference.name.span)
  }
}
