import Foundation

/// Trains the lifetime-value models from a table of one row per customer:
/// `bgnbd(rfm, frequency: x, recency: t_x, age: T)` and
/// `gamma_gamma(repeaters, frequency: x, monetary: zbar)`.
///
/// The arguments name the columns that play each role; the model's features
/// are those columns in role order, so scoring reads them by name.
enum LifetimeTraining {
  /// The arguments (column roles) of a lifetime model, or nil for other algorithms.
  static func roles(_ algorithm: ModelAlgorithm) -> [String]? {
    switch algorithm {
    case .bgnbd: ["frequency", "recency", "age"]
    case .gammaGamma: ["frequency", "monetary"]
    case .gbt, .logistic, .linear, .kmeans: nil
    }
  }

  /// |correlation| of frequency and monetary value from which gamma_gamma warns.
  static let correlationWarning = 0.3

  static func train(
    _ algorithm: ModelAlgorithm, table: Table, arguments: [ModelArgument], span: SourceSpan?,
    isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    let roles = self.roles(algorithm) ?? []
    let example =
      algorithm == .bgnbd
      ? "bgnbd(rfm, frequency: x, recency: t_x, age: T)"
      : "gamma_gamma(repeaters, frequency: x, monetary: zbar)"
    var columns: [String: (name: String, span: SourceSpan)] = [:]
    for argument in arguments {
      guard roles.contains(argument.name) else {
        throw LearnDiagnostics.unknownArgument(
          argument.name, algorithm: algorithm, valid: roles, at: argument.nameSpan)
      }
      guard columns[argument.name] == nil else {
        throw LearnDiagnostics.duplicateArgument(argument.name, at: argument.nameSpan)
      }
      let name: String
      switch argument.value {
      case .names(let names) where names.count == 1: name = names[0]
      case .value(.string(let text)): name = text
      default:
        throw LearnDiagnostics.badValue(argument.name, "one column name", at: argument.valueSpan)
      }
      guard table.index(of: name) != nil else {
        throw LearnDiagnostics.unknownColumn(
          name, argument: argument.name, columns: table.names, at: argument.valueSpan)
      }
      columns[argument.name] = (name, argument.valueSpan)
    }
    var values: [[Double]] = []
    for role in roles {
      guard let column = columns[role] else {
        throw LearnDiagnostics.missingArgument(
          role, algorithm: algorithm, example: example, at: span)
      }
      values.append(try numbers(table, column: column.name, role: role, at: column.span))
    }
    let features = roles.compactMap { role in
      columns[role].map {
        FeatureSpec(
          name: $0.name, type: table.column(named: $0.name)?.type ?? .double, encoding: .numeric)
      }
    }
    let parameters = roles.compactMap { role in
      columns[role].map { ModelParameter(name: role, value: .string($0.name)) }
    }
    if algorithm == .bgnbd {
      return try trainBGNBD(
        frequency: values[0], recency: values[1], age: values[2], columns: columns,
        features: features, parameters: parameters, span: span, isCancelled: isCancelled,
        progress: progress)
    }
    return try trainGammaGamma(
      frequency: values[0], monetary: values[1], columns: columns, features: features,
      parameters: parameters, span: span, isCancelled: isCancelled, progress: progress)
  }

  /// A role's column as doubles: numeric, without nulls or non-finite values.
  static func numbers(
    _ table: Table, column name: String, role: String, at span: SourceSpan?
  ) throws(Diagnostic) -> [Double] {
    guard let column = table.column(named: name), column.type == .int || column.type == .double
    else {
      throw LifetimeDiagnostics.notNumeric(name, role: role, at: span)
    }
    let numbers = FeatureFrame.numeric(column, rows: nil)
    let bad = numbers.filter { !$0.isFinite }.count
    if bad > 0 { throw LifetimeDiagnostics.missingValues(name, count: bad, at: span) }
    return numbers
  }

