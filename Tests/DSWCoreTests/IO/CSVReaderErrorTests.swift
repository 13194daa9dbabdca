import Testing

@testable import DSWCore

@Suite("CSVReader errors")
struct CSVReaderErrorTests {
  typealias Support = IOTestSupport
  static let help = "to leave bad rows out and list them, load with (on_error: \"skip\")"

  @Test func raggedRowNamesTheLine() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a,b\n1,2\n3\n4,5\n") }
    #expect(diagnostic?.code == "L001")
    #expect(diagnostic?.message == "line 3: expected 2 fields but found 1")
    #expect(diagnostic?.help == Self.help)
  }

  @Test func tooManyFields() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a\n1\n2,3,4\n") }
    #expect(diagnostic?.message == "line 3: expected 1 field but found 3")
  }

  @Test func linesCountEmbeddedNewlinesAndBlankLines() {
    let csv = "a,b\n\"multi\nline\nvalue\",1\n\n2,3\n4\n"
    let diagnostic = Support.diagnostic { _ = try Support.read(csv) }
    #expect(diagnostic?.message == "line 7: expected 2 fields but found 1")
  }

  @Test func unterminatedQuoteNamesWhereItOpens() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a,b\n1,2\n3,\"open\n4,5\n") }
    #expect(diagnostic?.code == "L002")
    #expect(diagnostic?.message == "line 3: the quote that opens field 2 is never closed")
  }

  @Test func invalidUTF8NamesLineAndField() {
    var bytes = Array("a,b\n1,ok\n2,x".utf8)
    bytes.append(0xFF)
    bytes += Array("y\n".utf8)
    let diagnostic = Support.diagnostic { _ = try CSVReader.read(bytes) }
    #expect(diagnostic?.code == "L003")
    #expect(diagnostic?.message == "line 3: invalid UTF-8 byte 0xFF in field 2")
  }

  @Test func truncatedUTF8SequenceInQuotedField() {
    var bytes = Array("a\n\"line\n".utf8)
    bytes.append(0xC3)
    bytes += Array("\"\n".utf8)
    let diagnostic = Support.diagnostic { _ = try CSVReader.read(bytes) }
    #expect(diagnostic?.message == "line 3: invalid UTF-8 byte 0xC3 in field 1")
  }

  @Test func invalidUTF8InHeader() {
    let diagnostic = Support.diagnostic { _ = try CSVReader.read([0x61, 0x2C, 0xC0, 0x0A]) }
    #expect(diagnostic?.message == "line 1: invalid UTF-8 byte 0xC0 in field 2")
  }

  @Test func strayQuote() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a,b\n1,5'10\"\n") }
    #expect(diagnostic?.code == "L004")
    #expect(
      diagnostic?.message
        == "line 2: a quote inside unquoted field 2; quote the whole field and double the "
        + "inner quote (\"\")")
  }

  @Test func textAfterClosingQuote() {
    let diagnostic = Support.diagnostic { _ = try Support.read("a,b\n\"x\"y,1\n") }
    #expect(diagnostic?.code == "L005")
    #expect(diagnostic?.message == "line 2: text after the closing quote of field 1")
  }

  @Test func skipModeListsEveryBadRow() throws {
    var bytes = Array("a,b\n1,x\n2\n3,\"q\"z\n4,bad".utf8)
    bytes.append(0xFE)
    bytes += Array("\n5,y\n6,\"never closed\n7,z\n".utf8)
    let result = try CSVReader.read(bytes, options: CSVOptions(onError: .skip))
    #expect(Support.values(result.table, "a") == [.int(1), .int(5), .int(7)])
    #expect(Support.values(result.table, "b") == [.string("x"), .string("y"), .string("z")])
    #expect(result.skipped.map(\.line) == [3, 4, 5, 7])
    #expect(
      result.skipped.map(\.reason) == [
        "expected 2 fields but found 1", "text after the closing quote of field 2",
        "invalid UTF-8 byte 0xFE in field 2", "the quote that opens field 2 is never closed",
      ])
  }

  @Test func skippedRowsDoNotDisturbPromotion() throws {
    let result = try Support.read("a,b\n1,2\n3\nx,4\n", CSVOptions(onError: .skip))
    #expect(Support.values(result.table, "a") == [.string("1"), .string("x")])
    #expect(Support.values(result.table, "b") == [.int(2), .int(4)])
  }
}
