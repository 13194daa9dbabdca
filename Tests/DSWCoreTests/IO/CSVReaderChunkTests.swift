import Synchronization
import Testing

@testable import DSWCore

/// Inputs big enough to be split into chunks and parsed in parallel.
@Suite("CSVReader chunks")
struct CSVReaderChunkTests {
  typealias Support = IOTestSupport

  /// About 7 MB of rows whose quoted fields hold newlines and delimiters.
  static func multilineCSV(rows: Int, strayQuoteAt: Int? = nil, raggedAt: Int? = nil) -> [UInt8] {
    var text = "i,s,d\n"
    for row in 0..<rows {
      if row == strayQuoteAt {
        text += "\(row),5'10\",1.0\n"
      } else if row == raggedAt {
        text += "\(row)\n"
      } else {
        text += "\(row),\"text \(row % 1000), \"\"q\"\"\nmore\",\(row).5\n"
      }
    }
    return Array(text.utf8)
  }

  @Test func parallelChunksMatchOneChunk() throws {
    let bytes = Self.multilineCSV(rows: 200_000)
    let parallel = try CSVReader.read(bytes, options: CSVOptions(threads: 2)).table
    let serial = try CSVReader.read(bytes, options: CSVOptions(threads: 1)).table
    #expect(parallel.rowCount == 200_000)
    #expect(Support.sameTable(parallel, serial))
    #expect(parallel.types == [.int, .string, .double])
    #expect(parallel.column(named: "s").map { $0.value(at: 5) } == .string("text 5, \"q\"\nmore"))
  }

  @Test func misplacedBoundaryIsReparsed() throws {
    let bytes = Self.multilineCSV(rows: 200_000, strayQuoteAt: 10)
    let options = CSVOptions(onError: .skip, threads: 2)
    let parallel = try CSVReader.read(bytes, options: options)
    var serialOptions = options
    serialOptions.threads = 1
    let serial = try CSVReader.read(bytes, options: serialOptions)
    #expect(parallel.table.rowCount == 199_999)
    #expect(Support.sameTable(parallel.table, serial.table))
    #expect(parallel.skipped.map(\.line) == [22])
    // The dropped parse of the misplaced chunk leaves no strings behind.
    guard case .string(_, let parallelWords)? = parallel.table.column(named: "s")?.storage,
      case .string(_, let serialWords)? = serial.table.column(named: "s")?.storage
    else {
      Issue.record("s is not a string column")
      return
    }
    #expect(parallelWords.strings == serialWords.strings)
  }

  @Test func errorLineInALaterChunk() {
    let bytes = Self.multilineCSV(rows: 200_000, raggedAt: 150_000)
    let diagnostic = Support.diagnostic { _ = try CSVReader.read(bytes) }
    #expect(diagnostic?.message == "line 300002: expected 3 fields but found 1")
  }

  @Test func typesWidenAcrossChunks() throws {
    var text = "a,b,c\n"
    for row in 0..<400_000 { text += "\(row),2024-01-01,\(row % 7)\n" }
    text += "1.5,2024-01-01T12:00:00Z,x\n"
    let table = try CSVReader.read(Array(text.utf8)).table
    #expect(table.types == [.double, .timestamp, .string])
    #expect(table.column(named: "c").map { $0.value(at: 8) } == .string("1"))
    #expect(table.column(named: "a").map { $0.value(at: 400_000) } == .double(1.5))
    #expect(table.column(named: "b").map { $0.value(at: 3) } == .timestamp(19723 * 86_400_000_000))
  }

  /// The same rows read in parallel chunks and in one, which must agree.
  static func parallelAndSerial(_ text: String) throws -> (parallel: Table, serial: Table) {
    let bytes = Array(text.utf8)
    let parallel = try CSVReader.read(bytes, options: CSVOptions(threads: 2)).table
    let serial = try CSVReader.read(bytes, options: CSVOptions(threads: 1)).table
    return (parallel, serial)
  }

  @Test func crlfLinesAndBlankLinesLandInTheirRows() throws {
    var text = "a,b\r\n"
    for row in 0..<500_000 {
      text += row % 1000 == 0 ? "\r\n\(row),x\(row % 3)\r\n" : "\(row),x\(row % 3)\r\n"
    }
    let (parallel, serial) = try Self.parallelAndSerial(text)
    #expect(parallel.rowCount == 500_000)
    #expect(Support.sameTable(parallel, serial))
    #expect(parallel.column(named: "a").map { $0.value(at: 499_999) } == .int(499_999))
    #expect(parallel.column(named: "b").map { $0.value(at: 499_999) } == .string("x1"))
  }

