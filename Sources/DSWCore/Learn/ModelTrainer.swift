/// A supervised request checked against its table: the target, its labels
/// and the feature columns. Fits of folds and trials share one plan.
struct TrainingPlan: Sendable {
  var table: Table
  var target: String
  var featureNames: [String]
  var analysis: TargetAnalysis
  /// Where errors about features point.
  var featureSpan: SourceSpan?
}

/// Trains a model from a table and the constructor's named arguments:
/// `gbt(training, target: converted, exclude: [userId], split: 0.8, seed: 7)`.
public enum ModelTrainer {
  /// Checks the arguments, infers the task, splits, fits and measures.
  ///
  /// - Parameters:
  ///   - algorithm: `gbt`, `logistic`, `linear` or `kmeans`.
  ///   - span: where errors about the call as a whole point (the algorithm name).
  ///   - isCancelled: polled between trees / iterations; true stops with `X001`.
  ///   - progress: called with the fraction done, from the calling thread.
  public static func train(
    algorithm name: String, table: Table, arguments: [ModelArgument], span: SourceSpan? = nil,
    isCancelled: @Sendable () -> Bool = { false }, progress: (Double) -> Void = { _ in }
  ) throws(Diagnostic) -> TrainedModel {
    guard let algorithm = ModelAlgorithm(rawValue: name) else {
      throw LearnDiagnostics.unknownAlgorithm(name, at: span)
    }
    if LifetimeTraining.roles(algorithm) != nil {
      return try LifetimeTraining.train(
        algorithm, table: table, arguments: arguments, span: span, isCancelled: isCancelled,
        progress: progress)
    }
    let request = try TrainingRequest(algorithm: algorithm, arguments: arguments)
    if algorithm == .kmeans {
      return try trainClustering(
        request, table: table, span: span, isCancelled: isCancelled, progress: progress)
    }
    let plan = try prepare(request, table: table, span: span)
    let rows = try trainingRows(request, plan: plan, span: span)
    guard let folds = request.crossValidationFolds else {
      return try fit(
        plan, request: request, training: rows.training, holdout: rows.holdout,
        isCancelled: isCancelled, progress: progress)
    }
    let validation = try CrossValidation.run(
      plan, request: request, rows: rows.training, folds: folds, isCancelled: isCancelled,
      progress: { progress($0 * 0.8) })
    return try fitFinal(
      plan, request: request, rows: rows, validation: validation, isCancelled: isCancelled,
      progress: { progress(0.8 + $0 * 0.2) })
  }

  /// Fits the final model on `rows` after cross-validation: with early
  /// stopping, as many trees as the folds kept on average.
  static func fitFinal(
    _ plan: TrainingPlan, request: TrainingRequest, rows: HoldoutSplit,
    validation: CrossValidationSummary, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    var final = request
    if final.boosting.earlyStopping != nil, let trees = validation.meanTreeCount {
      final.boosting.trees = max(1, trees)
      final.boosting.earlyStopping = nil
    }
    var model = try fit(
      plan, request: final, training: rows.training, holdout: rows.holdout,
      isCancelled: isCancelled, progress: progress)
    model.parameters = request.effectiveParameters
    model.crossValidation = validation
    if rows.holdout.isEmpty { model.metrics = validation.meanMetrics }
    return model
  }

  /// The rows that train and the rows held out. With `cv:`, the folds cut
  /// the training rows: every row, unless `split:` keeps a holdout too.
  static func trainingRows(
    _ request: TrainingRequest, plan: TrainingPlan, span: SourceSpan?
  ) throws(Diagnostic) -> HoldoutSplit {
    if request.crossValidationFolds != nil && !request.splitGiven {
      return HoldoutSplit(training: Array(0..<plan.table.rowCount), holdout: [])
    }
    return try makeSplit(request, table: plan.table, analysis: plan.analysis, span: span)
  }

  /// Checks the target and features of a supervised request against `table`.
  static func prepare(
    _ request: TrainingRequest, table: Table, span: SourceSpan?
  ) throws(Diagnostic) -> TrainingPlan {
    let algorithm = request.algorithm
    guard let target = request.target else {
      throw LearnDiagnostics.missingArgument(
        "target", algorithm: algorithm,
        example: "\(algorithm.rawValue)(training, target: converted)", at: span)
    }
    guard let targetColumn = table.column(named: target.name) else {
      throw LearnDiagnostics.unknownColumn(
        target.name, argument: "target", columns: table.names, at: target.span)
    }
    let featureNames = try selectFeatures(request, table: table, span: span)
    let analysis = try TargetAnalysis.analyze(
      targetColumn, name: target.name, positive: request.positive?.value,
      positiveSpan: request.positive?.span, span: target.span)
    try checkTask(algorithm, analysis.task, target: target.name, span: span)
    return TrainingPlan(
      table: table, target: target.name, featureNames: featureNames, analysis: analysis,
      featureSpan: request.features?.span ?? span)
  }

