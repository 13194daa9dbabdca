import DSWCore

/// Random JSON documents for property tests of the writer and parser.
///
/// The alphabet stresses what Python's writer treats specially: quotes,
/// backslashes, every kind of control character, DEL, line separators,
/// combining marks, astral characters and key order by code point.
struct RandomJSON {
  var random: SeededRandom

  init(seed: UInt64) {
    random = SeededRandom(seed: seed)
  }

  static let alphabet: [Unicode.Scalar] = [
    "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}",
    "\u{01}", "\u{1F}", "\u{7F}", "é", "ß", "\u{2028}", "\u{2029}", "中", "😀", "\u{0301}",
    "\u{FEFF}", "\u{10FFFF}", "~", "{", "}", "[", ":", ",", "\u{80}", "\u{FFFF}",
  ]

  static let edgeDoubles: [Double] = [
    0.0, -0.0, 1e16, 1e15, 9.999999999999999e15, 1e-4, 9.9e-5, 1e-5, .leastNonzeroMagnitude,
    1.7976931348623157e308, 2.0e16, 123456789.123, 0.1, 1e22, 1e21,
  ]

  mutating func string() -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<random.nextInt(below: 8) {
      scalars.append(Self.alphabet[random.nextInt(below: Self.alphabet.count)])
    }
    return String(scalars)
  }

  mutating func double() -> Double {
    switch random.nextInt(below: 6) {
    case 0:
      while true {
        let value = Double(bitPattern: random.next())
        if value.isFinite { return value }
      }
    case 1: return Double(random.nextInt(below: 2000) - 1000) / 10
    case 2: return Double(random.nextInt(below: 1000)) * powerOfTen(random.nextInt(below: 40) - 20)
    case 3: return random.nextDouble()
    case 4: return Self.edgeDoubles[random.nextInt(below: Self.edgeDoubles.count)]
    default: return Double(Int64(bitPattern: random.next()) >> Int64(random.nextInt(below: 64)))
    }
  }

  private func powerOfTen(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value = exponent >= 0 ? value * 10 : value / 10 }
    return value
  }

  mutating func value(depth: Int = 0) -> JSONValue {
    switch random.nextInt(below: depth > 3 ? 6 : 8) {
    case 0: return .null
    case 1: return .bool(random.nextInt(below: 2) == 0)
    case 2: return .int(Int64(bitPattern: random.next()) >> Int64(random.nextInt(below: 64)))
    case 3: return .double(double())
    case 4, 5: return .string(string())
    case 6:
      var items: [JSONValue] = []
      for _ in 0..<random.nextInt(below: 5) { items.append(value(depth: depth + 1)) }
      return .array(items)
    default:
      var members: [String: JSONValue] = [:]
      for _ in 0..<random.nextInt(below: 5) { members[string()] = value(depth: depth + 1) }
      return .object(members)
    }
  }
}