  private static func trainBGNBD(
    frequency x: [Double], recency: [Double], age: [Double],
    columns: [String: (name: String, span: SourceSpan)], features: [FeatureSpec],
    parameters: [ModelParameter], span: SourceSpan?, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    let names = (
      columns["frequency"]?.name ?? "", columns["recency"]?.name ?? "", columns["age"]?.name ?? ""
    )
    try check(
      x.firstIndex { $0 < 0 }, "`\(names.0)` (frequency) is negative",
      at: columns["frequency"]?.span)
    try check(
      age.firstIndex { $0 <= 0 }, "`\(names.2)` (age) is not above 0", at: columns["age"]?.span)
    try check(
      recency.indices.first { recency[$0] < 0 || recency[$0] > age[$0] },
      "`\(names.1)` (recency) is not between 0 and `\(names.2)` (age)", at: columns["recency"]?.span
    )
    try check(
      x.indices.first { x[$0] == 0 && recency[$0] != 0 },
      "`\(names.1)` (recency) is not 0 for a customer without repeat purchases",
      at: columns["recency"]?.span)
    guard x.count >= 4, x.contains(where: { $0 > 0 }) else {
      throw LifetimeDiagnostics.tooFewCustomers(
        "bgnbd needs at least 4 customers, some with repeat purchases; the table has \(x.count) customers, \(x.filter { $0 > 0 }.count) with repeat purchases",
        at: span)
    }
    let fit = try MaximumLikelihood.fit(
      start: [1, 1, 1, 1], rowCount: x.count,
      objective: BGNBDModel.objective(x: x, recency: recency, age: age), isCancelled: isCancelled,
      progress: progress)
    guard fit.converged, fit.parameters.allSatisfy(\.isFinite) else {
      throw LifetimeDiagnostics.notConverged(.bgnbd, at: span)
    }
    let model = BGNBDModel(parameters: fit.parameters, standardErrors: fit.standardErrors)
    let repeaters = x.filter { $0 > 0 }.count
    return TrainedModel(
      algorithm: .bgnbd, task: .purchases, target: nil, positiveClass: nil, negativeClass: nil,
      features: features, parameters: parameters, fitted: .bgnbd(model),
      metrics: [
        .init(name: "log-likelihood", value: fit.logLikelihood),
        .init(name: "AIC", value: 2 * 4 - 2 * fit.logLikelihood),
        .init(name: "customers", value: Double(x.count)),
        .init(name: "repeat customers", value: Double(repeaters)),
      ], featureImportance: [], trainingRowCount: x.count, holdoutRowCount: 0, baseRate: nil,
      clusterSizes: [], holdout: nil)
  }

  private static func trainGammaGamma(
    frequency allFrequency: [Double], monetary allMonetary: [Double],
    columns: [String: (name: String, span: SourceSpan)], features: [FeatureSpec],
    parameters: [ModelParameter], span: SourceSpan?, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void
  ) throws(Diagnostic) -> TrainedModel {
    let frequencyName = columns["frequency"]?.name ?? ""
    let monetaryName = columns["monetary"]?.name ?? ""
    try check(
      allFrequency.firstIndex { $0 < 0 }, "`\(frequencyName)` (frequency) is negative",
      at: columns["frequency"]?.span)
    // The model is of repeat purchases: customers without any are left out.
    let rows = allFrequency.indices.filter { allFrequency[$0] > 0 }
    let x = rows.map { allFrequency[$0] }
    let m = rows.map { allMonetary[$0] }
    try check(
      m.firstIndex { $0 <= 0 },
      "`\(monetaryName)` (monetary) is not above 0 for a customer with repeat purchases",
      at: columns["monetary"]?.span)
    guard x.count >= 3 else {
      throw LifetimeDiagnostics.tooFewCustomers(
        "gamma_gamma needs at least 3 customers with repeat purchases; the table has \(x.count)",
        at: span)
    }
    let fit = try MaximumLikelihood.fit(
      start: [1, 1, 1], rowCount: x.count, objective: GammaGammaModel.objective(x: x, m: m),
      isCancelled: isCancelled, progress: progress)
    guard fit.converged, fit.parameters.allSatisfy(\.isFinite) else {
      throw LifetimeDiagnostics.notConverged(.gammaGamma, at: span)
    }
    let model = GammaGammaModel(parameters: fit.parameters, standardErrors: fit.standardErrors)
    return TrainedModel(
      algorithm: .gammaGamma, task: .spend, target: nil, positiveClass: nil, negativeClass: nil,
      features: features, parameters: parameters, fitted: .gammaGamma(model),
      metrics: [
        .init(name: "log-likelihood", value: fit.logLikelihood),
        .init(name: "AIC", value: 2 * 3 - 2 * fit.logLikelihood),
        .init(name: "customers", value: Double(x.count)),
        .init(name: "corr(frequency, monetary)", value: correlation(x, m)),
      ], featureImportance: [], trainingRowCount: x.count,
      holdoutRowCount: allFrequency.count - x.count, baseRate: nil, clusterSizes: [],
      holdout: nil)
  }

  /// Fails with M091 when `row` is not nil: `problem` holds at that row.
  private static func check(_ row: Int?, _ problem: String, at span: SourceSpan?) throws(Diagnostic)
  {
    guard let row else { return }
    throw LifetimeDiagnostics.invalidHistory(problem, row: row, at: span)
  }

  /// Pearson correlation; NaN when either side is constant.
  static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let count = Double(x.count)
    let meanX = x.reduce(0, +) / count
    let meanY = y.reduce(0, +) / count
    var covariance = 0.0
    var varianceX = 0.0
    var varianceY = 0.0
    for (a, b) in zip(x, y) {
      covariance += (a - meanX) * (b - meanY)
      varianceX += (a - meanX) * (a - meanX)
      varianceY += (b - meanY) * (b - meanY)
    }
    let denominator = (varianceX * varianceY).squareRoot()
    return denominator > 0 ? covariance / denominator : .nan
  }
}
