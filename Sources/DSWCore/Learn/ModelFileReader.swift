/// Turns a decoded `ModelFile` back into a `TrainedModel`, checking every
/// index and count, so a damaged or hostile file fails with `M050` instead of
/// crashing at scoring.
enum ModelFileReader {
  static func model(from file: ModelFile) throws(Diagnostic) -> TrainedModel {
    try check(file.format == ModelFile.formatName, "\"format\" is not \"dsw-model\"")
    try check(
      file.version == ModelFile.currentVersion,
      "format version \(file.version) is not supported (this dsw reads version 1)")
    let features = try file.features.map(feature)
    try check(!features.isEmpty, "the model has no features")
    if let roles = LifetimeTraining.roles(file.algorithm) {
      try check(
        features.count == roles.count && features.allSatisfy { $0.encoding == .numeric },
        "a \(file.algorithm.rawValue) model has \(roles.count) numeric features: "
          + roles.joined(separator: ", "))
    }
    let fitted: FittedModel
    switch file.algorithm {
    case .gbt:
      guard let boosted = file.gbt else { throw invalid("missing the \"gbt\" section") }
      fitted = .gbt(try trees(boosted, features: features))
    case .logistic, .linear:
      guard let linear = file.linear else { throw invalid("missing the \"linear\" section") }
      let design = try self.design(linear.terms, features: features)
      try check(linear.coefficients.count == design.terms.count, "coefficients and terms differ")
      fitted = .linear(
        LinearModel(
          link: linear.link, design: design, coefficients: linear.coefficients,
          intercept: linear.intercept))
    case .kmeans:
      guard let kmeans = file.kmeans else { throw invalid("missing the \"kmeans\" section") }
      let design = try self.design(kmeans.terms, features: features)
      try check(!kmeans.centres.isEmpty, "kmeans has no centres")
      try check(
        kmeans.centres.allSatisfy { $0.count == design.terms.count },
        "a kmeans centre has the wrong number of coordinates")
      fitted = .kmeans(
        KMeansModel(
          design: design, centres: kmeans.centres.flatMap { $0 },
          clusterCount: kmeans.centres.count))
    case .bgnbd:
      let (values, errors) = try estimates(file.lifetime, names: BGNBDModel.parameterNames)
      fitted = .bgnbd(BGNBDModel(parameters: values, standardErrors: errors))
    case .gammaGamma:
      let (values, errors) = try estimates(file.lifetime, names: GammaGammaModel.parameterNames)
      fitted = .gammaGamma(GammaGammaModel(parameters: values, standardErrors: errors))
    }
    let expectedTask: Set<ModelTask> =
      switch file.algorithm {
      case .gbt: [.binaryClassification, .regression]
      case .logistic: [.binaryClassification]
      case .linear: [.regression]
      case .kmeans: [.clustering]
      case .bgnbd: [.purchases]
      case .gammaGamma: [.spend]
      }
    try check(expectedTask.contains(file.task), "task does not fit the algorithm")
    if case .gbt(let boosted) = fitted {
      try check(
        (boosted.objective == .logistic) == (file.task == .binaryClassification),
        "the objective does not fit the task")
    }
    return TrainedModel(
      algorithm: file.algorithm, task: file.task, target: file.target,
      positiveClass: file.positive?.value, negativeClass: file.negative?.value,
      features: features,
      parameters: file.parameters.map { ModelParameter(name: $0.name, value: $0.value.value) },
      fitted: fitted,
      metrics: file.metrics.map { MetricsOutput.Metric(name: $0.name, value: $0.value) },
      featureImportance: file.importance.map {
        FeatureImportance(feature: $0.feature, importance: $0.importance)
      },
      trainingRowCount: file.trainingRows, holdoutRowCount: file.holdoutRows,
      baseRate: file.baseRate, clusterSizes: file.clusterSizes, holdout: nil)
  }

  private static func feature(_ field: FeatureField) throws(Diagnostic) -> FeatureSpec {
    switch field.encoding {
    case "numeric":
      try check(field.type != .string, "numeric feature \"\(field.name)\" has type string")
      return FeatureSpec(name: field.name, type: field.type, encoding: .numeric)
    case "categorical":
      try check(field.type == .string, "categorical feature \"\(field.name)\" is not a string")
      let categories = field.categories ?? []
      try check(
        categories.count <= FeatureSpec.categoryLimit,
        "feature \"\(field.name)\" has more than \(FeatureSpec.categoryLimit) categories")
      let groupsOthers = field.other ?? false
      try check(
        !groupsOthers || !categories.isEmpty,
        "feature \"\(field.name)\" groups others in no category")
      return FeatureSpec(
        name: field.name, type: .string, encoding: .categorical(categories),
        groupsOthers: groupsOthers)
    default:
      throw invalid("feature \"\(field.name)\" has an unknown encoding \"\(field.encoding)\"")
    }
  }

