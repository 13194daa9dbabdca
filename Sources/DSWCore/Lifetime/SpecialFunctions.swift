import Foundation

/// The special functions the lifetime-value models need.
enum SpecialFunctions {
  /// log Γ(x) for x > 0.
  static func logGamma(_ x: Double) -> Double { lgamma(x) }

  /// ψ(x) = d/dx log Γ(x) for x > 0: the recurrence up to x >= 10, then the
  /// asymptotic series (absolute error below 1e-12).
  static func digamma(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return value == .infinity ? .infinity : .nan }
    var x = value
    var result = 0.0
    while x < 10 {
      result -= 1 / x
      x += 1
    }
    let inverse = 1 / x
    let square = inverse * inverse
    result += log(x) - 0.5 * inverse
    result -=
      square
      * (1.0 / 12 - square
        * (1.0 / 120 - square * (1.0 / 252 - square * (1.0 / 240 - square / 132))))
    return result
  }

  /// The most terms `logHypergeometric` sums before giving up (it returns NaN).
  static let hypergeometricTermLimit = 2_000_000

  /// log ₂F₁(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, by its power series.
  ///
  /// With positive parameters every term is positive, so the sum has no
  /// cancellation; it is rescaled as it grows, so large sums do not overflow.
  static func logHypergeometric(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
    guard a > 0, b > 0, c > 0, z >= 0, z < 1 else { return .nan }
    if z == 0 { return 0 }
    var term = 1.0
    var sum = 1.0
    var logScale = 0.0
    var n = 0.0
    while n < Double(hypergeometricTermLimit) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
      sum += term
      n += 1
      if sum > 1e250 {
        sum /= 1e250
        term /= 1e250
        logScale += 250 * log(10.0)
      }
      // The term ratio tends to z; once below 1 (and taken no smaller than z),
      // the rest is at most term·r/(1−r).
      let ratio = max((a + n) * (b + n) / ((c + n) * (n + 1)) * z, z)
      if ratio < 1 && term * ratio / (1 - ratio) <= sum * 1e-16 { return log(sum) + logScale }
    }
    return .nan
  }
}
