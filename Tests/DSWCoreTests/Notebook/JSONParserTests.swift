import DSWCore
import Testing

/// `CODE line:column message`, the parts of a diagnostic these tests pin down.
func summary(_ diagnostic: Diagnostic) -> String {
  let place = diagnostic.span.map { "\($0.line):\($0.column)" } ?? "?"
  return "\(diagnostic.code) \(place) \(diagnostic.message)"
}

/// The summary of the error that parsing `bytes` throws.
func parseError(_ bytes: [UInt8]) -> String {
  do {
    _ = try JSONParser.parse(bytes: bytes)
    return "no error"
  } catch {
    return summary(error)
  }
}

@Suite("JSONParser")
struct JSONParserTests {
  @Test(arguments: [
    ("", "N019 1:1 the file is empty"),
    (" \n ", "N019 1:1 the file is empty"),
    ("{\"a\":", "N001 1:6 unexpected end of file"),
    ("[NaN]", "N002 1:2 expected a JSON value, found 'NaN'"),
    ("[Infinity]", "N002 1:2 expected a JSON value, found 'Infinity'"),
    ("[1, ?]", "N002 1:5 expected a JSON value, found '?'"),
    ("{\"a\": 1 \"b\": 2}", "N003 1:9 expected ',' or '}' after an object member"),
    ("[1 2]", "N004 1:4 expected ',' or ']' after an array element"),
    ("{\"a\": [1, 2}", "N004 1:12 expected ',' or ']' after an array element"),
    ("{\"a\" 1}", "N005 1:6 expected ':' after an object key"),
    ("{\n  \"a\": 1,\n  \"b\" 2\n}", "N005 3:7 expected ':' after an object key"),
    ("{a: 1}", "N006 1:2 expected a string key in double quotes, found 'a'"),
    ("{\"a\": \"abc", "N007 1:7 unterminated string"),
    ("{\"a\": \"ab\ncd\"}", "N007 1:7 unterminated string"),
    ("[\"\\x\"]", "N008 1:3 invalid escape '\\x' in a string"),
    ("[\"a\tb\"]", "N009 1:4 control character U+0009 in a string must be escaped"),
    ("[01]", "N011 1:2 invalid number '01'"),
    ("[1.]", "N011 1:2 invalid number '1.'"),
    ("[-]", "N011 1:2 invalid number '-'"),
    ("[1e5x]", "N011 1:2 invalid number '1e5x'"),
    ("[.5]", "N002 1:2 expected a JSON value, found '.'"),
    ("{\"id\": 1, \"id\": 2}", "N012 1:11 duplicate key \"id\""),
    ("{} x", "N014 1:4 unexpected content after the end of the JSON document"),
    ("[\"\\uD800\"]", "N015 1:3 invalid \\u escape: unpaired surrogate \\uD800"),
    ("[\"\\uDC00\"]", "N015 1:3 invalid \\u escape: unpaired surrogate \\uDC00"),
    ("[\"\\u12G4\"]", "N015 1:3 invalid \\u escape: expected 4 hex digits after \\u"),
    ("{\"a\": 1,}", "N016 1:9 trailing comma before '}'"),
    ("[1,]", "N016 1:4 trailing comma before ']'"),
    ("[1e400]", "N017 1:2 number out of range '1e400'"),
    ("\u{FEFF}{}", "N018 1:1 the file starts with a UTF-8 byte order mark; save it without one"),
    // Columns count characters, not bytes: é, 😀 and e + U+0301 are one each.
    ("{\"é😀\": x}", "N002 1:8 expected a JSON value, found 'x'"),
    ("[\"e\u{0301}\", x]", "N002 1:7 expected a JSON value, found 'x'"),
  ])
  func reportsSyntaxErrorsWithPosition(_ text: String, _ expected: String) {
    #expect(parseError(Array(text.utf8)) == expected)
  }

  @Test(
    arguments: [
      ([0x5B, 0x22, 0xFF, 0x22, 0x5D], "N010 1:3 invalid UTF-8 byte 0xFF"),
      ([0x5B, 0x22, 0x61, 0xC3, 0x28, 0x22, 0x5D], "N010 1:4 invalid UTF-8 byte 0xC3"),
      ([0x5B, 0x22, 0xC0, 0x80, 0x22, 0x5D], "N010 1:3 invalid UTF-8 byte 0xC0"),
      ([0x0A, 0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], "N010 2:3 invalid UTF-8 byte 0xED"),
      ([0x5B, 0x22, 0xE2, 0x82], "N010 1:3 invalid UTF-8 byte 0xE2"),
    ] as [([UInt8], String)])
  func reportsBadUTF8(_ bytes: [UInt8], _ expected: String) {
    #expect(parseError(bytes) == expected)
  }

  @Test func notesWhereAnUnclosedContainerOpened() throws {
    do {
      _ = try JSONParser.parse("{\n  \"a\": [1, 2")
      Issue.record("expected an error")
    } catch {
      #expect(summary(error) == "N001 2:13 unexpected end of file")
      #expect(error.notes == ["the array opened at line 2, column 8 is not closed"])
    }
  }

  @Test func keepsIntegersAndDoublesApart() throws {
    let value = try JSONParser.parse(
      "[1, -0, 1.0, 1e2, -2.5E-3, 9223372036854775807, 9223372036854775808, -9223372036854775809]")
    #expect(
      value
        == .array([
          .int(1), .int(0), .double(1), .double(100), .double(-0.0025),
          .int(.max), .double(9_223_372_036_854_775_808), .double(-0x1p63),
        ]))
  }

  @Test func decodesEscapes() throws {
    let value = try JSONParser.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u0000", "\ud83d\ude00"]"#)
    #expect(
      value == .array([.string("\"\\/\u{8}\u{C}\n\r\t"), .string("é\u{0}"), .string("😀")]))
  }

  @Test func limitsNesting() throws {
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    _ = try JSONParser.parse(deepest)
    let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(parseError(Array(tooDeep.utf8)) == "N013 1:513 nesting deeper than 512 levels")
    // A hostile file far deeper than the limit fails cleanly, without a stack overflow.
    let hostile = String(repeating: "{\"a\":", count: 100_000)
    #expect(parseError(Array(hostile.utf8)) == "N013 1:2561 nesting deeper than 512 levels")
  }

  @Test func keepsPositionsOfValues() throws {
    let root = try JSONParser.parseNode(bytes: Array("{\n  \"k\": [true, \"x\"]\n}".utf8))
    guard case .object(let members) = root.content, let member = members.first,
      case .array(let items) = member.value.content
    else {
      Issue.record("unexpected shape")
      return
    }
    #expect(member.keyOffset == 4)
    #expect(member.keyLength == 3)
    #expect(member.value.offset == 9)
    #expect(items.map(\.offset) == [10, 16])
    #expect(items.map(\.length) == [4, 3])
  }
}
