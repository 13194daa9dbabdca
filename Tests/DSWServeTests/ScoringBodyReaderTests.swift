import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// The fast body reader gives the general reader's table for every body it
/// accepts, and gives back (nil) every body it does not read, whatever the bytes.
@Suite struct ScoringBodyReaderTests {
  /// The features of the test models: string, int, double, bool, date, timestamp, string.
  static let schema: FeatureSchema = {
    let specs =
      TestModels.served((try? TestModels.session()) ?? Session())
      .first { $0.name == "m" }?.model.features ?? []
    return FeatureSchema(specs)
  }()

  static let row =
    #"{"loyaltyTier":"gold","loyaltyPoints":1200,"points":1800.5,"gold":true,"#
    + #""signupDate":"2023-05-01","seen":"2024-01-02T10:30:00Z","country":"US"}"#
  static let nullRow =
    #"{"loyaltyTier":null,"loyaltyPoints":null,"points":null,"gold":null,"#
    + #""signupDate":null,"seen":null,"country":null}"#

  static func fast(_ body: String, maxRows: Int = 10_000) -> Table? {
    Array(body.utf8).withUnsafeBytes {
      ScoringBodyReader.read($0, schema: schema, maxRows: maxRows)
    }
  }

  static func general(_ body: String, maxRows: Int = 10_000) -> Table? {
    try? ScoringRequest.decode(Array(body.utf8), features: schema.specs, maxRows: maxRows).table
  }

  /// Every cell, doubles by bit pattern, so -0.0 and 0.0 differ.
  static func cells(_ table: Table) -> [String] {
    table.names.indices.flatMap { column in
      (0..<table.rowCount).map { row -> String in
        let value = table.columns[column].value(at: row)
        if case .double(let number) = value { return "\(column):\(number.bitPattern)" }
        return "\(column):\(table.columns[column].type):\(value)"
      }
    }
  }

  static func expectSame(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let fast = Self.fast(body)
    let general = Self.general(body)
    #expect(fast != nil, "declined: \(body)", sourceLocation: sourceLocation)
    guard let fast, let general else {
      Issue.record("the general reader refused \(body)", sourceLocation: sourceLocation)
      return
    }
    #expect(fast.names == general.names, sourceLocation: sourceLocation)
    #expect(fast.rowCount == general.rowCount, sourceLocation: sourceLocation)
    #expect(cells(fast) == cells(general), "\(body)", sourceLocation: sourceLocation)
  }

  @Test func testSchemaHasEveryType() {
    #expect(Self.schema.types == [.string, .int, .double, .bool, .date, .timestamp, .string])
  }

  @Test func readsRowsAndColumnsAsTheGeneralReaderDoes() {
    var bodies: [String] = [
      #"{"rows":[]}"#,
      "{\"rows\":[\(Self.row)]}",
      "{\"rows\":[\(Self.row),\(Self.nullRow),\(Self.row)]}",
      // Spacing of every kind JSON allows, fields in another order.
      " \n{ \"rows\" :\t[ { \"country\" : \"FR\" , \"gold\" : false , \"points\" : -0 ,"
        + " \"loyaltyPoints\" : -12 , \"seen\" : \"2024-01-02\" , \"signupDate\" : null ,"
        + " \"loyaltyTier\" : \"silver\" } ] }\r\n",
        // Numbers: negative zero, exponents, integers beyond 64 bits, tiny values.
    ]
    bodies += [
      Self.row.replacingOccurrences(of: "1800.5", with: "-0.0").wrappedInRows,
      Self.row.replacingOccurrences(of: "1800.5", with: "1.5E+3").wrappedInRows,
      Self.row.replacingOccurrences(of: "1800.5", with: "2e-400").wrappedInRows,
      Self.row.replacingOccurrences(of: "1800.5", with: "123456789012345678901234567890")
        .wrappedInRows,
      Self.row.replacingOccurrences(of: "1200", with: "-9223372036854775808").wrappedInRows,
      Self.row.replacingOccurrences(of: "1200", with: "9223372036854775807").wrappedInRows,
      Self.row.replacingOccurrences(of: "1200", with: "9223372036854775808").wrappedInRows,
      Self.row.replacingOccurrences(of: "1200", with: "0.1").wrappedInRows,
    ]
    bodies += [
      // Strings beyond ASCII, and ones no category matches.
      Self.row.replacingOccurrences(of: "\"US\"", with: "\"Côte d’Ivoire 中 😀\"").wrappedInRows,
      Self.row.replacingOccurrences(of: "\"gold\",", with: "\"\",").wrappedInRows,
    ]
    bodies += [
      #"{"columns":{"loyaltyTier":["gold",null],"loyaltyPoints":[1,2.5],"points":[0,1e3],"#
        + #""gold":[true,false],"signupDate":["2023-05-01",null],"seen":[null,"2024-01-02T10:30:00"],"#
        + #""country":["US","FR"]}}"#,
      #"{"columns":{"country":[],"seen":[],"signupDate":[],"gold":[],"points":[],"#
        + #""loyaltyPoints":[],"loyaltyTier":[]}}"#,
    ]
    for body in bodies { Self.expectSame(body) }
  }

