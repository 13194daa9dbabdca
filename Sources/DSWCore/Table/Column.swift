/// A typed column of values stored contiguously, with a validity bitmap.
///
/// The payload is one typed array per column, never a boxed value per cell.
/// Null rows are marked in `validity` (nil means no nulls); their payload
/// slot holds zero (false for bools, code -1 for strings). The initializer
/// enforces that, so kernels may add, compare or hash a payload without
/// consulting the bitmap, whatever computed it: `v + w` leaves `0 + w` under
/// a null `v` until the column is built.
public struct Column: Sendable {
  /// The typed payload of a column.
  public enum Storage: Sendable {
    case int([Int64])
    case double([Double])
    case bool([Bool])
    /// Microseconds since the Unix epoch.
    case timestamp([Int64])
    /// Days since the Unix epoch.
    case date([Int64])
    /// Dictionary codes; -1 marks null.
    case string(codes: [Int32], dictionary: StringDictionary)
  }

  public private(set) var storage: Storage
  /// Bit `i` set means row `i` is valid; nil means every row is valid.
  public private(set) var validity: Bitmap?

  public init(storage: Storage, validity: Bitmap? = nil) {
    self.storage = storage
    guard let validity, !validity.isAllSet else {
      self.validity = nil
      return
    }
    self.validity = validity
    clearNullSlots(validity)
  }

  public init(ints: [Int64], validity: Bitmap? = nil) {
    self.init(storage: .int(ints), validity: validity)
  }

  public init(doubles: [Double], validity: Bitmap? = nil) {
    self.init(storage: .double(doubles), validity: validity)
  }

  public init(bools: [Bool], validity: Bitmap? = nil) {
    self.init(storage: .bool(bools), validity: validity)
  }

  public init(timestamps: [Int64], validity: Bitmap? = nil) {
    self.init(storage: .timestamp(timestamps), validity: validity)
  }

  public init(dates: [Int64], validity: Bitmap? = nil) {
    self.init(storage: .date(dates), validity: validity)
  }

