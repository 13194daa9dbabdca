import DSWCore
import Foundation

/// The fast path for a score request's body: one pass from its bytes into the
/// features' column builders, with no JSON value tree and no boxed value.
///
/// It reads the bodies clients send, `{"rows": [{…}, …]}` and
/// `{"columns": {…}}` with scalar values in the types the features take, and
/// declines (nil) anything else: a syntax error, a wrong type, a nested value,
/// an unknown, missing or repeated feature, columns of different lengths, more
/// rows than the limit, and strings holding an escape, which it leaves to the
/// general reader. `ScoringRequest.decode` then reads the body with the
/// general JSON parser, which gives the same table for a body it accepts and
/// otherwise the exact 400, 413 or 422 answer. So every answer, success or
/// error, is the general reader's; this one only decides how fast it comes.
///
/// Whatever the bytes, it stops at their end, nests no deeper than the body's
/// shape (no recursion), and allocates only as values arrive.
struct ScoringBodyReader {
  /// Why the fast path gave a body back to the general reader; no detail, as
  /// the general reader says what is wrong.
  struct Decline: Error {}

  private let bytes: UnsafeRawBufferPointer
  private let schema: FeatureSchema
  private let maxRows: Int
  private var index = 0
  private var builders: [FeatureColumnBuilder]

  /// The features' columns and the row count; nil when the body needs the
  /// general reader.
  static func read(
    _ bytes: UnsafeRawBufferPointer, schema: FeatureSchema, maxRows: Int
  ) -> Table? {
    var reader = ScoringBodyReader(bytes: bytes, schema: schema, maxRows: maxRows)
    do {
      let rowCount = try reader.readDocument()
      return Table(
        names: schema.names, columns: reader.builders.map { $0.build() }, rowCount: rowCount)
    } catch {
      return nil
    }
  }

  private init(bytes: UnsafeRawBufferPointer, schema: FeatureSchema, maxRows: Int) {
    self.bytes = bytes
    self.schema = schema
    self.maxRows = maxRows
    builders = schema.specs.map(FeatureColumnBuilder.init)
  }

  // MARK: The body's shape

  private mutating func readDocument() throws(Decline) -> Int {
    try expect(UInt8(ascii: "{"))
    let key = try readKey()
    try expect(UInt8(ascii: ":"))
    let rowCount: Int
    if equals(key, "rows") {
      rowCount = try readRows()
    } else if equals(key, "columns") {
      rowCount = try readColumns()
    } else {
      throw Decline()
    }
    try expect(UInt8(ascii: "}"))
    skipWhitespace()
    guard index == bytes.count else { throw Decline() }
    return rowCount
  }

  /// `[{…}, …]`: each row's fields, usually in the features' order.
  private mutating func readRows() throws(Decline) -> Int {
    try expect(UInt8(ascii: "["))
    if try next() == UInt8(ascii: "]") {
      index += 1
      return 0
    }
    let featureCount = builders.count
    // The row that last gave each feature: a repeat within a row is a duplicate key.
    var seen = [Int](repeating: -1, count: featureCount)
    var row = 0
    while true {
      guard row < maxRows else { throw Decline() }
      try expect(UInt8(ascii: "{"))
      var guess = 0
      var fields = 0
      if try next() == UInt8(ascii: "}") {
        index += 1
      } else {
        while true {
          let position = try readFeatureKey(guess: guess)
          guard seen[position] != row else { throw Decline() }
          seen[position] = row
          fields += 1
          try expect(UInt8(ascii: ":"))
          try readValue(into: position)
          guess = position + 1
          if try separator(closing: UInt8(ascii: "}")) { break }
        }
      }
      guard fields == featureCount else { throw Decline() }
      row += 1
      if try separator(closing: UInt8(ascii: "]")) { return row }
    }
  }

