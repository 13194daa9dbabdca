/// Walks a JSON document of records, noting where every value is.
///
/// A hand-written recursive descent over bytes; syntax errors become
/// diagnostics with a line and column (1-based, the column counting
/// characters).
struct JSONRecordScanner {
  private static let maximumDepth = 256
  private static let recordsBetweenCancelChecks = 4096

  let base: UnsafePointer<UInt8>
  let count: Int
  private var position = 0
  private(set) var rowCount = 0
  private(set) var columns = JSONColumns()
  /// The dotted path of the object being read.
  private var path: [UInt8] = []
  /// Where the key being read starts.
  private var keyStart = 0
  /// How the current path is made of keys: a hash of the path's length after
  /// each of its keys, so `a` → `b` and `a.b` differ.
  private var shape: UInt64 = 0
  /// The most distinct keys kept as columns.
  let maximumKeys: Int
  /// Where the first key past `maximumKeys` starts.
  private var firstExtraKey: Int?

  init(
    base: UnsafePointer<UInt8>, count: Int, start: Int = 0,
    maximumKeys: Int = LoadDiagnostics.maximumJSONKeys
  ) {
    self.base = base
    self.count = count
    self.position = start
    self.maximumKeys = maximumKeys
  }

  mutating func scanDocument(isCancelled: () -> Bool) throws(Diagnostic) {
    try scanRecords(isCancelled: isCancelled)
    if let firstExtraKey {
      let (line, column) = Self.location(base, offset: firstExtraKey)
      throw LoadDiagnostics.tooManyKeys(columns.keyCount, line: line, column: column)
    }
  }

  private mutating func scanRecords(isCancelled: () -> Bool) throws(Diagnostic) {
    skipSpace()
    guard position < count else { return }
    if base[position] == UInt8(ascii: "[") {
      position += 1
      skipSpace()
      if peek(UInt8(ascii: "]")) {
        position += 1
      } else {
        while true {
          try scanRecord(isCancelled)
          skipSpace()
          if peek(UInt8(ascii: ",")) {
            position += 1
            skipSpace()
            continue
          }
          try expect(UInt8(ascii: "]"), "expected ',' or ']' after a record")
          break
        }
      }
      skipSpace()
      if position < count { throw error("unexpected text after the closing ']'") }
    } else if base[position] == UInt8(ascii: "{") {
      while position < count {
        try scanRecord(isCancelled)
        skipSpace()
      }
    } else {
      throw error("expected a JSON array of objects or JSON Lines (one object per line)")
    }
  }

  private mutating func scanRecord(_ isCancelled: () -> Bool) throws(Diagnostic) {
    guard peek(UInt8(ascii: "{")) else {
      throw error("expected an object ('{') for each record", code: "L011")
    }
    if rowCount % Self.recordsBetweenCancelChecks == 0, isCancelled() {
      throw LoadDiagnostics.interrupted
    }
    path.removeAll(keepingCapacity: true)
    try scanObject(depth: 1)
    rowCount += 1
  }

