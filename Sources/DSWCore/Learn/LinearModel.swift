import Foundation

/// A fitted linear model (`linear` or `logistic`) on standardized terms.
///
/// `score = intercept + Σ coefficient·(term − mean)/scale`; for `logistic` the
/// probability is the sigmoid of that. Coefficients are kept on the
/// standardized scale (that is what was fitted, and scoring repeats it
/// exactly); `originalCoefficients` converts them back to the input's units.
public struct LinearModel: Sendable, Hashable {
  /// How the linear score becomes a prediction.
  public enum Link: String, Sendable, Hashable, Codable {
    case identity
    case logistic
  }

  var link: Link
  var design: LinearDesign
  var coefficients: [Double]
  var intercept: Double

  /// Coefficients per unit of each term, and the matching intercept.
  var originalCoefficients: (coefficients: [Double], intercept: Double) {
    var intercept = self.intercept
    var coefficients: [Double] = []
    for (term, coefficient) in zip(design.terms, self.coefficients) {
      let original = coefficient / term.scale
      coefficients.append(original)
      intercept -= original * term.mean
    }
    return (coefficients, intercept)
  }

  func predict(_ frame: FeatureFrame) -> [Double] {
    var scores = [Double](repeating: intercept, count: frame.rowCount)
    for index in design.terms.indices {
      let coefficient = coefficients[index]
      let column = design.standardizedColumn(index, frame)
      for row in column.indices { scores[row] += coefficient * column[row] }
    }
    return link == .logistic ? scores.map(GradientBoostedTrees.sigmoid) : scores
  }

  /// Ridge regression on the standardized design: minimizes
  /// ‖y − b − Zβ‖² + α‖β‖², the intercept unpenalized (scikit-learn's `Ridge`).
  static func fitRidge(
    design: LinearDesign, frame: FeatureFrame, labels: [Double], alpha: Double,
    isCancelled: @Sendable () -> Bool = { false }
  ) throws(Diagnostic) -> LinearModel {
    let width = design.terms.count
    let rowCount = frame.rowCount
    let matrix = design.matrix(frame)
    let meanLabel = labels.reduce(0, +) / Double(max(rowCount, 1))
    // Center the columns as well: standardized training columns have mean ~0,
    // and centering makes the intercept exactly the label mean's partner.
    var columnMeans = [Double](repeating: 0, count: width)
    for row in 0..<rowCount {
      for index in 0..<width { columnMeans[index] += matrix[row * width + index] }
    }
    for index in 0..<width { columnMeans[index] /= Double(max(rowCount, 1)) }
    var centered = matrix
    for row in 0..<rowCount {
      for index in 0..<width { centered[row * width + index] -= columnMeans[index] }
    }
    var gram = LinearAlgebra.weightedGram(
      centered, width: width, rowCount: rowCount, weights: nil, intercept: false,
      isCancelled: isCancelled)
    if isCancelled() { throw LearnDiagnostics.interrupted }
    for index in 0..<width { gram[index * width + index] += alpha }
    var rhs = [Double](repeating: 0, count: width)
    for row in 0..<rowCount {
      let residual = labels[row] - meanLabel
      for index in 0..<width { rhs[index] += centered[row * width + index] * residual }
    }
    let coefficients = LinearAlgebra.solveSymmetric(gram, rhs)
    var intercept = meanLabel
    for index in 0..<width { intercept -= coefficients[index] * columnMeans[index] }
    return LinearModel(
      link: .identity, design: design, coefficients: coefficients, intercept: intercept)
  }

  /// L2-regularized logistic regression by Newton's method with a backtracking
  /// line search: minimizes Σ logloss + ‖β‖²/(2C), the intercept unpenalized
  /// (scikit-learn's `LogisticRegression(C:)`).
  static func fitLogistic(
    design: LinearDesign, frame: FeatureFrame, labels: [Double], inverseStrength: Double,
    isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> LinearModel {
    let width = design.terms.count
    let size = width + 1
    let rowCount = frame.rowCount
    let matrix = design.matrix(frame)
    let penalty = 1 / inverseStrength
    let mean = min(max(labels.reduce(0, +) / Double(max(rowCount, 1)), 1e-12), 1 - 1e-12)
    var parameters = [Double](repeating: 0, count: size)  // intercept first
    parameters[0] = log(mean / (1 - mean))

    func linearScores(_ parameters: [Double]) -> [Double] {
      var scores = [Double](repeating: parameters[0], count: rowCount)
      for row in 0..<rowCount {
        var sum = parameters[0]
        for index in 0..<width { sum += parameters[index + 1] * matrix[row * width + index] }
        scores[row] = sum
      }
      return scores
    }
    func objective(_ parameters: [Double], _ scores: [Double]) -> Double {
      var total = 0.0
      for row in 0..<rowCount {
        let score = scores[row]
        let softplus = score > 0 ? score + log1p(exp(-score)) : log1p(exp(score))
        total += softplus - labels[row] * score
      }
      for index in 1..<size { total += 0.5 * penalty * parameters[index] * parameters[index] }
      return total
    }

    var scores = linearScores(parameters)
    var current = objective(parameters, scores)
    let maxIterations = 100
    for iteration in 0..<maxIterations {
      if isCancelled() { throw LearnDiagnostics.interrupted }
      var weights = [Double](repeating: 0, count: rowCount)
      var gradient = [Double](repeating: 0, count: size)
      for row in 0..<rowCount {
        let probability = GradientBoostedTrees.sigmoid(scores[row])
        weights[row] = probability * (1 - probability)
        let residual = probability - labels[row]
        gradient[0] += residual
        for index in 0..<width { gradient[index + 1] += residual * matrix[row * width + index] }
      }
      for index in 1..<size { gradient[index] += penalty * parameters[index] }
      let largest = gradient.reduce(0) { max($0, abs($1)) }
      if largest <= 1e-10 * Double(max(rowCount, 1)) { break }
      var hessian = LinearAlgebra.weightedGram(
        matrix, width: width, rowCount: rowCount, weights: weights, intercept: true,
        isCancelled: isCancelled)
      if isCancelled() { throw LearnDiagnostics.interrupted }
      for index in 1..<size { hessian[index * size + index] += penalty }
      let step = LinearAlgebra.solveSymmetric(hessian, gradient.map { -$0 })
      let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
      var length = 1.0
      var accepted = false
      for _ in 0..<40 {
        if isCancelled() { throw LearnDiagnostics.interrupted }
        let candidate = zip(parameters, step).map { $0 + length * $1 }
        let candidateScores = linearScores(candidate)
        let value = objective(candidate, candidateScores)
        if value <= current + 1e-4 * length * slope || value.isNaN == false && value < current {
          parameters = candidate
          scores = candidateScores
          current = value
          accepted = true
          break
        }
        length /= 2
      }
      progress(Double(iteration + 1) / Double(maxIterations))
      let stepSize = step.reduce(0) { max($0, abs($1)) } * length
      if !accepted || stepSize < 1e-12 { break }
    }
    progress(1)
    return LinearModel(
      link: .logistic, design: design, coefficients: Array(parameters[1...]),
      intercept: parameters[0])
  }
}
