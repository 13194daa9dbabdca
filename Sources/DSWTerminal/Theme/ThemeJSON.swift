import DSWCore

/// A JSON value with where it starts, read by `ThemeJSONReader`.
///
/// Theme files are small and hand-written; errors in them must name a line
/// and column, which Foundation's JSON decoders do not give.
struct ThemeJSON {
  enum Kind {
    case object([(key: String, keySpan: SourceSpan, value: ThemeJSON)])
    case array([ThemeJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
  }

  var kind: Kind
  var span: SourceSpan

  /// What the value is, in words, for "must be" messages.
  var description: String {
    switch kind {
    case .object: "an object"
    case .array: "a list"
    case .string: "a string"
    case .number: "a number"
    case .bool: "true or false"
    case .null: "null"
    }
  }
}

/// A small strict JSON reader that keeps line and column of every value.
struct ThemeJSONReader {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Reads one JSON document, which must fill the whole input.
  static func read(_ bytes: [UInt8]) throws(Diagnostic) -> ThemeJSON {
    var reader = ThemeJSONReader(bytes)
    if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      reader.index = 3
      reader.lineStart = 3
    }
    reader.skipWhitespace()
    let value = try reader.readValue()
    reader.skipWhitespace()
    guard reader.index == reader.bytes.count else {
      throw reader.error("unexpected text after the theme object")
    }
    return value
  }

  private var here: SourceSpan {
    let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count
    return SourceSpan(offset: index, length: 1, line: line, column: column + 1)
  }

  private func error(_ message: String) -> Diagnostic {
    .error("T001", "theme file is not valid JSON: " + message, at: here)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
        lineStart = index
      default: return
      }
    }
  }

  private mutating func readValue() throws(Diagnostic) -> ThemeJSON {
    guard index < bytes.count else { throw error("unexpected end of file") }
    let start = here
    switch bytes[index] {
    case UInt8(ascii: "{"): return ThemeJSON(kind: try readObject(), span: start)
    case UInt8(ascii: "["): return ThemeJSON(kind: try readArray(), span: start)
    case UInt8(ascii: "\""): return ThemeJSON(kind: .string(try readString()), span: start)
    case UInt8(ascii: "t"):
      try expectWord("true")
      return ThemeJSON(kind: .bool(true), span: start)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return ThemeJSON(kind: .bool(false), span: start)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return ThemeJSON(kind: .null, span: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return ThemeJSON(kind: .number(try readNumber()), span: start)
    default:
      throw error("expected a value")
    }
  }

  private mutating func expectWord(_ word: String) throws(Diagnostic) {
    let wordBytes = Array(word.utf8)
    guard bytes[index...].starts(with: wordBytes) else { throw error("expected a value") }
    index += wordBytes.count
  }

  private mutating func readObject() throws(Diagnostic) -> ThemeJSON.Kind {
    depth += 1
    defer { depth -= 1 }
    guard depth <= 32 else { throw error("nested too deeply") }
    index += 1
    var members: [(key: String, keySpan: SourceSpan, value: ThemeJSON)] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a quoted key")
      }
      let keySpan = here
      let key = try readString()
      if members.contains(where: { $0.key == key }) {
        throw .error("T001", "theme file is not valid JSON: duplicate key `\(key)`", at: keySpan)
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected `:` after a key")
      }
      index += 1
      skipWhitespace()
      members.append((key, keySpan, try readValue()))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw error("expected `,` or `}`") }
      index += 1
      return .object(members)
    }
  }

  private mutating func readArray() throws(Diagnostic) -> ThemeJSON.Kind {
    depth += 1
    defer { depth -= 1 }
    guard depth <= 32 else { throw error("nested too deeply") }
    index += 1
    var elements: [ThemeJSON] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try readValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of file") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw error("expected `,` or `]`") }
      index += 1
      return .array(elements)
    }
  }

  private mutating func readString() throws(Diagnostic) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flush(_ reader: ThemeJSONReader, upTo end: Int) throws(Diagnostic) {
      guard let text = String(validating: reader.bytes[runStart..<end], as: UTF8.self) else {
        throw reader.error("bad UTF-8 in a string")
      }
      scalars.append(contentsOf: text.unicodeScalars)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        try flush(self, upTo: index)
        index += 1
        return String(scalars)
      }
      if byte < 0x20 { throw error("control character in a string") }
      if byte == UInt8(ascii: "\\") {
        try flush(self, upTo: index)
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "b"): scalars.append("\u{8}")
        case UInt8(ascii: "f"): scalars.append("\u{C}")
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
          else { throw error("bad `\\u` escape") }
          index += 4
          scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        default:
          throw error("bad escape in a string")
        }
        runStart = index
        continue
      }
      index += 1
    }
    throw error("unterminated string")
  }

  private mutating func readNumber() throws(Diagnostic) -> Double {
    let start = index
    while index < bytes.count,
      bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
        || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e")
        || bytes[index] == UInt8(ascii: "E")
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    {
      index += 1
    }
    guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
      index = start
      throw error("bad number")
    }
    return value
  }
}
