import Foundation

/// The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee,
/// "RFM and CLV: using iso-value curves for customer base analysis", 2005),
/// with the formulas of the `lifetimes` Python package.
///
/// A customer's transactions are worth Gamma(p, ν) amounts, and their ν is
/// Gamma(q, γ) across customers (γ is written `v`). It is fitted on the mean
/// value `m` of each customer's `x` repeat transactions, for customers with
/// x > 0; it assumes spend does not depend on how often a customer buys.
public struct GammaGammaModel: Sendable, Hashable {
  public var p: Double
  public var q: Double
  public var v: Double
  /// Standard errors of p, q and v, in that order.
  public var standardErrors: [Double]

  public static let parameterNames = ["p", "q", "v"]

  var parameters: [Double] { [p, q, v] }

  init(parameters: [Double], standardErrors: [Double]) {
    p = parameters[0]
    q = parameters[1]
    v = parameters[2]
    self.standardErrors = standardErrors
  }

  /// One customer's log-likelihood of its mean spend `m` over `x` transactions,
  /// and its gradient in (p, q, v).
  static func logLikelihood(
    _ parameters: [Double], x: Double, m: Double
  ) -> (value: Double, gradient: [Double]) {
    let (p, q, v) = (parameters[0], parameters[1], parameters[2])
    let lg = SpecialFunctions.logGamma
    let px = p * x
    let value =
      lg(px + q) - lg(px) - lg(q) + q * log(v) + (px - 1) * log(m) + px * log(x)
      - (px + q) * log(x * m + v)
    let psi = SpecialFunctions.digamma
    let dp = x * (psi(px + q) - psi(px) + log(m) + log(x) - log(x * m + v))
    let dq = psi(px + q) - psi(q) + log(v) - log(x * m + v)
    let dv = q / v - (px + q) / (x * m + v)
    return (value, [dp, dq, dv])
  }

  static func objective(x: [Double], m: [Double]) -> MaximumLikelihood.Objective {
    { parameters in
      var total = 0.0
      var gradient = [Double](repeating: 0, count: 3)
      for row in x.indices {
        let (value, partial) = logLikelihood(parameters, x: x[row], m: m[row])
        total -= value
        for index in 0..<3 { gradient[index] -= partial[index] }
      }
      let count = Double(max(x.count, 1))
      return (total / count, gradient.map { $0 / count })
    }
  }

  /// The mean spend the model expects of a customer's future transactions:
  /// their own mean shrunk towards the population's (`lifetimes`'
  /// `conditional_expected_average_profit`). With x = 0 it is the
  /// population mean p·v/(q − 1).
  func expectedSpend(x: Double, m: Double) -> Double {
    let population = v * p / (q - 1)
    let weight = p * x / (p * x + q - 1)
    return (1 - weight) * population + weight * m
  }
}
