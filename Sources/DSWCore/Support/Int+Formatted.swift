extension Int {
  /// The number with thousands separators: 1,234,567.
  public var formatted: String {
    let digits = String(self.magnitude)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return self < 0 ? "-" + result : result
  }
}

extension Int {
  /// The number and a noun that agrees with it: "1 row", "9,323 rows".
  public func counting(_ noun: String) -> String {
    "\(formatted) \(self == 1 ? noun : noun + "s")"
  }
}