  private static func trees(
    _ field: BoostedField, features: [FeatureSpec]
  ) throws(Diagnostic) -> GradientBoostedTrees {
    try check(field.bins.count == features.count, "bins and features differ in count")
    var mappers: [BinMapper] = []
    for (spec, bins) in zip(features, field.bins) {
      switch spec.encoding {
      case .numeric:
        guard let bounds = bins.upperBounds else {
          throw invalid("numeric feature \"\(spec.name)\" has no upper bounds")
        }
        try check(bounds.count <= 254, "feature \"\(spec.name)\" has too many bins")
        try check(
          zip(bounds, bounds.dropFirst()).allSatisfy { $0 <= $1 },
          "the bounds of \"\(spec.name)\" are not ascending")
        mappers.append(BinMapper(kind: .numeric(upperBounds: bounds)))
      case .categorical(let categories):
        try check(bins.categories == categories.count, "the bins of \"\(spec.name)\" are wrong")
        mappers.append(BinMapper(kind: .categorical(count: categories.count)))
      }
    }
    var trees: [RegressionTree] = []
    for tree in field.trees {
      try check(tree.leaves.count == tree.nodes.count + 1, "a tree has the wrong number of leaves")
      var nodes: [RegressionTree.Node] = []
      for (index, node) in tree.nodes.enumerated() {
        try check(mappers.indices.contains(node.feature), "a split names an unknown feature")
        let mapper = mappers[node.feature]
        for child in [node.left, node.right] {
          // Children come after their parent, so every path ends at a leaf.
          let valid =
            child >= 0 ? child > index && child < tree.nodes.count : -1 - child < tree.leaves.count
          try check(valid, "a tree node points outside its tree")
        }
        var mask: UInt64 = 0
        if mapper.isCategorical {
          for category in node.leftCategories ?? [] {
            try check(
              category >= 0 && category < mapper.valueBinCount, "a split names an unknown category")
            mask |= 1 << UInt64(category)
          }
        } else {
          let threshold = node.threshold ?? -1
          try check(
            threshold >= 0 && threshold < mapper.valueBinCount, "a split threshold is out of range")
        }
        nodes.append(
          RegressionTree.Node(
            feature: node.feature, threshold: node.threshold ?? 0, leftCategories: mask,
            isCategorical: mapper.isCategorical, missingLeft: node.missingLeft,
            left: Int32(node.left), right: Int32(node.right), gain: node.gain))
      }
      // Row counts come all together or not at all (older files have none).
      let nodeCounts = tree.nodes.compactMap(\.count)
      let leafCounts = tree.leafCounts ?? []
      let hasCounts = nodeCounts.count == tree.nodes.count && leafCounts.count == tree.leaves.count
      try check(
        hasCounts || (nodeCounts.isEmpty && leafCounts.isEmpty),
        "a tree has row counts on some nodes or leaves only")
      try check(
        (nodeCounts + leafCounts).allSatisfy { $0 >= 0 && $0.isFinite },
        "a tree has a negative row count")
      trees.append(
        RegressionTree(
          nodes: nodes, leafValues: tree.leaves, missingBins: mappers.map(\.missingBin),
          nodeCounts: hasCounts ? nodeCounts : [], leafCounts: hasCounts ? leafCounts : []))
    }
    return GradientBoostedTrees(
      objective: field.objective, mappers: mappers, trees: trees,
      initialScore: field.initialScore)
  }

  private static func design(
    _ terms: [TermField], features: [FeatureSpec]
  ) throws(Diagnostic) -> LinearDesign {
    var result: [LinearDesign.Term] = []
    for term in terms {
      try check(features.indices.contains(term.feature), "a term names an unknown feature")
      try check(term.scale != 0 && term.scale.isFinite, "a term has a zero scale")
      let kind: LinearDesign.TermKind
      switch (term.kind, features[term.feature].encoding) {
      case ("value", .numeric): kind = .value(imputed: term.imputed ?? 0)
      case ("missing", .numeric): kind = .missing
      case ("category", .categorical(let categories)):
        let code = term.category ?? -1
        try check(code >= 0 && code < categories.count, "a term names an unknown category")
        kind = .category(Int32(code))
      default: throw invalid("a term of kind \"\(term.kind)\" does not fit its feature")
      }
      result.append(
        LinearDesign.Term(feature: term.feature, kind: kind, mean: term.mean, scale: term.scale))
    }
    return LinearDesign(terms: result)
  }

  /// A lifetime model's parameters: the expected names in order, positive and finite.
  private static func estimates(
    _ field: LifetimeField?, names: [String]
  ) throws(Diagnostic) -> (values: [Double], errors: [Double]) {
    guard let field else { throw invalid("missing the \"lifetime\" section") }
    try check(
      field.estimates.map(\.name) == names,
      "the parameters must be " + names.map { "\"\($0)\"" }.joined(separator: ", "))
    try check(
      field.estimates.allSatisfy { $0.value > 0 && $0.value.isFinite },
      "a parameter is not a positive number")
    return (field.estimates.map(\.value), field.estimates.map(\.standardError))
  }

  private static func check(_ condition: Bool, _ reason: String) throws(Diagnostic) {
    if !condition { throw invalid(reason) }
  }

  private static func invalid(_ reason: String) -> Diagnostic {
    LearnDiagnostics.invalidModelFile(reason)
  }
}
