import Foundation

/// The hyperparameters of `gbt`; the defaults follow LightGBM's.
public struct BoostingParameters: Sendable, Hashable {
  public var trees = 100
  public var maxLeaves = 31
  /// 0: unlimited (growth is bounded by `maxLeaves`).
  public var maxDepth = 0
  public var learningRate = 0.1
  /// The least hessian sum a leaf may have (LightGBM's min_sum_hessian_in_leaf).
  public var minChildWeight = 1e-3
  public var minDataInLeaf = 20
  public var l2 = 0.0
  public var bins = 255
  /// Stop when the holdout loss has not improved for this many trees.
  public var earlyStopping: Int?

  public init() {}
}

/// Fits a `GradientBoostedTrees` ensemble by Newton boosting.
enum GradientBoosting {
  static func fit(
    objective: GradientBoostedTrees.Objective, specs: [FeatureSpec], training: FeatureFrame,
    labels: [Double], holdout: (frame: FeatureFrame, labels: [Double])?,
    parameters: BoostingParameters, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void
  ) throws(Diagnostic) -> GradientBoostedTrees {
    let mappers = zip(specs, training.values).map { spec, values -> BinMapper in
      switch (spec.encoding, values) {
      case (.categorical(let categories), _):
        return BinMapper(kind: .categorical(count: categories.count))
      case (.numeric, .numeric(let numbers)):
        return BinMapper.numeric(numbers, maxBins: parameters.bins)
      case (.numeric, .categorical):
        return BinMapper(kind: .numeric(upperBounds: []))
      }
    }
    let rowCount = training.rowCount
    let mean = labels.reduce(0, +) / Double(max(rowCount, 1))
    let initialScore: Double
    switch objective {
    case .logistic:
      let rate = min(max(mean, 1e-15), 1 - 1e-15)
      initialScore = log(rate / (1 - rate))
    case .squaredError:
      initialScore = mean
    }
    var model = GradientBoostedTrees(
      objective: objective, mappers: mappers, trees: [], initialScore: initialScore)
    let codes = model.binned(training)
    let learner = TreeLearner(
      codes: codes, mappers: mappers, rowCount: rowCount,
      configuration: TreeLearner.Configuration(
        maxLeaves: parameters.maxLeaves, maxDepth: parameters.maxDepth,
        minDataInLeaf: parameters.minDataInLeaf, minChildWeight: parameters.minChildWeight,
        l2: parameters.l2, learningRate: parameters.learningRate))

    let holdoutCodes = holdout.map { model.binned($0.frame) } ?? []
    var holdoutScores = [Double](repeating: initialScore, count: holdout?.frame.rowCount ?? 0)
    var bestLoss = Double.infinity
    var bestTreeCount = 0

    var scores = [Double](repeating: initialScore, count: rowCount)
    var gradients = [Double](repeating: 0, count: rowCount)
    var hessians = [Double](repeating: 1, count: rowCount)
    for treeIndex in 0..<parameters.trees {
      if isCancelled() { throw LearnDiagnostics.interrupted }
      computeGradients(objective, scores: scores, labels: labels, &gradients, &hessians)
      let tree = learner.grow(
        gradients: gradients, hessians: hessians, scores: &scores, isCancelled: isCancelled)
      // A tree cut short by Ctrl-C is not the model asked for.
      if isCancelled() { throw LearnDiagnostics.interrupted }
      model.trees.append(tree)
      if let holdout, let patience = parameters.earlyStopping, !holdout.labels.isEmpty {
        GradientBoostedTrees.withPointers(holdoutCodes) { pointers in
          holdoutScores.withUnsafeMutableBufferPointer { buffer in
            guard let output = buffer.baseAddress else { return }
            tree.accumulate(codes: pointers, rows: 0..<buffer.count, into: output)
          }
        }
        let loss = holdoutLoss(objective, scores: holdoutScores, labels: holdout.labels)
        if loss < bestLoss {
          bestLoss = loss
          bestTreeCount = model.trees.count
        } else if model.trees.count - bestTreeCount >= patience {
          model.trees.removeLast(model.trees.count - bestTreeCount)
          progress(1)
          break
        }
      }
      progress(Double(treeIndex + 1) / Double(parameters.trees))
    }
    return model
  }

  private static func computeGradients(
    _ objective: GradientBoostedTrees.Objective, scores: [Double], labels: [Double],
    _ gradients: inout [Double], _ hessians: inout [Double]
  ) {
    switch objective {
    case .logistic:
      // Element by element, so halves on two cores give the same numbers.
      let count = scores.count
      let parts = count >= 16_384 ? 2 : 1
      scores.withUnsafeBufferPointer { scores in
        labels.withUnsafeBufferPointer { labels in
          gradients.withUnsafeMutableBufferPointer { gradients in
            hessians.withUnsafeMutableBufferPointer { hessians in
              let (g, h) = (gradients, hessians)
              ParallelWork.run(parts: parts) { part in
                for index in (count * part / parts)..<(count * (part + 1) / parts) {
                  let probability = GradientBoostedTrees.sigmoid(scores[index])
                  g[index] = probability - labels[index]
                  h[index] = max(probability * (1 - probability), 1e-16)
                }
              }
            }
          }
        }
      }
    case .squaredError:
      for index in scores.indices { gradients[index] = scores[index] - labels[index] }
    }
  }

  private static func holdoutLoss(
    _ objective: GradientBoostedTrees.Objective, scores: [Double], labels: [Double]
  ) -> Double {
    switch objective {
    case .logistic:
      return Metrics.logLoss(
        probabilities: scores.map(GradientBoostedTrees.sigmoid), labels: labels.map { $0 == 1 })
    case .squaredError:
      var total = 0.0
      for index in scores.indices {
        let error = scores[index] - labels[index]
        total += error * error
      }
      return total / Double(max(scores.count, 1))
    }
  }
}