  @Test func leavesEveryOtherBodyToTheGeneralReader() {
    let row = Self.row
    var declined: [String] = [
      "", " ", "\u{FEFF}{\"rows\":[]}", "[]", "{}", #"{"rows":{}}"#, #"{"rows":[1]}"#,
      #"{"rows":[],"columns":{}}"#, #"{"data":[]}"#, #"{"rows":[]} x"#, #"{"rows":[],}"#,
    ]
    declined += [
      "{\"rows\":[\(row),]}", "{\"rows\":[\(row)]", "{\"rows\":[\(row)", #"{"rows":[{}]}"#,
      // A string with an escape is read by the general reader, which decodes it.
      #"{"r\u006fws":[]}"#,
      row.replacingOccurrences(of: "\"US\"", with: #""U\u0053""#).wrappedInRows,
      row.replacingOccurrences(of: "\"country\"", with: #""c\u006funtry""#).wrappedInRows,
    ]
    declined += [
      // Duplicate, unknown and missing features.
      row.replacingOccurrences(of: "}", with: ",\"country\":\"FR\"}").wrappedInRows,
      row.replacingOccurrences(of: "}", with: ",\"age\":3}").wrappedInRows,
      row.replacingOccurrences(of: ",\"country\":\"US\"", with: "").wrappedInRows,
    ]
    declined += [
      // Wrong types and nested values.
      row.replacingOccurrences(of: "1200", with: "\"1200\"").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "true").wrappedInRows,
      row.replacingOccurrences(of: "true", with: "1").wrappedInRows,
      row.replacingOccurrences(of: "\"US\"", with: "7").wrappedInRows,
      row.replacingOccurrences(of: "\"2023-05-01\"", with: "\"May 1st\"").wrappedInRows,
      row.replacingOccurrences(of: "\"US\"", with: "[\"US\"]").wrappedInRows,
      row.replacingOccurrences(of: "\"US\"", with: "{\"a\":1}").wrappedInRows,
    ]
    declined += [
      // Numbers and words JSON does not allow.
      row.replacingOccurrences(of: "1200", with: "01200").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "1200.").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "-").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "1e").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "+1").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "1e999").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "NaN").wrappedInRows,
      row.replacingOccurrences(of: "1200", with: "12abc").wrappedInRows,
      row.replacingOccurrences(of: "true", with: "True").wrappedInRows,
      row.replacingOccurrences(of: "true", with: "truex").wrappedInRows,
      Self.nullRow.replacingOccurrences(of: "null,", with: "nul,").wrappedInRows,
    ]
    declined += [
      // Control characters in strings, and deep nesting.
      row.replacingOccurrences(of: "\"US\"", with: "\"U\nS\"").wrappedInRows,
      row.replacingOccurrences(of: "\"US\"", with: "\"U\tS\"").wrappedInRows,
      "{\"rows\":[" + String(repeating: "[", count: 10_000) + "]}",
      "{\"rows\":" + String(repeating: "[", count: 10_000),
    ]
    declined += [
      // Columns of different lengths, or a column that is not an array.
      #"{"columns":{"loyaltyTier":["gold"],"loyaltyPoints":[1,2],"points":[0],"#
        + #""gold":[true],"signupDate":[null],"seen":[null],"country":["US"]}}"#,
      #"{"columns":{"loyaltyTier":"gold","loyaltyPoints":[1],"points":[0],"#
        + #""gold":[true],"signupDate":[null],"seen":[null],"country":["US"]}}"#,
    ]
    for body in declined {
      #expect(Self.fast(body) == nil, "read: \(body)")
    }
    // Invalid UTF-8 inside a string.
    var bytes = Array("{\"rows\":[\(row)]}".utf8)
    if let index = bytes.firstIndex(of: UInt8(ascii: "U")) { bytes[index] = 0xC3 }
    #expect(
      bytes.withUnsafeBytes { ScoringBodyReader.read($0, schema: Self.schema, maxRows: 9) } == nil)
  }

  @Test func stopsAtTheRowLimit() {
    let three = "{\"rows\":[\(Self.row),\(Self.row),\(Self.row)]}"
    #expect(Self.fast(three, maxRows: 3)?.rowCount == 3)
    #expect(Self.fast(three, maxRows: 2) == nil)
    let columns =
      #"{"columns":{"loyaltyTier":["a","b","c"],"loyaltyPoints":[1,2,3],"points":[0,0,0],"#
      + #""gold":[true,true,true],"signupDate":[null,null,null],"seen":[null,null,null],"#
      + #""country":["US","US","US"]}}"#
    #expect(Self.fast(columns, maxRows: 3)?.rowCount == 3)
    #expect(Self.fast(columns, maxRows: 2) == nil)
  }

  /// Every prefix of a good body is declined, and no byte of it read past the end.
  @Test func truncatedBodiesAreDeclined() {
    let body = Array("{\"rows\":[\(Self.row),\(Self.nullRow)]}".utf8)
    for length in 0..<body.count {
      let prefix = Array(body[..<length])
      let table = prefix.withUnsafeBytes {
        ScoringBodyReader.read($0, schema: Self.schema, maxRows: 100)
      }
      #expect(table == nil, "read a prefix of \(length) bytes")
    }
  }

  /// Random edits of good bodies: whatever the fast reader accepts, the
  /// general reader accepts too, with the same table.
  @Test(arguments: [1, 2, 3, 4])
  func randomEditsNeverDisagree(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let seeds: [String] = [
      "{\"rows\":[\(Self.row),\(Self.nullRow)]}",
      #"{"columns":{"loyaltyTier":["gold",null],"loyaltyPoints":[1,-2],"points":[0.5,1e3],"#
        + #""gold":[true,false],"signupDate":["2023-05-01",null],"seen":[null,"2024-01-02"],"#
        + #""country":["US","FR"]}}"#,
    ]
    let punctuation: [UInt8] = Array(#"{}[],:"\ -+.0123456789eEtruefalsnl"#.utf8)
    let pieces: [UInt8] = punctuation + [0x00, 0x0A, 0xC3, 0xA9, 0xFF]
    var accepted = 0
    for _ in 0..<1500 {
      var bytes = Array(seeds[random.nextInt(below: seeds.count)].utf8)
      for _ in 0...random.nextInt(below: 3) {
        let at = random.nextInt(below: bytes.count)
        switch random.nextInt(below: 4) {
        case 0: bytes[at] = pieces[random.nextInt(below: pieces.count)]
        case 1: bytes.insert(pieces[random.nextInt(below: pieces.count)], at: at)
        case 2: bytes.remove(at: at)
        default: bytes.removeSubrange(at...)
        }
        if bytes.isEmpty { break }
      }
      let fast = bytes.withUnsafeBytes {
        ScoringBodyReader.read($0, schema: Self.schema, maxRows: 100)
      }
      guard let fast else { continue }
      accepted += 1
      let general = try? ScoringRequest.decode(bytes, features: Self.schema.specs, maxRows: 100)
      let body = String(decoding: bytes, as: UTF8.self)
      guard let general else {
        Issue.record("the fast reader read a body the general reader refuses: \(body)")
        continue
      }
      #expect(Self.cells(fast) == Self.cells(general.table), "\(body)")
    }
    // Some edits keep the body good (a digit changed, a space added): both read those.
    #expect(accepted > 0)
  }
}

