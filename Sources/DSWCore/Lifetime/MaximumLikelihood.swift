import Foundation

/// Maximum likelihood for the few positive parameters of a lifetime-value
/// model: Newton's method on the logs of the parameters (so they stay
/// positive), with the Hessian from central differences of the analytic
/// gradient, a Levenberg ridge where it is not positive definite, and a
/// backtracking line search. Standard errors come from the inverse Hessian of
/// the total negative log-likelihood at the optimum, in the parameters' own
/// units.
enum MaximumLikelihood {
  /// The mean negative log-likelihood over the rows and its gradient, at
  /// positive parameters; a non-finite value means "outside the model".
  typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

  struct Fit: Sendable, Hashable {
    var parameters: [Double]
    var standardErrors: [Double]
    /// The total log-likelihood over the rows.
    var logLikelihood: Double
    var iterations: Int
    var converged: Bool
  }

  static let maxIterations = 500
  /// The largest gradient component (per row, in log parameters) at convergence.
  static let gradientTolerance = 1e-9

  static func fit(
    start: [Double], rowCount: Int, objective: Objective, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void = { _ in }
  ) throws(Diagnostic) -> Fit {
    let size = start.count
    var logs = start.map { log($0) }
    func evaluate(_ logs: [Double]) -> (value: Double, gradient: [Double]) {
      let parameters = logs.map { exp($0) }
      let (value, gradient) = objective(parameters)
      return (value, zip(gradient, parameters).map { $0 * $1 })
    }
    var current = evaluate(logs)
    var converged = false
    var iterations = 0
    while iterations < maxIterations {
      if isCancelled() { throw LearnDiagnostics.interrupted }
      iterations += 1
      // Below this the mean log-likelihood no longer changes in its last digits.
      if current.gradient.allSatisfy({ abs($0) < gradientTolerance }) {
        converged = true
        break
      }
      let hessian = differencedHessian(at: logs, step: 1e-5) { evaluate($0).gradient }
      var ridge = 0.0
      var direction: [Double] = []
      while direction.isEmpty {
        if let lower = LinearAlgebra.cholesky(hessian, size: size, jitter: ridge),
          lower.allSatisfy(\.isFinite)
        {
          direction = LinearAlgebra.choleskySolve(lower, current.gradient.map { -$0 }, size: size)
        } else {
          ridge = max(ridge * 10, 1e-6)
          // No positive definite ridge: fall back to steepest descent.
          if ridge > 1e12 { direction = current.gradient.map { -$0 } }
        }
      }
      // Steps of more than a factor e^5 in a parameter are cut back.
      let largest = direction.reduce(0) { max($0, abs($1)) }
      if largest > 5 { direction = direction.map { $0 * 5 / largest } }
      var length = 1.0
      var accepted = false
      let slope = zip(direction, current.gradient).reduce(0) { $0 + $1.0 * $1.1 }
      for _ in 0..<60 {
        let candidate = zip(logs, direction).map { $0 + length * $1 }
        let next = evaluate(candidate)
        if next.value.isFinite && next.value <= current.value + 1e-4 * length * min(slope, 0) {
          // A step that no longer lowers the value is rounding noise: stop there.
          accepted = next.value < current.value
          logs = candidate
          current = next
          break
        }
        length /= 2
      }
      progress(Double(iterations) / Double(maxIterations))
      if !accepted {
        converged = current.gradient.allSatisfy { abs($0) < 1e-5 }
        break
      }
    }
    let parameters = logs.map { exp($0) }
    // The inverse Hessian of the total in log parameters, by the delta method
    // in the parameters' own units: at the optimum the same as inverting the
    // Hessian in those units, and better conditioned when they differ in
    // scale by orders of magnitude.
    let perRow = differencedHessian(at: logs, step: 1e-5) { evaluate($0).gradient }
    let total = perRow.map { $0 * Double(rowCount) }
    var errors = [Double](repeating: .nan, count: size)
    if let lower = LinearAlgebra.cholesky(total, size: size, jitter: 0) {
      for index in 0..<size {
        var unit = [Double](repeating: 0, count: size)
        unit[index] = 1
        let column = LinearAlgebra.choleskySolve(lower, unit, size: size)
        errors[index] = column[index] > 0 ? parameters[index] * column[index].squareRoot() : .nan
      }
    }
    progress(1)
    return Fit(
      parameters: parameters, standardErrors: errors,
      logLikelihood: -current.value * Double(rowCount), iterations: iterations,
      converged: converged)
  }

  /// The symmetric matrix of central differences of `gradient` around `point` (row-major).
  static func differencedHessian(
    at point: [Double], step h: Double, gradient: ([Double]) -> [Double]
  ) -> [Double] {
    let size = point.count
    var hessian = [Double](repeating: 0, count: size * size)
    for column in 0..<size {
      var up = point
      var down = point
      up[column] += h
      down[column] -= h
      let high = gradient(up)
      let low = gradient(down)
      for row in 0..<size { hessian[row * size + column] = (high[row] - low[row]) / (2 * h) }
    }
    for row in 0..<size {
      for column in (row + 1)..<size {
        let mean = (hessian[row * size + column] + hessian[column * size + row]) / 2
        hessian[row * size + column] = mean
        hessian[column * size + row] = mean
      }
    }
    return hessian
  }
}