  /// Fits `request` on the `training` rows of the plan's table and measures
  /// it on the `holdout` rows (none: no holdout metrics).
  static func fit(
    _ plan: TrainingPlan, request: TrainingRequest, training: [Int], holdout: [Int],
    isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    let algorithm = request.algorithm
    let table = plan.table
    let analysis = plan.analysis
    let features = plan.featureNames.map { name in
      FeatureSpec.infer(
        name: name, column: table.columns[table.index(of: name) ?? 0], rows: training)
    }
    let trainingFrame = try FeatureFrame.extract(features, from: table, rows: training)
    let holdoutFrame = try FeatureFrame.extract(features, from: table, rows: holdout)
    let trainingLabels = training.map { analysis.labels[$0] }
    let holdoutLabels = holdout.map { analysis.labels[$0] }

    let fitted: FittedModel
    switch algorithm {
    case .gbt:
      fitted = .gbt(
        try GradientBoosting.fit(
          objective: analysis.task == .binaryClassification ? .logistic : .squaredError,
          specs: features, training: trainingFrame, labels: trainingLabels,
          holdout: holdout.isEmpty ? nil : (holdoutFrame, holdoutLabels),
          parameters: request.boosting, isCancelled: isCancelled, progress: progress))
    case .logistic:
      let design = LinearDesign.fit(features, frame: trainingFrame)
      fitted = .linear(
        try LinearModel.fitLogistic(
          design: design, frame: trainingFrame, labels: trainingLabels,
          inverseStrength: request.inverseStrength, isCancelled: isCancelled, progress: progress))
    case .linear, .kmeans, .bgnbd, .gammaGamma:
      if isCancelled() { throw LearnDiagnostics.interrupted }
      let design = LinearDesign.fit(features, frame: trainingFrame)
      fitted = .linear(
        try LinearModel.fitRidge(
          design: design, frame: trainingFrame, labels: trainingLabels, alpha: request.alpha,
          isCancelled: isCancelled))
      progress(1)
    }

    var model = TrainedModel(
      algorithm: algorithm, task: analysis.task, target: plan.target,
      positiveClass: analysis.positive, negativeClass: analysis.negative, features: features,
      parameters: request.effectiveParameters, fitted: fitted, metrics: [],
      featureImportance: [], trainingRowCount: training.count,
      holdoutRowCount: holdout.count, baseRate: nil, clusterSizes: [], holdout: nil)
    if analysis.task == .binaryClassification {
      model.baseRate = trainingLabels.reduce(0, +) / Double(max(trainingLabels.count, 1))
    }
    if !holdout.isEmpty {
      let holdoutScores = model.predictions(holdoutFrame)
      model.holdout = Holdout(
        rows: holdout, labels: holdoutLabels, scores: holdoutScores, frame: holdoutFrame)
      model.metrics = Evaluation.headlineMetrics(model)
    }
    model.featureImportance = importance(fitted, features: features)
    return model
  }

  private static func trainClustering(
    _ request: TrainingRequest, table: Table, span: SourceSpan?,
    isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    guard let clusterCount = request.clusterCount else {
      throw LearnDiagnostics.missingArgument(
        "k", algorithm: .kmeans, example: "kmeans(features, k: 5, exclude: [userId])", at: span)
    }
    let featureNames = try selectFeatures(request, table: table, span: span)
    guard table.rowCount >= clusterCount else {
      throw LearnDiagnostics.tooFewRows(
        "kmeans needs at least k = \(clusterCount) rows; the table has \(table.rowCount)",
        at: span)
    }
    let rows = Array(0..<table.rowCount)
    let features = featureNames.map { name in
      FeatureSpec.infer(
        name: name, column: table.columns[table.index(of: name) ?? 0], rows: rows)
    }
    let frame = try FeatureFrame.extract(features, from: table)
    let design = LinearDesign.fit(features, frame: frame)
    let fit = try KMeansModel.fit(
      design: design, frame: frame, clusterCount: clusterCount,
      maxIterations: request.maxIterations, seed: request.seed, isCancelled: isCancelled,
      progress: progress)
    var model = TrainedModel(
      algorithm: .kmeans, task: .clustering, target: nil, positiveClass: nil,
      negativeClass: nil, features: features, parameters: request.effectiveParameters,
      fitted: .kmeans(fit.model), metrics: [], featureImportance: [],
      trainingRowCount: table.rowCount, holdoutRowCount: 0, baseRate: nil,
      clusterSizes: fit.sizes, holdout: nil)
    model.metrics = [
      MetricsOutput.Metric(name: "silhouette", value: fit.silhouette),
      MetricsOutput.Metric(name: "WCSS", value: fit.withinClusterSumOfSquares),
      MetricsOutput.Metric(name: "k", value: Double(clusterCount)),
    ]
    return model
  }

