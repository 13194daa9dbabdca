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
      if LifetimeTraining.roles(model.algorithm) != nil {
        return [.text(trainingSummary(name.text, version: version, model))]
          + LifetimeReport.evaluate(model, name: name.text)
      }
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
    case .explain(let reference, let options):
      return try explain(reference, options: options)
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
    if model.task == .purchases || model.task == .spend {
      text += " on \(model.trainingRowCount.formatted) customers"
      if model.algorithm == .gammaGamma && model.holdoutRowCount > 0 {
        text += " with repeat purchases (\(model.holdoutRowCount.formatted) without are left out)"
      }
      return text
    }
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

  func scoreFields(_ step: ScoreStep, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    let scored = try step.models.map { (reference) throws(Diagnostic) in
      let model = try models.resolve(reference)
      return ScoreColumns.Scored(
        reference: reference, features: model.features.map(\.name), task: model.task,
        algorithm: model.algorithm)
    }
    let options = try ScoreColumns.Options(step.options, parameters: parameters)
    return try ScoreColumns.fields(
      scored, options: options, input: input, span: step.models.first?.name.span)
  }

  func score(_ step: ScoreStep, table: Table) throws(Diagnostic) -> [(String, Column)] {
    let resolved = try step.models.map { (reference) throws(Diagnostic) in
      try models.resolve(reference)
    }
    let scored = zip(step.models, resolved).map { reference, model in
      ScoreColumns.Scored(
        reference: reference, features: model.features.map(\.name), task: model.task,
        algorithm: model.algorithm)
    }
    let options = try ScoreColumns.Options(step.options, parameters: parameters)
    let span = step.models.first?.name.span
    _ = try ScoreColumns.fields(scored, options: options, input: Schema(of: table), span: span)
    switch try ScoreColumns.plan(scored, options: options, span: span) {
    case .single(let reasons):
      let model = resolved[0]
      let reference = step.models[0]
      var columns = try model.score(table, at: reference.name.span, limits: context.limits)
      if reasons > 0 {
        let frame = try FeatureFrame.extract(model.features, from: table, span: reference.name.span)
        let contributions = try model.contributions(
          frame, modelName: reference.name.text, at: reference.name.span,
          isCancelled: context.isCancelled)
        columns += ReasonCodes.columns(
          contributions, features: model.features, table: table, count: reasons)
      }
      return columns
    case .lifetime(let purchases, let spend):
      var purchaseModel: (model: BGNBDModel, features: [FeatureSpec])?
      var spendModel: (model: GammaGammaModel, features: [FeatureSpec])?
      if let purchases, case .bgnbd(let fit) = resolved[purchases].fitted {
        purchaseModel = (fit, resolved[purchases].features)
      }
      if let spend, case .gammaGamma(let fit) = resolved[spend].fitted {
        spendModel = (fit, resolved[spend].features)
      }
      return try LifetimeScoring.columns(
        purchases: purchaseModel, spend: spendModel, table: table, horizon: options.horizon ?? 0,
        discountRate: options.discountRate ?? 0, isCancelled: context.isCancelled)
    }
  }

  /// `explain MODEL (feature: NAME, data: DATASET)`: contributions on the
  /// holdout rows, or on the rows of `data:`.
  private func explain(_ reference: ModelRef, options: [Option]) throws(Diagnostic)
    -> [CellOutput]
  {
    let model = try models.resolve(reference)
    let name = reference.name.text
    let chosen = try ExplainOptions(options)
    switch model.fitted {
    case .kmeans, .bgnbd, .gammaGamma:
      throw ExplainDiagnostics.notExplainable(
        name, algorithm: model.algorithm, at: reference.name.span)
    case .gbt, .linear: break
    }
    let frame: FeatureFrame
    let rows: String
    if let data = chosen.data {
      let table = try dataset(named: data).table
      frame = try FeatureFrame.extract(model.features, from: table, span: data.span)
      rows = "\(table.rowCount.formatted) rows of \(data.text)"
    } else {
      guard let holdout = model.holdout?.frame else {
        throw ExplainDiagnostics.nothingToExplain(name, at: reference.name.span)
      }
      frame = holdout
      rows = "\(frame.rowCount.formatted) holdout rows"
    }
    let contributions = try model.contributions(
      frame, modelName: name, at: reference.name.span, isCancelled: context.isCancelled)
    return try ExplainReport.report(
      model, name: name, contributions: contributions, frame: frame, rows: rows,
      feature: chosen.feature?.text, featureSpan: chosen.feature?.span)
  }
}