  /// A string column from codes into `dictionary`; code -1 is null.
  public init(codes: [Int32], dictionary: StringDictionary) {
    var validity: Bitmap?
    if codes.contains(-1) {
      var bitmap = Bitmap(count: codes.count, value: true)
      for (row, code) in codes.enumerated() where code < 0 { bitmap.clear(row) }
      validity = bitmap
    }
    self.init(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
  }

  /// A string column from optional strings, dictionary-encoded.
  public init(strings: [String?]) {
    var builder = StringColumnBuilder(capacity: strings.count)
    for string in strings { builder.append(string) }
    self = builder.build()
  }

  public var type: DataType {
    switch storage {
    case .int: .int
    case .double: .double
    case .bool: .bool
    case .timestamp: .timestamp
    case .date: .date
    case .string: .string
    }
  }

  public var count: Int {
    switch storage {
    case .int(let values), .timestamp(let values), .date(let values): values.count
    case .double(let values): values.count
    case .bool(let values): values.count
    case .string(let codes, _): codes.count
    }
  }

  @inline(__always)
  public func isNull(_ row: Int) -> Bool {
    guard let validity else { return false }
    return !validity[row]
  }

  public var nullCount: Int {
    guard let validity else { return 0 }
    return count - validity.setCount
  }

  /// The value at `row`, boxed. For rendering and tests, not for kernels.
  public func value(at row: Int) -> Value {
    if isNull(row) { return .null }
    switch storage {
    case .int(let values): return .int(values[row])
    case .double(let values): return .double(values[row])
    case .bool(let values): return .bool(values[row])
    case .timestamp(let values): return .timestamp(values[row])
    case .date(let values): return .date(values[row])
    case .string(let codes, let dictionary): return .string(dictionary[codes[row]])
    }
  }

  /// A column of `count` nulls of `type`.
  public static func nulls(_ type: DataType, count: Int) -> Column {
    let validity = Bitmap(count: count, value: false)
    switch type {
    case .int: return Column(storage: .int(Array(repeating: 0, count: count)), validity: validity)
    case .double:
      return Column(storage: .double(Array(repeating: 0, count: count)), validity: validity)
    case .bool:
      return Column(storage: .bool(Array(repeating: false, count: count)), validity: validity)
    case .timestamp:
      return Column(storage: .timestamp(Array(repeating: 0, count: count)), validity: validity)
    case .date:
      return Column(storage: .date(Array(repeating: 0, count: count)), validity: validity)
    case .string:
      return Column(
        storage: .string(codes: Array(repeating: -1, count: count), dictionary: StringDictionary()),
        validity: validity)
    }
  }

  /// A column holding `value` in every one of `count` rows.
  public static func constant(_ value: Value, type: DataType, count: Int) -> Column {
    switch value {
    case .null: return nulls(type, count: count)
    case .int(let payload): return Column(ints: Array(repeating: payload, count: count))
    case .double(let payload): return Column(doubles: Array(repeating: payload, count: count))
    case .bool(let payload): return Column(bools: Array(repeating: payload, count: count))
    case .timestamp(let payload): return Column(timestamps: Array(repeating: payload, count: count))
    case .date(let payload): return Column(dates: Array(repeating: payload, count: count))
    case .string(let payload):
      return Column(
        codes: Array(repeating: 0, count: count),
        dictionary: StringDictionary(uniqueStrings: [payload]))
    }
  }

  /// Approximate bytes held by this column's buffers.
  public var memoryBytes: Int {
    let validityBytes = (validity?.words.count ?? 0) * 8
    switch storage {
    case .int(let values), .timestamp(let values), .date(let values):
      return values.count * 8 + validityBytes
    case .double(let values): return values.count * 8 + validityBytes
    case .bool(let values): return values.count + validityBytes
    case .string(let codes, let dictionary):
      let dictionaryBytes = dictionary.strings.reduce(0) {
        $0 + 16 + ($1.utf8.count > 15 ? $1.utf8.count : 0)
      }
      return codes.count * 4 + dictionaryBytes + validityBytes
    }
  }
}

/// The invariant that a null row's payload is zero, kept by construction.
extension Column {
  /// Writes the defined value (0, false, code -1) under every null row.
  ///
  /// Runs once per built column, touching only the words of the bitmap that
  /// hold a null, so a column without nulls pays one pass over its bitmap.
  fileprivate mutating func clearNullSlots(_ validity: Bitmap) {
    switch storage {
    case .int(var values):
      storage = .int([])  // drop the enum's reference so `values` is unique
      Self.clear(&values, validity, to: 0)
      storage = .int(values)
    case .timestamp(var values):
      storage = .timestamp([])
      Self.clear(&values, validity, to: 0)
      storage = .timestamp(values)
    case .date(var values):
      storage = .date([])
      Self.clear(&values, validity, to: 0)
      storage = .date(values)
    case .double(var values):
      storage = .double([])
      Self.clear(&values, validity, to: 0)
      storage = .double(values)
    case .bool(var values):
      storage = .bool([])
      Self.clear(&values, validity, to: false)
      storage = .bool(values)
    case .string(var codes, let dictionary):
      storage = .string(codes: [], dictionary: dictionary)
      Self.clear(&codes, validity, to: -1)
      storage = .string(codes: codes, dictionary: dictionary)
    }
  }

  private static func clear<Element>(
    _ values: inout [Element], _ validity: Bitmap, to defined: Element
  ) {
    let rowCount = min(values.count, validity.count)
    values.withUnsafeMutableBufferPointer { buffer in
      validity.words.withUnsafeBufferPointer { words in
        for wordIndex in words.indices {
          var nulls = ~words[wordIndex]
          let base = wordIndex << 6
          while nulls != 0 {
            let row = base + nulls.trailingZeroBitCount
            if row >= rowCount { break }
            buffer[row] = defined
            nulls &= nulls &- 1
          }
        }
      }
    }
  }
}
