/// The distinct strings of a dictionary-encoded column.
///
/// Entries are unique, so two rows hold equal strings exactly when they hold
/// equal codes. This lets grouping, joins and distinct work on the codes.
public struct StringDictionary: Sendable {
  public private(set) var strings: [String]

  public init() { strings = [] }

  /// A dictionary from strings already known to be distinct.
  public init(uniqueStrings: [String]) { strings = uniqueStrings }

  public var count: Int { strings.count }

  @inline(__always)
  public subscript(code: Int32) -> String { strings[Int(code)] }
}

/// Builds a dictionary-encoded string column, interning each string once.
public struct StringColumnBuilder {
  private var codeOf: [String: Int32] = [:]
  private var strings: [String] = []
  public private(set) var codes: [Int32] = []
  private var validity: Bitmap?
  private var nullCount = 0

  public init(capacity: Int = 0) { codes.reserveCapacity(capacity) }

  /// The code for `string`, adding it to the dictionary when new.
  public mutating func intern(_ string: String) -> Int32 {
    if let code = codeOf[string] { return code }
    let code = Int32(strings.count)
    strings.append(string)
    codeOf[string] = code
    return code
  }

  public mutating func append(_ string: String) {
    codes.append(intern(string))
  }

  public mutating func appendCode(_ code: Int32) { codes.append(code) }

  public mutating func appendNull() {
    codes.append(-1)
    nullCount += 1
  }

  public mutating func append(_ string: String?) {
    if let string { append(string) } else { appendNull() }
  }

  public var count: Int { codes.count }

  /// The distinct strings interned so far, in code order.
  public var dictionary: StringDictionary { StringDictionary(uniqueStrings: strings) }

  public func build() -> Column {
    Column(codes: codes, dictionary: StringDictionary(uniqueStrings: strings))
  }
}
