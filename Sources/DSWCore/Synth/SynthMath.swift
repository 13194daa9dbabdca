/// Arithmetic for the generators that gives the same bits on every machine.
///
/// The platform's `exp`, `log` and `cos` may differ in the last bit between C
/// libraries, which would break "same seed, same bytes". These use only IEEE
/// basic operations (add, multiply, divide, round), which are exact everywhere.
enum SynthMath {
  private static let ln2Hi = 6.93147180369123816490e-01
  private static let ln2Lo = 1.90821492927058770002e-10
  private static let invLn2 = 1.44269504088896338700e+00

  /// e^x to about 1 ulp, from range reduction and a Taylor polynomial.
  static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709 { return .infinity }
    if x < -745 { return 0 }
    let k = (x * invLn2).rounded()
    let r = (x - k * ln2Hi) - k * ln2Lo
    // |r| <= 0.35, so twelve terms leave an error far below one ulp.
    var term = 1.0
    var sum = 1.0
    for n in 1...12 {
      term = term * r / Double(n)
      sum += term
    }
    let exponent = Int(k)
    // Split the scaling in two so subnormal results do not overflow the exponent.
    let half = exponent / 2
    return sum * Double(sign: .plus, exponent: half, significand: 1)
      * Double(sign: .plus, exponent: exponent - half, significand: 1)
  }

  /// The logistic function 1 / (1 + e^-x).
  static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// An approximately standard normal deviate from one 64-bit draw.
  ///
  /// The sum of four 16-bit uniforms (Irwin–Hall), centred and scaled: cheap,
  /// bit-exact, and bounded to about ±3.46, which suits latent traits.
  @inline(__always)
  static func normal(_ random: inout SeededRandom) -> Double {
    let bits = random.next()
    let sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48)
    return (Double(sum) - 131_070) * (1 / 37_837.226_8)
  }
}

/// The logistic function tabulated on a fine grid, for per-day probabilities.
///
/// The simulator asks for a logistic probability several times per user-day;
/// a table lookup keeps that cheap. Inputs are clamped to ±12.
struct LogisticTable: Sendable {
  private static let stepsPerUnit = 64.0
  private static let limit = 12.0
  private let values: [Double]

  init() {
    let count = Int(2 * Self.limit * Self.stepsPerUnit) + 1
    values = (0..<count).map { index in
      SynthMath.logistic(Double(index) / Self.stepsPerUnit - Self.limit)
    }
  }

  @inline(__always)
  func callAsFunction(_ x: Double) -> Double {
    let clamped = min(max(x, -Self.limit), Self.limit)
    let index = Int(((clamped + Self.limit) * Self.stepsPerUnit).rounded())
    return values[index]
  }
}
