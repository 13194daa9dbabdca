/// A typed column of values stored contiguously, with a validity bitmap.
///
/// The payload is one typed array per column, never a boxed value per cell.
/// Null rows are marked in `validity` (nil means no nulls); their payload
/// slot holds zero (and code -1 for strings).
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

  public var storage: Storage
  /// Bit `i` set means row `i` is valid; nil means every row is valid.
  public var validity: Bitmap?

  public init(storage: Storage, validity: Bitmap? = nil) {
    self.storage = storage
    if let validity, validity.isAllSet {
      self.validity = nil
    } else {
      self.validity = validity
    }
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