  @Test func kindsTheFirstRowsDoNotShowAreStillRight() throws {
    // The sample sees strings in `s` and nulls in `n`, then later chunks
    // bring ints to `s`'s chunks and doubles and ints to the rest.
    var text = "s,n,i,b\n"
    for row in 0..<600_000 {
      let string = row < 1000 ? "w\(row % 5)" : "\(row % 9)"
      let late = row < 300_000 ? "" : "\(row)"
      let number = row < 400_000 ? "\(row)" : "\(row).5"
      text += "\(string),\(late),\(number),\(row % 2 == 0)\n"
    }
    let (parallel, serial) = try Self.parallelAndSerial(text)
    #expect(parallel.types == [.string, .int, .double, .bool])
    #expect(Support.sameTable(parallel, serial))
    #expect(parallel.column(named: "s").map { $0.value(at: 599_999) } == .string("\(599_999 % 9)"))
    #expect(parallel.column(named: "n").map { $0.value(at: 299_999) } == .null)
    #expect(parallel.column(named: "n").map { $0.value(at: 300_000) } == .int(300_000))
    #expect(parallel.column(named: "i").map { $0.value(at: 7) } == .double(7))
    #expect(parallel.column(named: "b").map { $0.value(at: 3) } == .bool(false))
  }

  @Test func finishedRangesAreReleasedOnce() throws {
    let bytes = Self.multilineCSV(rows: 200_000)
    let released = Mutex<[Range<Int>]>([])
    let table = try bytes.withUnsafeBytes { buffer in
      try CSVReader.read(
        buffer, options: CSVOptions(threads: 2),
        releasePages: { range in released.withLock { $0.append(range) } }
      ).table
    }
    #expect(table.rowCount == 200_000)
    let ranges = released.withLock { $0 }.filter { !$0.isEmpty }.sorted {
      $0.lowerBound < $1.lowerBound
    }
    #expect(ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= bytes.count })
    // Together the ranges cover the data, from the header's end to the file's.
    #expect(ranges.first?.lowerBound == 6)
    #expect(ranges.map(\.upperBound).max() == bytes.count)
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound >= $1.lowerBound })
  }

  @Test func stringsAreNumberedInTheOrderTheyFirstAppear() throws {
    var text = "k,v\n"
    for row in 0..<700_000 { text += "key\((row * 7919) % 50_000),\"\"\n" }
    let (parallel, serial) = try Self.parallelAndSerial(text)
    guard case .string(_, let parallelWords)? = parallel.column(named: "k")?.storage,
      case .string(_, let serialWords)? = serial.column(named: "k")?.storage
    else {
      Issue.record("k is not a string column")
      return
    }
    #expect(parallelWords.strings.count == 50_000)
    #expect(parallelWords.strings == serialWords.strings)
    #expect(parallelWords.strings.prefix(3) == ["key0", "key7919", "key15838"])
    // A quoted empty field is text, never the number 0.
    #expect(parallel.types == [.string, .string])
  }

  @Test func numbersAtTheVeryEndOfTheBufferAreRead() throws {
    var text = "a,b\n"
    for row in 0..<300_000 { text += "\(row),\(row % 10)\n" }
    text += "12345678,7"
    let (parallel, serial) = try Self.parallelAndSerial(text)
    #expect(Support.sameTable(parallel, serial))
    #expect(parallel.column(named: "a").map { $0.value(at: 300_000) } == .int(12_345_678))
    #expect(parallel.column(named: "b").map { $0.value(at: 300_000) } == .int(7))
  }

  @Test func everyLineEndOfTheFileGetsARow() {
    // An odd length: the last byte is left over when the file is halved.
    let bytes = Array(String(repeating: "12\n", count: 1_500_001).utf8)
    let chunking = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map {
        CSVReader.chunkBounds($0, from: 0, to: buffer.count, threads: 2)
      }
    }
    #expect(chunking?.bounds.count == 3)
    #expect(chunking?.rowCapacity == 1_500_001 + 1)
  }
}
