import Foundation

/// A deterministic pseudo-random generator: xoshiro256**, seeded by SplitMix64.
///
/// All randomness in dsw (synthetic data, sampling, splits, model training)
/// comes from here, so the same seed gives the same bytes on every machine.
/// The system's generator is never used.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var splitMix = seed
    func nextSplitMix() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
  }

  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  @inline(__always)
  private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  /// A double uniformly in [0, 1), from the top 53 bits.
  @inline(__always)
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// An integer uniformly in `0..<bound` (bound > 0), without modulo bias
  /// worth noticing (Lemire's multiply-shift).
  @inline(__always)
  public mutating func nextInt(below bound: Int) -> Int {
    Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A standard normal deviate (Box–Muller).
  public mutating func nextGaussian() -> Double {
    let u1 = max(nextDouble(), 0x1.0p-53)
    let u2 = nextDouble()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A derived, independent generator (for parallel or per-entity streams).
  public func split(_ stream: UInt64) -> SeededRandom {
    SeededRandom(seed: state.0 ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ state.3)
  }
}
