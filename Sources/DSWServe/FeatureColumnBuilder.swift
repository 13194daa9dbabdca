import DSWCore

/// Collects one feature's values from JSON into a column of a type the
/// feature accepts at scoring.
struct FeatureColumnBuilder {
  let spec: FeatureSpec
  private var numbers: [Double] = []
  private var flags: [Bool] = []
  private var micros: [Int64] = []
  private var strings: [String?] = []
  private var valid: [Bool] = []

  init(_ spec: FeatureSpec) { self.spec = spec }

  mutating func reserve(_ count: Int) {
    valid.reserveCapacity(count)
    switch spec.type {
    case .int, .double: numbers.reserveCapacity(count)
    case .bool: flags.reserveCapacity(count)
    case .date, .timestamp: micros.reserveCapacity(count)
    case .string: strings.reserveCapacity(count)
    }
  }

  /// Adds one value; `row` names it in errors.
  mutating func append(_ node: JSONNode, row: Int) throws(Problem) {
    if case .null = node.content {
      valid.append(false)
      switch spec.type {
      case .int, .double: numbers.append(0)
      case .bool: flags.append(false)
      case .date, .timestamp: micros.append(0)
      case .string: strings.append(nil)
      }
      return
    }
    switch (spec.type, node.content) {
    case (.int, .int(let number)), (.double, .int(let number)):
      numbers.append(Double(number))
    case (.int, .double(let number)), (.double, .double(let number)):
      numbers.append(number)
    case (.bool, .bool(let flag)):
      flags.append(flag)
    case (.date, .string(let text)), (.timestamp, .string(let text)):
      // A bare date is midnight, so date strings score exactly as a date column does.
      guard let value = CivilTime.parseTimestamp(text[...]) else {
        throw Problem.badRow(
          "wrong-type", title: "Wrong type",
          detail:
            "row \(row): `\(spec.name)` must be a \(spec.type.rawValue) written as \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM:SS\"",
          row: row, field: spec.name)
      }
      micros.append(value)
    case (.string, .string(let text)):
      strings.append(text)
    default:
      throw Problem.badRow(
        "wrong-type", title: "Wrong type",
        detail:
          "row \(row): `\(spec.name)` must be \(expected) or null, not \(node.kindDescription)",
        row: row, field: spec.name)
    }
    valid.append(true)
  }

  /// What a value of this feature looks like in JSON, for errors.
  var expected: String {
    switch spec.type {
    case .int, .double: "a number"
    case .bool: "true or false"
    case .date: "a date string"
    case .timestamp: "a timestamp string"
    case .string: "a string"
    }
  }

  func build() -> Column {
    let validity = valid.contains(false) ? Bitmap(valid) : nil
    switch spec.type {
    case .int, .double: return Column(doubles: numbers, validity: validity)
    case .bool: return Column(bools: flags, validity: validity)
    case .date, .timestamp: return Column(timestamps: micros, validity: validity)
    case .string: return Column(strings: strings)
    }
  }
}
