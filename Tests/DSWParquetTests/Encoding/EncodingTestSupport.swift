@testable import DSWParquet

/// Bytes from a hex string such as "80 01 04", with `zeros` zero bytes after.
func hexBytes(_ text: String, zeros: Int = 0) -> [UInt8] {
  let digits = Array(text.filter { !$0.isWhitespace })
  var bytes: [UInt8] = []
  var index = 0
  while index + 1 < digits.count {
    bytes.append(UInt8(String(digits[index...index + 1]), radix: 16) ?? 0)
    index += 2
  }
  return bytes + [UInt8](repeating: 0, count: zeros)
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
    return mixed ^ (mixed >> 31)
  }
}

/// Byte arrays built from strings, for readable expectations.
func byteArrays(_ values: [String]) -> ByteArrays {
  var arrays = ByteArrays()
  for value in values { arrays.append(Array(value.utf8)) }
  return arrays
}

func strings(_ arrays: ByteArrays) -> [String] {
  (0..<arrays.count).map { String(decoding: arrays[$0], as: UTF8.self) }
}
