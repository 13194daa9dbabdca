import DSWCore
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
  /// Goldens written by Python's `json.dumps(indent=2, sort_keys=True,
  /// ensure_ascii=False)` from the documents `RandomJSON(seed: 1000 + n)` makes.
  @Test(arguments: 0..<8)
  func matchesPythonOnRandomDocuments(_ number: Int) throws {
    var generator = RandomJSON(seed: UInt64(1000 + number))
    var items: [JSONValue] = []
    for _ in 0..<12 { items.append(generator.value()) }
    let python = try Golden.load("Notebook/python-random-\(number).json")
    #expect(JSONWriter.bytes(.array(items)) == python)
  }

  /// Output JSON (compact lines, ipynb) escapes what must not reach a terminal,
  /// while the notebook writer keeps Python's bytes (DEL, C1 and bidi raw).
  @Test func outputJSONEscapesUnsafeScalarsAndTheNotebookWriterDoesNot() throws {
    let text = "a\u{1B}b\u{7F}c\u{85}d\u{9B}e\u{202E}f\u{2066}g\u{8}\u{C}é🙂\"\\"
    let escaped = #""a\u001bb\u007fc\u0085d\u009be\u202ef\u2066g\b\fé🙂\"\\""#
    #expect(JSONWriter.compact(.object([text: .string(text)])) == "{\(escaped):\(escaped)}")
    #expect(JSONWriter.bytes(.string(text), escapingUnsafe: true) == Array((escaped + "\n").utf8))
    #expect(
      JSONWriter.quoted(text)
        == "\"a\\u001bb\u{7F}c\u{85}d\u{9B}e\u{202E}f\u{2066}g\\b\\fé🙂\\\"\\\\\"")
    #expect(try JSONParser.parse(bytes: Array(escaped.utf8)) == .string(text))
  }

  /// A hand-made document of edge cases, as Python wrote it: reading and
  /// writing it again must give Python's bytes back.
  @Test func rewritesPythonEdgeCasesIdentically() throws {
    let python = try Golden.load("Notebook/python-edge.json")
    let document = try JSONParser.parse(bytes: python)
    #expect(JSONWriter.bytes(document) == python)
  }

  @Test(arguments: [
    (1.0, "1.0"), (0.1, "0.1"), (1e-05, "1e-05"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
    (123456789.123, "123456789.123"), (-0.0, "-0.0"), (0.0, "0.0"),
    (.leastNonzeroMagnitude, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (0.0001, "0.0001"),
    (2.5e-7, "2.5e-07"), (9_007_199_254_740_992, "9007199254740992.0"), (1.5e300, "1.5e+300"),
    (-1234.5, "-1234.5"), (0.30000000000000004, "0.30000000000000004"),
    (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
  ])
  func formatsDoublesLikePythonRepr(_ value: Double, _ expected: String) {
    #expect(JSONWriter.formatDouble(value) == expected)
  }

  @Test func escapesStringsLikePython() {
    let text = "q\" b\\ s/ \n\r\t\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F} é \u{2028} 😀 \r\n"
    #expect(
      JSONWriter.quoted(text)
        == "\"q\\\" b\\\\ s/ \\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\u{7F} é \u{2028} 😀 \\r\\n\"")
  }

  @Test func layoutMatchesPythonIndent() {
    let document = JSONValue.object([
      "b": .array([.int(1), .array([]), .object([:])]),
      "a": .object(["y": .null, "x": .bool(true)]),
      "é": .string("v"),
      "Z": .double(2),
    ])
    #expect(
      JSONWriter.write(document) == """
        {
          "Z": 2.0,
          "a": {
            "x": true,
            "y": null
          },
          "b": [
            1,
            [],
            {}
          ],
          "é": "v"
        }

        """)
    #expect(JSONWriter.write(.array([])) == "[]\n")
  }

  /// Property: writing then parsing any document gives it back, and writing is
  /// a fixed point (the second write equals the first).
  @Test func roundTripsRandomDocuments() throws {
    var generator = RandomJSON(seed: 20_240_501)
    for _ in 0..<400 {
      let document = generator.value()
      let bytes = JSONWriter.bytes(document)
      let parsed = try JSONParser.parse(bytes: bytes)
      #expect(parsed == document)
      #expect(JSONWriter.bytes(parsed) == bytes)
    }
  }
}