  /// `{feature: [values…], …}`: every feature once, all of one length.
  private mutating func readColumns() throws(Decline) -> Int {
    try expect(UInt8(ascii: "{"))
    var given = [Bool](repeating: false, count: builders.count)
    if try next() == UInt8(ascii: "}") {
      index += 1
    } else {
      var guess = 0
      while true {
        let position = try readFeatureKey(guess: guess)
        guard !given[position] else { throw Decline() }
        given[position] = true
        try expect(UInt8(ascii: ":"))
        try expect(UInt8(ascii: "["))
        if try next() == UInt8(ascii: "]") {
          index += 1
        } else {
          while true {
            guard builders[position].count < maxRows else { throw Decline() }
            try readValue(into: position)
            if try separator(closing: UInt8(ascii: "]")) { break }
          }
        }
        guess = position + 1
        if try separator(closing: UInt8(ascii: "}")) { break }
      }
    }
    guard given.allSatisfy({ $0 }) else { throw Decline() }
    let rowCount = builders.first?.count ?? 0
    guard builders.allSatisfy({ $0.count == rowCount }) else { throw Decline() }
    return rowCount
  }

  /// After a member or element: true at the container's end, false after a comma.
  private mutating func separator(closing: UInt8) throws(Decline) -> Bool {
    let byte = try next()
    index += 1
    if byte == closing { return true }
    guard byte == UInt8(ascii: ",") else { throw Decline() }
    return false
  }

  // MARK: Keys