  /// `features:` (or every column but the target), minus `exclude:`.
  private static func selectFeatures(
    _ request: TrainingRequest, table: Table, span: SourceSpan?
  ) throws(Diagnostic) -> [String] {
    let targetName = request.target?.name
    if let exclude = request.exclude {
      for name in exclude.names where table.index(of: name) == nil {
        throw LearnDiagnostics.unknownColumn(
          name, argument: "exclude", columns: table.names, at: exclude.span)
      }
    }
    var names: [String]
    if let features = request.features {
      for name in features.names {
        guard table.index(of: name) != nil else {
          throw LearnDiagnostics.unknownColumn(
            name, argument: "features", columns: table.names, at: features.span)
        }
        if name == targetName { throw LearnDiagnostics.targetIsFeature(name, at: features.span) }
      }
      var seen = Set<String>()
      names = features.names.filter { seen.insert($0).inserted }
    } else {
      names = table.names.filter { $0 != targetName }
      if case .column(let splitColumn, _) = request.split {
        names.removeAll { $0 == splitColumn }
      }
    }
    let excluded = Set(request.exclude?.names ?? [])
    names.removeAll { excluded.contains($0) }
    if names.isEmpty { throw LearnDiagnostics.noFeatures(at: request.features?.span ?? span) }
    return names
  }

  private static func checkTask(
    _ algorithm: ModelAlgorithm, _ task: ModelTask, target: String, span: SourceSpan?
  ) throws(Diagnostic) {
    switch (algorithm, task) {
    case (.linear, .binaryClassification):
      throw LearnDiagnostics.taskMismatch(
        "linear is ridge regression, but `\(target)` has two values (a binary target); "
          + "use logistic or gbt", at: span)
    case (.logistic, .regression):
      throw LearnDiagnostics.taskMismatch(
        "logistic is for a two-valued target, but `\(target)` is numeric with more values; "
          + "use linear or gbt", at: span)
    default: break
    }
  }

  private static func makeSplit(
    _ request: TrainingRequest, table: Table, analysis: TargetAnalysis, span: SourceSpan?
  ) throws(Diagnostic) -> HoldoutSplit {
    let split: HoldoutSplit
    switch request.split {
    case .fraction(let fraction):
      split = HoldoutSplit.stratified(
        rowCount: table.rowCount,
        strata: analysis.task == .binaryClassification ? analysis.labels : nil,
        fraction: fraction, seed: request.seed)
    case .column(let name, let columnSpan):
      guard let column = table.column(named: name) else {
        throw LearnDiagnostics.unknownColumn(
          name, argument: "split", columns: table.names, at: columnSpan)
      }
      guard case .bool(let flags) = column.storage, column.nullCount == 0 else {
        throw LearnDiagnostics.badValue(
          "split", "a fraction, or a bool column without nulls (true = training)", at: columnSpan)
      }
      split = HoldoutSplit.byFlag(flags)
    }
    guard split.training.count >= 2, !split.holdout.isEmpty else {
      throw LearnDiagnostics.tooFewRows(
        "too few rows to train and hold out: \(split.training.count) training and "
          + "\(split.holdout.count) holdout rows", at: span)
    }
    if analysis.task == .binaryClassification {
      let positives = split.training.reduce(0) { $0 + (analysis.labels[$1] == 1 ? 1 : 0) }
      if positives == 0 || positives == split.training.count {
        throw LearnDiagnostics.tooFewRows(
          "the training rows hold only one class of the target", at: span)
      }
    }
    return split
  }

  private static func importance(
    _ fitted: FittedModel, features: [FeatureSpec]
  ) -> [FeatureImportance] {
    var values = [Double](repeating: 0, count: features.count)
    switch fitted {
    case .gbt(let model):
      let gains = model.gainByFeature
      let total = gains.reduce(0, +)
      for index in values.indices { values[index] = total > 0 ? gains[index] / total : 0 }
    case .linear(let model):
      for (term, coefficient) in zip(model.design.terms, model.coefficients) {
        values[term.feature] += abs(coefficient)
      }
    case .kmeans, .bgnbd, .gammaGamma: return []
    }
    return zip(features, values).map { FeatureImportance(feature: $0.name, importance: $1) }
      .enumerated().sorted {
        $0.element.importance > $1.element.importance
          || ($0.element.importance == $1.element.importance && $0.offset < $1.offset)
      }.map(\.element)
  }
}
