import DSWCore

/// Collects one feature's values from JSON into a column of a type the
/// feature accepts at scoring.
///
/// Values come either as parsed JSON nodes (`append(_:row:)`, the general
/// reader) or already typed (`appendNull`, `appendNumber`, …, the fast body
/// reader); both build the same column for the same values.
struct FeatureColumnBuilder {
  // The feature's name and type rather than its whole spec: a request makes
  // one builder per feature, so they are kept light to copy and free.
  let name: String
  let type: DataType
  private var numbers: [Double] = []
  private var flags: [Bool] = []
  private var micros: [Int64] = []
  private var strings: [String?] = []
  /// The rows that are null, in order: most features of most rows have a
  /// value, so this stays empty rather than holding a flag per row.
  private var nullRows: [Int] = []
  /// How many values were added.
  private(set) var count = 0

  init(_ spec: FeatureSpec) {
    name = spec.name
    type = spec.type
  }

  mutating func reserve(_ count: Int) {
    switch type {
    case .int, .double: numbers.reserveCapacity(count)
    case .bool: flags.reserveCapacity(count)
    case .date, .timestamp: micros.reserveCapacity(count)
    case .string: strings.reserveCapacity(count)
    }
  }

  /// Adds one value; `row` names it in errors.
  mutating func append(_ node: JSONNode, row: Int) throws(Problem) {
    switch (type, node.content) {
    case (_, .null):
      appendNull()
    case (.int, .int(let number)), (.double, .int(let number)):
      appendNumber(Double(number))
    case (.int, .double(let number)), (.double, .double(let number)):
      appendNumber(number)
    case (.bool, .bool(let flag)):
      appendFlag(flag)
    case (.date, .string(let text)), (.timestamp, .string(let text)):
      // A bare date is midnight, so date strings score exactly as a date column does.
      guard let value = CivilTime.parseTimestamp(text[...]) else {
        throw Problem.badRow(
          "wrong-type", title: "Wrong type",
          detail:
            "row \(row): `\(name)` must be a \(type.rawValue) written as \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM:SS\"",
          row: row, field: name)
      }
      appendMicros(value)
    case (.string, .string(let text)):
      appendString(text)
    default:
      throw Problem.badRow(
        "wrong-type", title: "Wrong type",
        detail:
          "row \(row): `\(name)` must be \(expected) or null, not \(node.kindDescription)",
        row: row, field: name)
    }
  }

  /// A missing value (JSON `null`).
  mutating func appendNull() {
    nullRows.append(count)
    count += 1
    switch type {
    case .int, .double: numbers.append(0)
    case .bool: flags.append(false)
    case .date, .timestamp: micros.append(0)
    case .string: strings.append(nil)
    }
  }

  /// A number, for an int or double feature.
  mutating func appendNumber(_ value: Double) {
    numbers.append(value)
    count += 1
  }

  /// `true` or `false`, for a bool feature.
  mutating func appendFlag(_ value: Bool) {
    flags.append(value)
    count += 1
  }

  /// Microseconds since the epoch, for a date or timestamp feature.
  mutating func appendMicros(_ value: Int64) {
    micros.append(value)
    count += 1
  }

  /// A string, for a categorical feature.
  mutating func appendString(_ text: String) {
    strings.append(text)
    count += 1
  }

  /// What a value of this feature looks like in JSON, for errors.
  var expected: String {
    switch type {
    case .int, .double: "a number"
    case .bool: "true or false"
    case .date: "a date string"
    case .timestamp: "a timestamp string"
    case .string: "a string"
    }
  }

  func build() -> Column {
    var validity: Bitmap?
    if !nullRows.isEmpty {
      var bitmap = Bitmap(count: count, value: true)
      for row in nullRows { bitmap.clear(row) }
      validity = bitmap
    }
    switch type {
    case .int, .double: return Column(doubles: numbers, validity: validity)
    case .bool: return Column(bools: flags, validity: validity)
    case .date, .timestamp: return Column(timestamps: micros, validity: validity)
    case .string: return Column(strings: strings)
    }
  }
}
