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
  /// The values so far, in the one array the feature's type uses.
  private var values: Values
  /// The rows that are null, in order: most features of most rows have a
  /// value, so this stays empty rather than holding a flag per row.
  private var nullRows: [Int] = []
  /// How many values were added.
  private(set) var count = 0

  private enum Values {
    case numbers([Double])
    case flags([Bool])
    case micros([Int64])
    case strings([String?])

    /// What `values` holds while its array is taken out to grow: the array
    /// is then its only reference, so appending does not copy it.
    static let taken = Values.flags([])
  }

  init(_ spec: FeatureSpec) {
    name = spec.name
    type = spec.type
    switch type {
    case .int, .double: values = .numbers([])
    case .bool: values = .flags([])
    case .date, .timestamp: values = .micros([])
    case .string: values = .strings([])
    }
  }

  /// Room for `count` values, before the first is added.
  mutating func reserve(_ count: Int) {
    switch values {
    case .numbers: values = .numbers(Self.empty(reserving: count))
    case .flags: values = .flags(Self.empty(reserving: count))
    case .micros: values = .micros(Self.empty(reserving: count))
    case .strings: values = .strings(Self.empty(reserving: count))
    }
  }

  private static func empty<Element>(reserving count: Int) -> [Element] {
    var array: [Element] = []
    array.reserveCapacity(count)
    return array
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

  /// A missing value (JSON `null`): the type's zero under a null row.
  mutating func appendNull() {
    nullRows.append(count)
    switch values {
    case .numbers: appendNumber(0)
    case .flags: appendFlag(false)
    case .micros: appendMicros(0)
    case .strings: appendString(nil)
    }
  }

  /// A number, for an int or double feature.
  mutating func appendNumber(_ value: Double) {
    if case .numbers(var array) = values {
      values = .taken
      array.append(value)
      values = .numbers(array)
    }
    count += 1
  }

  /// `true` or `false`, for a bool feature.
  mutating func appendFlag(_ value: Bool) {
    if case .flags(var array) = values {
      values = .taken
      array.append(value)
      values = .flags(array)
    }
    count += 1
  }

  /// Microseconds since the epoch, for a date or timestamp feature.
  mutating func appendMicros(_ value: Int64) {
    if case .micros(var array) = values {
      values = .taken
      array.append(value)
      values = .micros(array)
    }
    count += 1
  }

  /// A string, for a categorical feature; nil for a null one.
  mutating func appendString(_ text: String?) {
    if case .strings(var array) = values {
      values = .taken
      array.append(text)
      values = .strings(array)
    }
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
    switch values {
    case .numbers(let numbers): return Column(doubles: numbers, validity: validity)
    case .flags(let flags): return Column(bools: flags, validity: validity)
    case .micros(let micros): return Column(timestamps: micros, validity: validity)
    case .strings(let strings): return Column(strings: strings)
    }
  }
}
