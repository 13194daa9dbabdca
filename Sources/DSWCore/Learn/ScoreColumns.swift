/// The columns a `score` step adds, from its models and options.
///
/// One rule for running and for `dsw check`, which knows a model's
/// features before it is trained but not always its task or algorithm.
enum ScoreColumns {
  /// A model as the `score` step sees it.
  struct Scored {
    var reference: ModelRef
    var features: [String]
    /// Nil for a `gbt` not yet trained.
    var task: ModelTask?
    /// Nil when the model's training could not be checked.
    var algorithm: ModelAlgorithm?
  }

  /// What the step computes.
  enum Plan: Equatable {
    /// One supervised or clustering model, with this many reason columns.
    case single(reasons: Int)
    /// Lifetime value: the positions of the bgnbd and gamma_gamma models
    /// among the step's models (either may be absent, not both).
    case lifetime(purchases: Int?, spend: Int?)
  }

  /// The step's options, read and range-checked.
  struct Options {
    var explain: Int?
    var horizon: Double?
    var discountRate: Double?
    var reader: OptionReader

    init(_ options: [Option], parameters: [String: Value]) throws(Diagnostic) {
      reader = try OptionReader(
        options, valid: OptionNames.score, context: "`score`", parameters: parameters)
      if reader.has("explain") {
        explain = try reader.int("explain", default: 3, range: 1...100)
      }
      horizon = try Self.number(reader, "horizon", above: 0, atMost: 100_000)
      discountRate = try Self.number(reader, "discount_rate", atLeast: 0, atMost: 1)
    }

    private static func number(
      _ reader: OptionReader, _ name: String, above: Double? = nil, atLeast: Double? = nil,
      atMost: Double
    ) throws(Diagnostic) -> Double? {
      guard reader.has(name) else { return nil }
      let number = reader.value(name)?.doubleValue
      let lowOK = number.map { value in
        above.map { value > $0 } ?? atLeast.map { value >= $0 } ?? true
      }
      guard let number, number.isFinite, lowOK == true, number <= atMost else {
        let low =
          above.map { "above \(format($0))" } ?? atLeast.map { "\(format($0)) or more" } ?? ""
        throw Diagnostic.error(
          "E232", "`\(name)` must be a number \(low) and at most \(format(atMost))",
          at: reader.span(of: name))
      }
      return number
    }

    private static func format(_ value: Double) -> String {
      value == value.rounded() && abs(value) < 1e15 ? Int(value).formatted : String(value)
    }
  }

  /// Checks that the models can be scored together with these options.
  static func plan(_ models: [Scored], options: Options, span: SourceSpan?) throws(Diagnostic)
    -> Plan
  {
    func refuse(_ name: String, _ reason: String) throws(Diagnostic) {
      if options.reader.has(name) {
        throw LifetimeDiagnostics.optionNotTaken(
          name, reason: reason, at: options.reader.span(of: name))
      }
    }
    let lifetime = models.map { model -> ModelAlgorithm? in
      model.algorithm == .bgnbd || model.algorithm == .gammaGamma ? model.algorithm : nil
    }
    if models.count == 1 && lifetime[0] == nil {
      let model = models[0]
      try refuse("horizon", "it is for bgnbd models")
      try refuse("discount_rate", "it is for `clv`, from a bgnbd and a gamma_gamma model")
      if options.explain != nil, let algorithm = model.algorithm, algorithm == .kmeans {
        throw ExplainDiagnostics.notExplainable(
          model.reference.name.text, algorithm: algorithm, at: model.reference.name.span)
      }
      return .single(reasons: options.explain ?? 0)
    }
    let purchases = lifetime.firstIndex(of: .bgnbd)
    let spend = lifetime.firstIndex(of: .gammaGamma)
    let combinable =
      (models.count == 1) || (models.count == 2 && purchases != nil && spend != nil)
    guard combinable else {
      throw LifetimeDiagnostics.cannotCombine(
        models.map(\.reference.name.text), at: models.last?.reference.name.span ?? span)
    }
    try refuse("explain", "lifetime-value models have no feature contributions")
    if purchases == nil {
      try refuse("horizon", "gamma_gamma predicts spend per purchase, over no period")
      try refuse("discount_rate", "`clv` needs a bgnbd model as well")
    } else {
      if spend == nil {
        try refuse("discount_rate", "`clv` needs a gamma_gamma model as well")
      }
      if options.horizon == nil {
        throw LifetimeDiagnostics.optionNeeded(
          "horizon",
          reason: "for a bgnbd model: the period to predict, in the units of its recency and age",
          example:
            "score \(models.map(\.reference.name.text).joined(separator: ", ")) (horizon: 52)",
          at: models[purchases ?? 0].reference.name.span)
      }
    }
    return .lifetime(purchases: purchases, spend: spend)
  }

  /// Checks that `input` has every feature, then names the added columns.
  static func fields(
    _ models: [Scored], options: Options, input: Schema, span: SourceSpan?
  ) throws(Diagnostic) -> [Schema.Field] {
    for model in models { try checkFeatures(model, input: input) }
    switch try plan(models, options: options, span: span) {
    case .single(let reasons):
      let reasonFields = (0..<reasons).map { Schema.Field(name: "reason_\($0 + 1)", type: .string) }
      switch models[0].task {
      case .binaryClassification, nil:
        return [.init(name: "score", type: .double), .init(name: "decile", type: .int)]
          + reasonFields
      case .regression, .purchases, .spend:
        return [.init(name: "score", type: .double)] + reasonFields
      case .clustering:
        return [.init(name: "score", type: .int), .init(name: "distance", type: .double)]
      }
    case .lifetime(let purchases, let spend):
      var fields: [Schema.Field] = []
      if purchases != nil {
        fields += [
          .init(name: "expected_purchases", type: .double), .init(name: "p_alive", type: .double),
        ]
      }
      if spend != nil { fields.append(.init(name: "expected_spend", type: .double)) }
      if purchases != nil && spend != nil { fields.append(.init(name: "clv", type: .double)) }
      return fields
    }
  }

  private static func checkFeatures(_ model: Scored, input: Schema) throws(Diagnostic) {
    let reference = model.reference
    let features = model.features
    for feature in features where input.index(of: feature) == nil {
      throw Diagnostic.error(
        "E720", "the input has no column `\(feature)`, a feature of `\(reference.name.text)`",
        at: reference.name.span,
        notes: [
          "`\(reference.name.text)` was trained on "
            + features.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
            + (features.count > 8 ? ", …" : "")
        ],
        help: UnknownName.suggestion(feature, input.names))
    }
  }
}