  private mutating func scanObject(depth: Int) throws(Diagnostic) {
    guard depth <= Self.maximumDepth else {
      throw error("nesting is deeper than \(Self.maximumDepth) levels", code: "L012")
    }
    position += 1  // the '{'
    skipSpace()
    if peek(UInt8(ascii: "}")) {
      position += 1
      return
    }
    let pathLength = path.count
    let parentShape = shape
    while true {
      guard peek(UInt8(ascii: "\"")) else { throw error("expected a quoted key") }
      keyStart = position
      if pathLength > 0 { path.append(UInt8(ascii: ".")) }
      var extended = path
      path = []
      try decodeString(into: &extended)
      path = extended
      shape = Self.mix(parentShape, path.count)
      skipSpace()
      try expect(UInt8(ascii: ":"), "expected ':' after a key")
      skipSpace()
      try scanValue(depth: depth)
      path.removeSubrange(pathLength...)
      shape = parentShape
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        position += 1
        skipSpace()
        continue
      }
      try expect(UInt8(ascii: "}"), "expected ',' or '}' after a value")
      return
    }
  }

  private mutating func scanValue(depth: Int) throws(Diagnostic) {
    guard position < count else { throw error("expected a value") }
    let start = position
    switch base[position] {
    case UInt8(ascii: "{"):
      try scanObject(depth: depth + 1)
    case UInt8(ascii: "["):
      try skipArray(depth: depth + 1)
      try record(.jsonText, start: start)
    case UInt8(ascii: "\""):
      let hasEscapes = try skipString()
      try record(hasEscapes ? .escapedString : .string, start: start)
    case UInt8(ascii: "t"):
      try expectWord("true")
      try record(.bool, start: start)
    case UInt8(ascii: "f"):
      try expectWord("false")
      try record(.bool, start: start)
    case UInt8(ascii: "n"):
      try expectWord("null")
    default:
      try record(try scanNumber(), start: start)
    }
  }

  private mutating func record(_ kind: JSONCell.Kind, start: Int) throws(Diagnostic) {
    let cell = JSONCell(row: rowCount, start: start, end: position, kind: kind)
    let limit = maximumKeys
    let shape = shape
    let outcome = path.withUnsafeBufferPointer { path in
      columns.record(cell, path: path, shape: shape, limit: limit)
    }
    switch outcome {
    case .kept: break
    case .overLimit: if firstExtraKey == nil { firstExtraKey = keyStart }
    case .clash:
      let (line, column) = Self.location(base, offset: keyStart)
      throw LoadDiagnostics.keyClash(
        String(decoding: path, as: UTF8.self), line: line, column: column)
    }
  }

  /// The shape of a path one key longer than one of shape `parent`.
  private static func mix(_ parent: UInt64, _ length: Int) -> UInt64 {
    var value = (parent ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
    value ^= value >> 29
    return value &* 0xBF58_476D_1CE4_E5B9 ^ 0x94D0_49BB_1331_11EB
  }

  private mutating func skipArray(depth: Int) throws(Diagnostic) {
    guard depth <= Self.maximumDepth else {
      throw error("nesting is deeper than \(Self.maximumDepth) levels", code: "L012")
    }
    position += 1
    skipSpace()
    if peek(UInt8(ascii: "]")) {
      position += 1
      return
    }
    while true {
      try skipAnyValue(depth: depth)
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        position += 1
        skipSpace()
        continue
      }
      try expect(UInt8(ascii: "]"), "expected ',' or ']' in an array")
      return
    }
  }

  /// Any value inside an array: checked for syntax, not recorded.
  private mutating func skipAnyValue(depth: Int) throws(Diagnostic) {
    guard position < count else { throw error("expected a value") }
    switch base[position] {
    case UInt8(ascii: "{"):
      guard depth < Self.maximumDepth else {
        throw error("nesting is deeper than \(Self.maximumDepth) levels", code: "L012")
      }
      position += 1
      skipSpace()
      if peek(UInt8(ascii: "}")) {
        position += 1
        return
      }
      while true {
        guard peek(UInt8(ascii: "\"")) else { throw error("expected a quoted key") }
        _ = try skipString()
        skipSpace()
        try expect(UInt8(ascii: ":"), "expected ':' after a key")
        skipSpace()
        try skipAnyValue(depth: depth + 1)
        skipSpace()
        if peek(UInt8(ascii: ",")) {
          position += 1
          skipSpace()
          continue
        }
        try expect(UInt8(ascii: "}"), "expected ',' or '}' after a value")
        return
      }
    case UInt8(ascii: "["): try skipArray(depth: depth + 1)
    case UInt8(ascii: "\""): _ = try skipString()
    case UInt8(ascii: "t"): try expectWord("true")
    case UInt8(ascii: "f"): try expectWord("false")
    case UInt8(ascii: "n"): try expectWord("null")
    default: _ = try scanNumber()
    }
  }

  /// Skips a string literal; returns whether it holds escapes.
  private mutating func skipString() throws(Diagnostic) -> Bool {
    let start = position
    position += 1
    var hasEscapes = false
    while position < count {
      let byte = base[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return hasEscapes
      }
      if byte < 0x20 { throw error("a control character inside a string must be escaped") }
      if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        position += 1
        guard position < count else { break }
        if base[position] == UInt8(ascii: "u") {
          var scratch: [UInt8] = []
          position -= 1
          try decodeEscape(into: &scratch)
          continue
        }
        guard JSONStrings.simpleEscape(base[position]) != nil else {
          throw error("invalid escape '\\\(Character(Unicode.Scalar(base[position])))'")
        }
      }
      position += 1
    }
    position = start
    throw error("a string is never closed")
  }

  /// Decodes the string literal at `position` and appends its bytes.
  private mutating func decodeString(into output: inout [UInt8]) throws(Diagnostic) {
    let start = position
    _ = try skipString()
    let end = position
    position = start + 1
    while position < end - 1 {
      let byte = base[position]
      if byte == UInt8(ascii: "\\") {
        try decodeEscape(into: &output)
      } else {
        output.append(byte)
        position += 1
      }
    }
    position = end
  }

  /// Decodes one escape at `position` (the backslash) and moves past it.
  private mutating func decodeEscape(into output: inout [UInt8]) throws(Diagnostic) {
    let escapeStart = position
    guard let decoded = JSONStrings.decodeEscape(base, at: position, end: count, into: &output)
    else {
      position = escapeStart
      throw error("invalid \\u escape")
    }
    position = decoded
  }

  /// A number; int when it has no fraction or exponent and fits in Int64,
  /// and a big integer when it has none and does not.
  private mutating func scanNumber() throws(Diagnostic) -> JSONCell.Kind {
    let start = position
    var isInteger = true
    if peek(UInt8(ascii: "-")) { position += 1 }
    guard position < count, isDigit(base[position]) else { throw error("expected a value") }
    if base[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < count, isDigit(base[position]) { position += 1 }
    }
    if peek(UInt8(ascii: ".")) {
      isInteger = false
      position += 1
      guard position < count, isDigit(base[position]) else {
        throw error("expected digits after '.'")
      }
      while position < count, isDigit(base[position]) { position += 1 }
    }
    if position < count, base[position] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      position += 1
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
      guard position < count, isDigit(base[position]) else {
        throw error("expected digits in the exponent")
      }
      while position < count, isDigit(base[position]) { position += 1 }
    }
    if isInteger {
      // An integer beyond Int64 stays text: as a double it would lose digits.
      return ByteNumberParser.parseInt(base + start, position - start) != nil ? .int : .bigInteger
    }
    guard ByteNumberParser.parseDouble(base + start, position - start) != nil else {
      let text = String(
        decoding: UnsafeBufferPointer(start: base + start, count: position - start),
        as: UTF8.self)
      position = start
      throw error("the number \(text) is too large for a double", code: "L013")
    }
    return .double
  }

  @inline(__always)
  private func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

  @inline(__always)
  private func peek(_ byte: UInt8) -> Bool { position < count && base[position] == byte }

  private mutating func skipSpace() {
    while position < count {
      switch base[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  private mutating func expect(_ byte: UInt8, _ message: String) throws(Diagnostic) {
    guard peek(byte) else { throw error(message) }
    position += 1
  }

  private mutating func expectWord(_ word: StaticString) throws(Diagnostic) {
    let length = word.utf8CodeUnitCount
    guard position + length <= count,
      (0..<length).allSatisfy({ base[position + $0] == word.utf8Start[$0] })
    else { throw error("expected a value") }
    position += length
  }

  private func error(_ message: String, code: String = "L010") -> Diagnostic {
    let (line, column) = Self.location(base, offset: min(position, count))
    return .error(code, "line \(line), column \(column): \(message)")
  }

  /// 3 when the document starts with a UTF-8 byte order mark, else 0.
  static func byteOrderMarkLength(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
    count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
  }

  /// The 1-based line and character column of a byte offset; a byte order
  /// mark, which editors do not show, takes no column.
  static func location(_ base: UnsafePointer<UInt8>, offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    let start = min(offset, byteOrderMarkLength(base, count: offset))
    for index in start..<offset {
      let byte = base[index]
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}