  /// The feature a key names: `guess` (the one after the previous field, as
  /// clients write every row in one order) when the key is its name, else
  /// the feature of that name.
  private mutating func readFeatureKey(guess: Int) throws(Decline) -> Int {
    guard try next() == UInt8(ascii: "\"") else { throw Decline() }
    // The likely key is compared in place: the name's bytes, then the closing quote.
    if guess < schema.count, let length = schema.plainLength(guess) {
      let end = index + 1 + length
      if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
        schema.name(guess, isAt: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end]))
      {
        index = end + 1
        return guess
      }
    }
    let key = try readKey()
    // Names compare as strings do in the general reader (canonical equivalence).
    let name = try text(key)
    if guess < schema.count, schema.names[guess] == name { return guess }
    guard let position = schema.position[name] else { throw Decline() }
    return position
  }

  /// A string without escapes, as the bytes between its quotes.
  private mutating func readKey() throws(Decline) -> UnsafeRawBufferPointer.SubSequence {
    guard try next() == UInt8(ascii: "\"") else { throw Decline() }
    index += 1
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let key = bytes[start..<index]
        index += 1
        return key
      }
      // An escape goes to the general reader; a control character is an error.
      if byte == UInt8(ascii: "\\") || byte < 0x20 { throw Decline() }
      index += 1
    }
    throw Decline()
  }

  /// The text of string bytes, checked as the general reader checks a body's UTF-8.
  private func text(_ slice: UnsafeRawBufferPointer.SubSequence) throws(Decline) -> String {
    if slice.contains(where: { $0 >= 0x80 }),
      UTF8Check.firstInvalidOffset(in: Array(slice)) != nil
    {
      throw Decline()
    }
    return String(decoding: slice, as: UTF8.self)
  }

  private func equals(_ slice: UnsafeRawBufferPointer.SubSequence, _ word: StaticString) -> Bool {
    slice.count == word.utf8CodeUnitCount
      && word.withUTF8Buffer { slice.elementsEqual($0) }
  }

  // MARK: Values

  /// One value of the feature at `position`, in the type it takes.
  private mutating func readValue(into position: Int) throws(Decline) {
    let byte = try next()
    if byte == UInt8(ascii: "n") {
      try readWord("null")
      builders[position].appendNull()
      return
    }
    switch schema.types[position] {
    case .int, .double:
      builders[position].appendNumber(try readNumber())
    case .bool:
      if byte == UInt8(ascii: "t") {
        try readWord("true")
        builders[position].appendFlag(true)
      } else {
        try readWord("false")
        builders[position].appendFlag(false)
      }
    case .date, .timestamp:
      let text = try text(try readKey())
      guard let micros = CivilTime.parseTimestamp(text[...]) else { throw Decline() }
      builders[position].appendMicros(micros)
    case .string:
      builders[position].appendString(try text(try readKey()))
    }
  }

  /// `null`, `true` or `false`, ending where the word does.
  private mutating func readWord(_ word: StaticString) throws(Decline) {
    let length = word.utf8CodeUnitCount
    guard bytes.count - index >= length,
      word.withUTF8Buffer({ bytes[index..<index + length].elementsEqual($0) })
    else { throw Decline() }
    index += length
    try expectValueEnd()
  }

  /// A number in JSON's grammar, as the general reader converts it: an
  /// integer that fits in 64 bits through `Int64`, any other through `Double`.
  private mutating func readNumber() throws(Decline) -> Double {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var magnitude: UInt64 = 0
    var fits = true
    guard index < bytes.count, isDigit(bytes[index]) else { throw Decline() }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      while index < bytes.count, isDigit(bytes[index]) {
        let digit = UInt64(bytes[index] &- 0x30)
        let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(digit)
        if overflow1 || overflow2 { fits = false }
        magnitude = sum
        index += 1
      }
    }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      try digits()
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      index += 1
      if index < bytes.count,
        bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      try digits()
    }
    let end = index
    try expectValueEnd()
    if isInteger, fits {
      if !negative, magnitude <= UInt64(Int64.max) { return Double(Int64(magnitude)) }
      if negative, magnitude <= UInt64(Int64.max) + 1 {
        return Double(Int64(truncatingIfNeeded: 0 &- magnitude))
      }
    }
    guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)),
      value.isFinite
    else { throw Decline() }
    return value
  }

  /// One or more digits.
  private mutating func digits() throws(Decline) {
    let start = index
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    guard index > start else { throw Decline() }
  }

  /// A scalar ends at whitespace, a comma or a closing bracket; anything
  /// glued to it ("12abc", "nullx") is for the general reader to name.
  private func expectValueEnd() throws(Decline) {
    guard index < bytes.count else { throw Decline() }
    switch bytes[index] {
    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): return
    default: throw Decline()
    }
  }

  // MARK: Bytes

  /// The next byte that is not whitespace, without moving past it.
  private mutating func next() throws(Decline) -> UInt8 {
    skipWhitespace()
    guard index < bytes.count else { throw Decline() }
    return bytes[index]
  }

  private mutating func expect(_ byte: UInt8) throws(Decline) {
    guard try next() == byte else { throw Decline() }
    index += 1
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// A model's features laid out for reading request bodies: their names as
/// strings and as UTF-8 bytes, their types, and each name's position. Made
/// once per served model, not per request.
final class FeatureSchema: Sendable {
  let specs: [FeatureSpec]
  let names: [String]
  let types: [DataType]
  let position: [String: Int]
  /// Every name's UTF-8 bytes, one after another; name `i` ends at `ends[i]`.
  private let utf8: [UInt8]
  private let ends: [Int]
  /// Whether a name is written in JSON as its bytes, with no escape needed.
  private let plain: [Bool]

  init(_ specs: [FeatureSpec]) {
    self.specs = specs
    names = specs.map(\.name)
    types = specs.map(\.type)
    var position: [String: Int] = [:]
    for (index, name) in names.enumerated() { position[name] = index }
    self.position = position
    var utf8: [UInt8] = []
    var ends: [Int] = []
    for name in names {
      utf8.append(contentsOf: name.utf8)
      ends.append(utf8.count)
    }
    self.utf8 = utf8
    self.ends = ends
    plain = names.map { name in
      !name.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
  }

  var count: Int { specs.count }

  /// The byte length of name `index` when JSON writes it as is; nil when it needs escapes.
  func plainLength(_ index: Int) -> Int? {
    plain[index] ? ends[index] - (index == 0 ? 0 : ends[index - 1]) : nil
  }

  /// Whether name `index` is exactly these UTF-8 bytes.
  func name(_ index: Int, isAt bytes: UnsafeRawBufferPointer) -> Bool {
    let start = index == 0 ? 0 : ends[index - 1]
    let length = ends[index] - start
    guard bytes.count == length else { return false }
    guard length > 0 else { return true }
    return utf8.withUnsafeBytes { names in
      guard let left = names.baseAddress, let right = bytes.baseAddress else { return false }
      return memcmp(left + start, right, length) == 0
    }
  }
}
