import Testing

@testable import DSWCore

@Suite("JSONDataReader")
struct JSONDataReaderTests {
  typealias Support = IOTestSupport

  static func read(_ text: String) throws -> Table {
    try JSONDataReader.read(Array(text.utf8))
  }

  @Test func arrayOfObjectsWithNesting() throws {
    let json = """
      [
        {"id": 1, "web": {"webPageDetails": {"name": "home", "URL": "https://x.test/"}},
         "price": 9.5, "ok": true, "tags": ["a", {"b": 2}]},
        {"id": 2, "web": {"webPageDetails": {"name": "cart"}}, "price": 3, "extra": null},
        {"id": 3, "ok": false, "when": "2024-03-01"}
      ]
      """
    let table = try Self.read(json)
    #expect(
      table.names == [
        "id", "web.webPageDetails.name", "web.webPageDetails.URL", "price", "ok", "tags", "when",
      ])
    #expect(table.types == [.int, .string, .string, .double, .bool, .string, .date])
    #expect(
      Support.values(table, "web.webPageDetails.name") == [.string("home"), .string("cart"), .null])
    #expect(
      Support.values(table, "web.webPageDetails.URL") == [.string("https://x.test/"), .null, .null])
    #expect(Support.values(table, "price") == [.double(9.5), .double(3), .null])
    #expect(Support.values(table, "ok") == [.bool(true), .null, .bool(false)])
    #expect(Support.values(table, "tags") == [.string("[\"a\", {\"b\": 2}]"), .null, .null])
    #expect(Support.values(table, "when") == [.null, .null, .date(19783)])
  }

  @Test func jsonLines() throws {
    let lines = """
      {"userId": "u1", "timestamp": "2024-01-02T03:04:05Z", "n": 1}
      {"userId": "u2", "timestamp": "2024-01-02", "n": 12345678901234567890}

      {"userId": "u\\u00e9\\ud83d\\ude00", "n": -2, "s": "tab\\there \\"q\\""}
      """
    let table = try Self.read(lines)
    #expect(table.names == ["userId", "timestamp", "n", "s"])
    #expect(table.types == [.string, .timestamp, .string, .string])
    #expect(
      Support.values(table, "n") == [.string("1"), .string("12345678901234567890"), .string("-2")])
    #expect(Support.values(table, "userId") == [.string("u1"), .string("u2"), .string("ué😀")])
    #expect(
      Support.values(table, "timestamp") == [
        .timestamp(1_704_164_645_000_000), .timestamp(1_704_153_600_000_000), .null,
      ])
    #expect(Support.values(table, "s") == [.null, .null, .string("tab\there \"q\"")])
  }

  @Test func mixedTypesBecomeText() throws {
    let table = try Self.read("[{\"a\": 1}, {\"a\": \"x\"}, {\"a\": true}, {\"a\": 1.5}]")
    #expect(
      Support.values(table, "a") == [.string("1"), .string("x"), .string("true"), .string("1.5")])
  }

  @Test func emptyInputs() throws {
    #expect(try Self.read("").rowCount == 0)
    #expect(try Self.read("  \n").columnCount == 0)
    let emptyArray = try Self.read("[]")
    #expect(emptyArray.rowCount == 0 && emptyArray.columnCount == 0)
    let emptyObjects = try Self.read("{}\n{}\n")
    #expect(emptyObjects.rowCount == 2 && emptyObjects.columnCount == 0)
  }

  @Test(arguments: [
    ("[{\"a\": 1,}]", "L010", "line 1, column 10: expected a quoted key"),
    ("{\"a\": 1}\n{\"a\" 2}", "L010", "line 2, column 6: expected ':' after a key"),
    ("[1, 2]", "L011", "line 1, column 2: expected an object ('{') for each record"),
    (
      "\"x\"", "L010",
      "line 1, column 1: expected a JSON array of objects or JSON Lines (one object per line)"
    ),
    ("{\"é\": \"open}", "L010", "line 1, column 7: a string is never closed"),
    ("{\"a\": tru}", "L010", "line 1, column 7: expected a value"),
    ("{\"a\": 1e999}", "L013", "line 1, column 7: the number 1e999 is too large for a double"),
    ("{\"a\": \"\\x\"}", "L010", "line 1, column 9: invalid escape '\\x'"),
    ("{\"a\": \"\\ud800\"}", "L010", "line 1, column 8: invalid \\u escape"),
    ("[{\"a\": 1}] x", "L010", "line 1, column 12: unexpected text after the closing ']'"),
    ("{\"a\": 01}", "L010", "line 1, column 8: expected ',' or '}' after a value"),
  ])
  func syntaxErrorsNameLineAndColumn(input: String, code: String, message: String) {
    let diagnostic = Support.diagnostic { _ = try Self.read(input) }
    #expect(diagnostic?.code == code)
    #expect(diagnostic?.message == message)
  }

  /// A CSV with a byte order mark was accepted and JSON Lines refused (L010).
  @Test func aByteOrderMarkIsIgnored() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let lines = try JSONDataReader.read(bom + Array("{\"a\": 1}\n{\"a\": 2}\n".utf8))
    #expect(lines.names == ["a"])
    #expect(Support.values(lines, "a") == [.int(1), .int(2)])
    let array = try JSONDataReader.read(bom + Array("[{\"b\": \"x\"}]".utf8))
    #expect(Support.values(array, "b") == [.string("x")])
    let error = Support.diagnostic { _ = try JSONDataReader.read(bom + Array("{\"a\" 1}".utf8)) }
    #expect(error?.message == "line 1, column 6: expected ':' after a key")
  }

  @Test func invalidUTF8() {
    let bytes = Array("{\"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8)
    let diagnostic = Support.diagnostic { _ = try JSONDataReader.read(bytes) }
    #expect(diagnostic?.code == "L003")
    #expect(diagnostic?.message == "line 1, column 9: invalid UTF-8 byte 0xFF")
  }

  @Test func deepNestingIsRefused() {
    let deep = String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300)
    let diagnostic = Support.diagnostic { _ = try Self.read(deep) }
    #expect(diagnostic?.code == "L012")
  }

  @Test func repeatedKeyKeepsTheLastValue() throws {
    let table = try Self.read("{\"a\": 1, \"a\": 2}")
    #expect(Support.values(table, "a") == [.int(2)])
  }

  @Test(arguments: [
    (
      #"{"a": {"b": 1}, "a.b": 2}"#,
      "line 1, column 17: two keys of one record make the column `a.b`"
    ),
    (
      #"{"a.b": 2, "a": {"b": 1}}"#,
      "line 1, column 18: two keys of one record make the column `a.b`"
    ),
    (
      #"[{"x": 1},"# + "\n" + #"{"a": {"b.c": 1}, "a.b": {"c": 2}}]"#,
      "line 2, column 27: two keys of one record make the column `a.b.c`"
    ),
  ])
  func keysThatFlattenToOneColumnAreRefused(input: String, message: String) {
    let diagnostic = Support.diagnostic { _ = try Self.read(input) }
    #expect(diagnostic?.code == "L014")
    #expect(diagnostic?.message == message)
  }

  @Test func fixtureFile() throws {
    let table = try JSONDataReader.read(try Support.fixture("events.jsonl"))
    #expect(table.rowCount == 3)
    #expect(table.names.contains("commerce.order.priceTotal"))
    #expect(table.column(named: "commerce.order.priceTotal")?.type == .double)
  }
}
