import Foundation

/// Saves and loads trained models as JSON (docs/model-format.md).
///
/// Doubles are written as their shortest round-trip decimal, so a loaded model
/// holds bit-identical numbers and scores exactly as the saved one. Non-finite
/// numbers are written as the strings "NaN", "Infinity" and "-Infinity". The
/// holdout rows are not saved.
public enum ModelCodec {
  public static func encode(_ model: TrainedModel) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    // Every field is a plain value with a total encoding, so this cannot fail.
    return (try? Array(encoder.encode(file(of: model)))) ?? []
  }

  public static func decode(_ bytes: [UInt8]) throws(Diagnostic) -> TrainedModel {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    let file: ModelFile
    do {
      file = try decoder.decode(ModelFile.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw LearnDiagnostics.invalidModelFile(describe(error))
    } catch {
      throw LearnDiagnostics.invalidModelFile("the JSON could not be read")
    }
    return try ModelFileReader.model(from: file)
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
      return keys.isEmpty ? "the top level" : keys.joined().trimmingCharacters(in: ["."])
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = path(context)
      return
        "missing field \"\(key.stringValue)\"\(parent == "the top level" ? "" : " in \(parent)")"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type at \(path(context))"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "malformed JSON" : "bad value at \(path(context))"
    @unknown default:
      return "malformed JSON"
    }
  }

  private static func file(of model: TrainedModel) -> ModelFile {
    var file = ModelFile(
      format: ModelFile.formatName, version: ModelFile.currentVersion,
      algorithm: model.algorithm, task: model.task, target: model.target,
      positive: model.positiveClass.map(ValueField.init),
      negative: model.negativeClass.map(ValueField.init),
      features: model.features.map { spec in
        switch spec.encoding {
        case .numeric:
          FeatureField(
            name: spec.name, type: spec.type, encoding: "numeric", categories: nil, other: nil)
        case .categorical(let categories):
          FeatureField(
            name: spec.name, type: spec.type, encoding: "categorical", categories: categories,
            other: spec.groupsOthers ? true : nil)
        }
      },
      parameters: model.parameters.map {
        ParameterField(name: $0.name, value: ValueField($0.value))
      },
      metrics: model.metrics.map { MetricField(name: $0.name, value: $0.value) },
      importance: model.featureImportance.map {
        ImportanceField(feature: $0.feature, importance: $0.importance)
      },
      trainingRows: model.trainingRowCount, holdoutRows: model.holdoutRowCount,
      baseRate: model.baseRate, clusterSizes: model.clusterSizes)
    switch model.fitted {
    case .gbt(let boosted):
      file.gbt = BoostedField(
        objective: boosted.objective, initialScore: boosted.initialScore,
        bins: boosted.mappers.map { mapper in
          switch mapper.kind {
          case .numeric(let bounds): BinField(upperBounds: bounds, categories: nil)
          case .categorical(let count): BinField(upperBounds: nil, categories: count)
          }
        },
        trees: boosted.trees.map { tree in
          TreeField(
            nodes: tree.nodes.enumerated().map { index, node in
              NodeField(
                feature: node.feature, threshold: node.isCategorical ? nil : node.threshold,
                leftCategories: node.isCategorical
                  ? (0..<64).filter { (node.leftCategories >> UInt64($0)) & 1 == 1 } : nil,
                missingLeft: node.missingLeft, left: Int(node.left), right: Int(node.right),
                gain: node.gain, count: tree.hasCounts ? tree.nodeCounts[index] : nil)
            }, leaves: tree.leafValues, leafCounts: tree.hasCounts ? tree.leafCounts : nil)
        })
    case .linear(let linear):
      file.linear = LinearField(
        link: linear.link, intercept: linear.intercept, terms: linear.design.terms.map(term),
        coefficients: linear.coefficients)
    case .kmeans(let kmeans):
      let width = kmeans.design.terms.count
      file.kmeans = KMeansField(
        terms: kmeans.design.terms.map(term),
        centres: (0..<kmeans.clusterCount).map {
          Array(kmeans.centres[($0 * width)..<(($0 + 1) * width)])
        })
    case .bgnbd(let model):
      file.lifetime = lifetime(BGNBDModel.parameterNames, model.parameters, model.standardErrors)
    case .gammaGamma(let model):
      file.lifetime = lifetime(
        GammaGammaModel.parameterNames, model.parameters, model.standardErrors)
    }
    return file
  }

  private static func lifetime(
    _ names: [String], _ values: [Double], _ errors: [Double]
  ) -> LifetimeField {
    LifetimeField(
      estimates: names.indices.map {
        EstimateField(name: names[$0], value: values[$0], standardError: errors[$0])
      })
  }

  private static func term(_ term: LinearDesign.Term) -> TermField {
    switch term.kind {
    case .value(let imputed):
      TermField(
        feature: term.feature, kind: "value", imputed: imputed, category: nil, mean: term.mean,
        scale: term.scale)
    case .missing:
      TermField(
        feature: term.feature, kind: "missing", imputed: nil, category: nil, mean: term.mean,
        scale: term.scale)
    case .category(let code):
      TermField(
        feature: term.feature, kind: "category", imputed: nil, category: Int(code),
        mean: term.mean, scale: term.scale)
    }
  }
}
