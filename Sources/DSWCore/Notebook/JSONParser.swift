/// A strict RFC 8259 JSON parser whose errors carry the file's line and column.
///
/// Foundation's `JSONDecoder` reports no positions, so the notebook format has
/// its own parser. It reads raw bytes (checking UTF-8 itself), keeps integers
/// and doubles apart, refuses duplicate keys, and stops at a fixed nesting
/// depth instead of overflowing the stack.
///
/// Error codes (each message is tested verbatim):
/// - N001 `unexpected end of file`: the text stops inside a value.
/// - N002 `expected a JSON value, found …`: a value cannot start here
///   (including Python's `NaN` and `Infinity`, which JSON does not allow).
/// - N003 `expected ',' or '}' after an object member`.
/// - N004 `expected ',' or ']' after an array element`.
/// - N005 `expected ':' after an object key`.
/// - N006 `expected a string key in double quotes, found …`.
/// - N007 `unterminated string`: end of line or file before the closing quote.
/// - N008 `invalid escape '\x' in a string`.
/// - N009 `control character U+00XX in a string must be escaped`.
/// - N010 `invalid UTF-8 byte 0xXX`.
/// - N011 `invalid number '…'`: leading zeros, a bare `-`, `1.`, `1e`, ….
/// - N012 `duplicate key "…"`.
/// - N013 `nesting deeper than 512 levels`.
/// - N014 `unexpected content after the end of the JSON document`.
/// - N015 `invalid \u escape: …` (not 4 hex digits, or an unpaired surrogate).
/// - N016 `trailing comma before '}'` / `trailing comma before ']'`.
/// - N017 `number out of range '…'`: a double beyond ±1.8e308.
/// - N018 `the file starts with a UTF-8 byte order mark; save it without one`.
/// - N019 `the file is empty`.
public enum JSONParser {
  /// Containers nested deeper than this are refused (N013).
  public static let maximumDepth = 512

  /// Parses a whole document.
  public static func parse(bytes: [UInt8]) throws(Diagnostic) -> JSONValue {
    try parseNode(bytes: bytes).value
  }

  /// Parses a whole document from text.
  public static func parse(_ text: String) throws(Diagnostic) -> JSONValue {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses a whole document, keeping each value's position in the file.
  public static func parseNode(bytes: [UInt8]) throws(Diagnostic) -> JSONNode {
    var scanner = JSONScanner(bytes: bytes)
    return try scanner.parseDocument()
  }
}

/// The parser's cursor over the file's bytes.
private struct JSONScanner {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  mutating func parseDocument() throws(Diagnostic) -> JSONNode {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      throw fail(
        "N018", "the file starts with a UTF-8 byte order mark; save it without one", at: 0,
        length: 3)
    }
    if let bad = UTF8Check.firstInvalidOffset(in: bytes) {
      throw fail("N010", "invalid UTF-8 byte \(hexByte(bytes[bad]))", at: bad)
    }
    skipWhitespace()
    if index == bytes.count { throw fail("N019", "the file is empty", at: 0, length: 0) }
    let root = try parseValue(depth: 0)
    skipWhitespace()
    if index < bytes.count {
      throw fail("N014", "unexpected content after the end of the JSON document", at: index)
    }
    return root
  }

  // MARK: Values