extension String {
  /// `{"rows":[self]}`.
  fileprivate var wrappedInRows: String { "{\"rows\":[\(self)]}" }
}

/// Over HTTP: bodies the fast reader gives back still get their answer.
@Suite struct ScoringBodyFallbackTests {
  @Test func escapedStringsScoreAsTheirText() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let plain = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"rows\":[\(ScoringBodyReaderTests.row)]}")
      let escaped = ScoringBodyReaderTests.row
        .replacingOccurrences(of: "\"US\"", with: #""U\u0053""#)
        .replacingOccurrences(of: "\"country\"", with: #""c\u006funtry""#)
      let reply = try await server.client.postAsync(
        "/v1/models/m/score", json: "{\"rows\":[\(escaped)]}")
      #expect(plain.status == 200)
      #expect(reply.text == plain.text)
    }
  }

  @Test func brokenBodiesGetTheGeneralReadersAnswer() async throws {
    try await ScoringEndpointTests.withServer { server, _ in
      let row = ScoringBodyReaderTests.row
      let cases: [(String, Int, String)] = [
        (
          "{\"rows\":[\(row)", 400,
          #"{"detail":"the body is not valid JSON at line 1, column 152: unexpected end of file","instance":"/v1/models/m/score","status":400,"title":"Malformed JSON","type":"urn:dsw:problem:malformed-json"}"#
        ),
        (
          "{\"rows\":[\(row.replacingOccurrences(of: "}", with: ",\"gold\":false}"))]}", 400,
          #"{"detail":"the body is not valid JSON at line 1, column 152: duplicate key \"gold\"","instance":"/v1/models/m/score","status":400,"title":"Malformed JSON","type":"urn:dsw:problem:malformed-json"}"#
        ),
        (
          "{\"rows\":[\(row.replacingOccurrences(of: "1200", with: "1e999"))]}", 400,
          #"{"detail":"the body is not valid JSON at line 1, column 48: number out of range '1e999'","instance":"/v1/models/m/score","status":400,"title":"Malformed JSON","type":"urn:dsw:problem:malformed-json"}"#
        ),
        (
          "{\"rows\":[\(row),\(row.replacingOccurrences(of: "1200", with: "true"))]}", 422,
          #"{"detail":"row 1: `loyaltyPoints` must be a number or null, not a boolean","field":"loyaltyPoints","instance":"/v1/models/m/score","row":1,"status":422,"title":"Wrong type","type":"urn:dsw:problem:wrong-type"}"#
        ),
      ]
      for (body, status, expected) in cases {
        let reply = try await server.client.postAsync("/v1/models/m/score", json: body)
        let answer = try ProblemAnswerTests.problem(reply, status: status)
        #expect(answer == expected)
      }
    }
  }
}
