import Foundation

/// The BG/NBD model of repeat purchasing (Fader, Hardie and Lee, "Counting
/// your customers the easy way", 2005), with the formulas of the `lifetimes`
/// Python package.
///
/// While alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each
/// purchase they drop out with probability p ~ Beta(a, b). A customer is seen
/// through `x` repeat purchases (frequency), the time of the last one `t_x`
/// (recency, from the first purchase) and the time since the first purchase
/// `T` (age), all in one unit of time.
public struct BGNBDModel: Sendable, Hashable {
  public var r: Double
  public var alpha: Double
  public var a: Double
  public var b: Double
  /// Standard errors of r, α, a and b, in that order.
  public var standardErrors: [Double]

  public static let parameterNames = ["r", "alpha", "a", "b"]

  var parameters: [Double] { [r, alpha, a, b] }

  init(parameters: [Double], standardErrors: [Double]) {
    r = parameters[0]
    alpha = parameters[1]
    a = parameters[2]
    b = parameters[3]
    self.standardErrors = standardErrors
  }

  /// One customer's log-likelihood and its gradient in (r, α, a, b).
  static func logLikelihood(
    _ parameters: [Double], x: Double, recency: Double, age: Double
  ) -> (value: Double, gradient: [Double]) {
    let (r, alpha, a, b) = (parameters[0], parameters[1], parameters[2], parameters[3])
    let lg = SpecialFunctions.logGamma
    let a1 = lg(r + x) - lg(r) + r * log(alpha)
    let a2 = lg(a + b) + lg(b + x) - lg(b) - lg(a + b + x)
    let a3 = -(r + x) * log(alpha + age)
    var value = a1 + a2
    // The share of each of the two ways to see x purchases: still alive at T,
    // or dropped out right after the last purchase (only when x > 0).
    var alive = 1.0
    var dropped = 0.0
    if x > 0 {
      let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + recency)
      let top = max(a3, a4)
      let sum = exp(a3 - top) + exp(a4 - top)
      value += top + log(sum)
      alive = exp(a3 - top) / sum
      dropped = exp(a4 - top) / sum
    } else {
      value += a3
    }
    let psi = SpecialFunctions.digamma
    let dr =
      psi(r + x) - psi(r) + log(alpha) - alive * log(alpha + age)
      - dropped * log(alpha + recency)
    let dAlpha = r / alpha - alive * (r + x) / (alpha + age) - dropped * (r + x) / (alpha + recency)
    let shared = psi(a + b) - psi(a + b + x)
    let da = shared + dropped / a
    let db = shared + psi(b + x) - psi(b) - (x > 0 ? dropped / (b + x - 1) : 0)
    return (value, [dr, dAlpha, da, db])
  }

  /// The mean negative log-likelihood over customers and its gradient.
  static func objective(
    x: [Double], recency: [Double], age: [Double]
  ) -> MaximumLikelihood.Objective {
    { parameters in
      var total = 0.0
      var gradient = [Double](repeating: 0, count: 4)
      for row in x.indices {
        let (value, partial) = logLikelihood(
          parameters, x: x[row], recency: recency[row], age: age[row])
        total -= value
        for index in 0..<4 { gradient[index] -= partial[index] }
      }
      let count = Double(max(x.count, 1))
      return (total / count, gradient.map { $0 / count })
    }
  }

  /// The expected number of repeat purchases in the next `horizon` time
  /// units of a customer with this history (`lifetimes`'
  /// `conditional_expected_number_of_purchases_up_to_time`).
  func expectedPurchases(horizon t: Double, x: Double, recency: Double, age: Double) -> Double {
    if t <= 0 { return 0 }
    let z = t / (alpha + age + t)
    let logHypergeometric = SpecialFunctions.logHypergeometric(r + x, b + x, a + b + x - 1, z)
    let first = (a + b + x - 1) / (a - 1)
    let second = 1 - exp(logHypergeometric + (r + x) * log((alpha + age) / (alpha + t + age)))
    let denominator =
      1 + (x > 0 ? a / (b + x - 1) * pow((alpha + age) / (alpha + recency), r + x) : 0)
    return first * second / denominator
  }

  /// The probability that a customer with this history is still alive at `age`.
  func probabilityAlive(x: Double, recency: Double, age: Double) -> Double {
    guard x > 0 else { return 1 }
    let logRatio = (r + x) * log((alpha + age) / (alpha + recency)) + log(a / (b + x - 1))
    return 1 / (1 + exp(logRatio))
  }

  /// Expected repeat purchases in (0, t] of a new customer: the model's
  /// population curve, for comparing with what was observed.
  func expectedPurchasesOfNewCustomer(_ t: Double) -> Double {
    guard t > 0 else { return 0 }
    let z = t / (alpha + t)
    let logHypergeometric = SpecialFunctions.logHypergeometric(r, b, a + b - 1, z)
    return (a + b - 1) / (a - 1) * (1 - exp(r * log(alpha / (alpha + t)) + logHypergeometric))
  }
}
