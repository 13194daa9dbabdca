import Foundation

/// What `train` and `evaluate` show of a lifetime-value model: its
/// parameters with standard errors and 95% intervals, the fit's
/// log-likelihood, and what the parameters mean for an average customer.
enum LifetimeReport {
  static func evaluate(_ model: TrainedModel, name: String?) -> [CellOutput] {
    var outputs: [CellOutput] = [
      .metrics(
        MetricsOutput(
          title: title(model, name: name), metrics: model.metrics,
          tables: [MetricsOutput.NamedTable(name: "parameters", table: parameterTable(model))]))
    ]
    outputs.append(.text(reading(model)))
    if let note = missingErrorsNote(model) { outputs.append(.text(note)) }
    if let warning = correlationWarning(model) { outputs.append(.text(warning)) }
    return outputs
  }

  static func title(_ model: TrainedModel, name: String?) -> String {
    let roles = model.parameters.map {
      "\($0.name): \(LearnDiagnostics.render($0.value).trimmingCharacters(in: ["\""]))"
    }
    return "\(name.map { "\($0): " } ?? "")\(model.algorithm.rawValue), \(model.task.rawValue); "
      + roles.joined(separator: ", ") + "; \(model.trainingRowCount.formatted) customers"
  }

  /// One row per parameter: estimate, standard error and a 95% interval.
  static func parameterTable(_ model: TrainedModel) -> TableOutput {
    let estimates: [(String, Double, Double)]
    switch model.fitted {
    case .bgnbd(let fit):
      estimates = zip(BGNBDModel.parameterNames, zip(fit.parameters, fit.standardErrors)).map {
        ($0, $1.0, $1.1)
      }
    case .gammaGamma(let fit):
      estimates = zip(GammaGammaModel.parameterNames, zip(fit.parameters, fit.standardErrors)).map {
        ($0, $1.0, $1.1)
      }
    default: estimates = []
    }
    let rows = estimates.map { name, value, error -> [Value] in
      let known = error.isFinite
      return [
        .string(name), .double(value), known ? .double(error) : .null,
        known ? .double(value - 1.96 * error) : .null,
        known ? .double(value + 1.96 * error) : .null,
      ]
    }
    return TableOutput(
      columns: ["parameter", "estimate", "std. error", "lower 95%", "upper 95%"],
      types: [.string, .double, .double, .double, .double], rows: rows, totalRows: rows.count)
  }

  /// The parameters in plain words.
  static func reading(_ model: TrainedModel) -> String {
    switch model.fitted {
    case .bgnbd(let fit):
      return
        "While active, the average customer buys \(format(fit.r / fit.alpha)) times per unit of time "
        + "(r/alpha), and after each purchase drops out with probability \(format(fit.a / (fit.a + fit.b))) "
        + "(a/(a+b)). `score` with `horizon: N` predicts each customer's purchases over the next "
        + "N units and the probability they are still active."
    case .gammaGamma(let fit):
      let mean = fit.q > 1 ? format(fit.p * fit.v / (fit.q - 1)) : "undefined (q <= 1)"
      return "The average spend per purchase across customers is \(mean) (p·v/(q−1)); "
        + "a customer's expected spend moves from it towards their own mean the more they have bought."
    default:
      return ""
    }
  }

  /// Why some standard errors are missing: the likelihood is flat at the estimate.
  static func missingErrorsNote(_ model: TrainedModel) -> String? {
    let errors: [Double]
    switch model.fitted {
    case .bgnbd(let fit): errors = fit.standardErrors
    case .gammaGamma(let fit): errors = fit.standardErrors
    default: return nil
    }
    guard errors.contains(where: { !$0.isFinite }) else { return nil }
    var note =
      "note: some standard errors are missing: the log-likelihood is flat in some direction at "
      + "the estimate, so the data do not pin those parameters down."
    if case .bgnbd(let fit) = model.fitted {
      if fit.a + fit.b > 1000 {
        note +=
          " Very large a and b mean that every customer has the same dropout probability, a/(a+b)."
      } else if max(fit.a, fit.b) < 0.001 {
        note +=
          " Very small a and b mean that customers either never drop out or drop out at their "
          + "first chance."
      }
    }
    return note
  }

  /// gamma_gamma assumes spend does not depend on frequency: a warning when
  /// the training data's correlation says otherwise.
  static func correlationWarning(_ model: TrainedModel) -> String? {
    guard model.algorithm == .gammaGamma,
      let correlation = model.metrics.first(where: { $0.name == "corr(frequency, monetary)" })?
        .value,
      abs(correlation) >= LifetimeTraining.correlationWarning
    else { return nil }
    return "warning: frequency and monetary value are correlated (\(format(correlation))); "
      + "gamma_gamma assumes they are independent, so its expected spend may be biased."
  }

  private static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