  mutating func parseValue(depth: Int) throws(Diagnostic) -> JSONNode {
    skipWhitespace()
    guard index < bytes.count else { throw endOfFile() }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""):
      let start = index
      let text = try parseString()
      return JSONNode(.string(text), offset: start, length: index - start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: return try parseWord()
    }
  }

  /// Objects with up to this many members find duplicate keys by comparison.
  static let linearKeyLimit = 48

  mutating func parseObject(depth: Int) throws(Diagnostic) -> JSONNode {
    let start = index
    try checkDepth(depth)
    index += 1
    var members: [JSONNode.Member] = []
    var keys: Set<String> = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return JSONNode(.object([]), offset: start, length: index - start)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw endOfFile(openedAt: start, what: "object") }
      guard bytes[index] == UInt8(ascii: "\"") else {
        if bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
          throw fail("N016", "trailing comma before '}'", at: index)
        }
        throw fail(
          "N006", "expected a string key in double quotes, found \(describe(at: index))",
          at: index)
      }
      let keyStart = index
      let key = try parseString()
      let keyLength = index - keyStart
      // A linear scan beats hashing for the small objects JSON mostly holds
      // (records of a few dozen fields); larger objects switch to a set.
      let duplicate: Bool
      if members.count < Self.linearKeyLimit {
        duplicate = members.contains { $0.key == key }
      } else {
        if keys.isEmpty { keys = Set(members.map(\.key)) }
        duplicate = !keys.insert(key).inserted
      }
      if duplicate {
        throw fail(
          "N012", "duplicate key \(JSONWriter.quoted(key))", at: keyStart, length: keyLength)
      }
      skipWhitespace()
      guard index < bytes.count else { throw endOfFile(openedAt: start, what: "object") }
      guard bytes[index] == UInt8(ascii: ":") else {
        throw fail("N005", "expected ':' after an object key", at: index)
      }
      index += 1
      let value = try parseValue(depth: depth + 1)
      members.append(
        JSONNode.Member(key: key, keyOffset: keyStart, keyLength: keyLength, value: value))
      skipWhitespace()
      guard index < bytes.count else { throw endOfFile(openedAt: start, what: "object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return JSONNode(.object(members), offset: start, length: index - start)
      } else {
        throw fail("N003", "expected ',' or '}' after an object member", at: index)
      }
    }
  }

  mutating func parseArray(depth: Int) throws(Diagnostic) -> JSONNode {
    let start = index
    try checkDepth(depth)
    index += 1
    var items: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return JSONNode(.array([]), offset: start, length: index - start)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw endOfFile(openedAt: start, what: "array") }
      if bytes[index] == UInt8(ascii: "]"), !items.isEmpty {
        throw fail("N016", "trailing comma before ']'", at: index)
      }
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard index < bytes.count else { throw endOfFile(openedAt: start, what: "array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return JSONNode(.array(items), offset: start, length: index - start)
      } else {
        throw fail("N004", "expected ',' or ']' after an array element", at: index)
      }
    }
  }

  /// `true`, `false` or `null`; any other word is not a value.
  mutating func parseWord() throws(Diagnostic) -> JSONNode {
    let start = index
    var end = index
    while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
    let word = bytes[start..<end]
    let content: JSONNode.Content
    if word.elementsEqual("true".utf8) {
      content = .bool(true)
    } else if word.elementsEqual("false".utf8) {
      content = .bool(false)
    } else if word.elementsEqual("null".utf8) {
      content = .null
    } else {
      throw fail("N002", "expected a JSON value, found \(describe(at: start))", at: start)
    }
    index = end
    return JSONNode(content, offset: start, length: end - start)
  }

  // MARK: Numbers

  mutating func parseNumber() throws(Diagnostic) -> JSONNode {
    let start = index
    var cursor = index
    var isInteger = true
    var valid = true
    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "0") {
      cursor += 1
    } else if cursor < bytes.count, isDigit(bytes[cursor]) {
      while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
    } else {
      valid = false
    }
    if valid, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
      isInteger = false
      cursor += 1
      let digitsStart = cursor
      while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
      valid = cursor > digitsStart
    }
    if valid, cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      cursor += 1
      if cursor < bytes.count,
        bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-")
      {
        cursor += 1
      }
      let digitsStart = cursor
      while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
      valid = cursor > digitsStart
    }
    // A number glued to more number-like text ("01", "1.2.3", "12abc") is one bad token.
    if !valid || (cursor < bytes.count && isNumberTailByte(bytes[cursor])) {
      var end = start + 1
      while end < bytes.count, isNumberTailByte(bytes[end]) { end += 1 }
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      throw fail("N011", "invalid number '\(text)'", at: start, length: end - start)
    }
    index = cursor
    let text = String(decoding: bytes[start..<cursor], as: UTF8.self)
    if isInteger, let number = Int64(text) {
      return JSONNode(.int(number), offset: start, length: cursor - start)
    }
    guard let number = Double(text), number.isFinite else {
      throw fail("N017", "number out of range '\(text)'", at: start, length: cursor - start)
    }
    return JSONNode(.double(number), offset: start, length: cursor - start)
  }

  // MARK: Strings

  /// Parses the string starting at the opening quote under the cursor.
  mutating func parseString() throws(Diagnostic) -> String {
    let start = index
    index += 1
    var decoded: [UInt8] = []
    var runStart = index
    var hasEscapes = false
    while true {
      guard index < bytes.count else { throw unterminated(start) }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text: String
        if hasEscapes {
          decoded.append(contentsOf: bytes[runStart..<index])
          text = String(decoding: decoded, as: UTF8.self)
        } else {
          text = String(decoding: bytes[runStart..<index], as: UTF8.self)
        }
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        decoded.append(contentsOf: bytes[runStart..<index])
        try parseEscape(into: &decoded, stringStart: start)
        runStart = index
        continue
      }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { throw unterminated(start) }
      if byte < 0x20 {
        throw fail(
          "N009", "control character \(scalarName(UInt32(byte))) in a string must be escaped",
          at: index)
      }
      index += 1
    }
  }

  /// Decodes the escape at the cursor (a backslash) and moves past it.
  mutating func parseEscape(into decoded: inout [UInt8], stringStart: Int) throws(Diagnostic) {
    let escapeStart = index
    index += 1
    guard index < bytes.count else { throw unterminated(stringStart) }
    let letter = bytes[index]
    index += 1
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
    case UInt8(ascii: "b"): decoded.append(0x08)
    case UInt8(ascii: "f"): decoded.append(0x0C)
    case UInt8(ascii: "n"): decoded.append(0x0A)
    case UInt8(ascii: "r"): decoded.append(0x0D)
    case UInt8(ascii: "t"): decoded.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hexQuad(escapeStart: escapeStart)
      if (0xDC00...0xDFFF).contains(scalar) {
        throw badUnicodeEscape("unpaired surrogate \\u\(hex4(scalar))", at: escapeStart)
      }
      if (0xD800...0xDBFF).contains(scalar) {
        let lowStart = index
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw badUnicodeEscape("unpaired surrogate \\u\(hex4(scalar))", at: escapeStart) }
        index += 2
        let low = try hexQuad(escapeStart: lowStart)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw badUnicodeEscape("unpaired surrogate \\u\(hex4(scalar))", at: escapeStart)
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      if let unicode = Unicode.Scalar(scalar) {
        decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
      }
    default:
      if letter == UInt8(ascii: "\n") || letter == UInt8(ascii: "\r") {
        throw unterminated(stringStart)
      }
      index -= 1
      let shown = letter < 0x20 ? scalarName(UInt32(letter)) : "'\\\(describeRaw(at: index))'"
      throw fail("N008", "invalid escape \(shown) in a string", at: escapeStart, length: 2)
    }
  }

  /// Reads four hex digits after `\u` at the cursor.
  mutating func hexQuad(escapeStart: Int) throws(Diagnostic) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard index < bytes.count, let digit = hexValue(bytes[index]) else {
        throw badUnicodeEscape("expected 4 hex digits after \\u", at: escapeStart)
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  // MARK: Helpers

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  func checkDepth(_ depth: Int) throws(Diagnostic) {
    if depth >= JSONParser.maximumDepth {
      throw fail("N013", "nesting deeper than \(JSONParser.maximumDepth) levels", at: index)
    }
  }

  func fail(_ code: String, _ message: String, at offset: Int, length: Int = 1) -> Diagnostic {
    let span = SourceLocator(bytes: bytes).span(offset: offset, length: length)
    return Diagnostic.error(code, message, at: span)
  }

  func endOfFile(openedAt: Int? = nil, what: String = "") -> Diagnostic {
    var diagnostic = fail("N001", "unexpected end of file", at: bytes.count, length: 0)
    if let openedAt {
      let opened = SourceLocator(bytes: bytes).span(offset: openedAt)
      diagnostic.notes.append(
        "the \(what) opened at line \(opened.line), column \(opened.column) is not closed")
    }
    return diagnostic
  }

  func unterminated(_ start: Int) -> Diagnostic {
    fail("N007", "unterminated string", at: start, length: 1)
  }

  func badUnicodeEscape(_ detail: String, at offset: Int) -> Diagnostic {
    fail("N015", "invalid \\u escape: \(detail)", at: offset, length: 2)
  }

  /// The character at `offset`, quoted, or its code point when invisible.
  func describe(at offset: Int) -> String {
    let byte = bytes[offset]
    if byte < 0x20 || byte == 0x7F { return scalarName(UInt32(byte)) }
    if isWordByte(byte) {
      var end = offset
      while end < bytes.count, end - offset < 20, isWordByte(bytes[end]) { end += 1 }
      return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
    }
    return "'" + describeRaw(at: offset) + "'"
  }

  /// The one character (possibly multi-byte) at `offset`.
  func describeRaw(at offset: Int) -> String {
    let lead = bytes[offset]
    let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    let end = min(bytes.count, offset + width)
    return String(decoding: bytes[offset..<end], as: UTF8.self)
  }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

private func isWordByte(_ byte: UInt8) -> Bool {
  isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
}

private func isNumberTailByte(_ byte: UInt8) -> Bool {
  isWordByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
    || byte == UInt8(ascii: "-")
}

private func hexValue(_ byte: UInt8) -> UInt32? {
  switch byte {
  case 0x30...0x39: UInt32(byte - 0x30)
  case 0x41...0x46: UInt32(byte - 0x41 + 10)
  case 0x61...0x66: UInt32(byte - 0x61 + 10)
  default: nil
  }
}

private func hex4(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func scalarName(_ value: UInt32) -> String { "U+" + hex4(value) }

private func hexByte(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16, uppercase: true)
  return "0x" + (digits.count == 1 ? "0" + digits : digits)
}
