import Foundation
import Testing

@testable import DSWCore

@Suite("Byte-level parsing")
struct ByteParsingTests {
  static func double(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { ByteNumberParser.parseDouble($0, buffer.count) }
    }
  }

  static func int(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { ByteNumberParser.parseInt($0, buffer.count) }
    }
  }

  @Test func integers() {
    #expect(Self.int("0") == 0)
    #expect(Self.int("-17") == -17)
    #expect(Self.int("+17") == 17)
    #expect(Self.int("9223372036854775807") == .max)
    #expect(Self.int("-9223372036854775808") == .min)
    #expect(Self.int("9223372036854775808") == nil)
    #expect(Self.int("00000000000000000000001") == 1)
    #expect(Self.int("1a") == nil)
    #expect(Self.int("-") == nil)
    #expect(Self.int("") == nil)
  }

  /// `parseEightDigits` on `text`, with bytes after it that are digits
  /// too, which it must not read as part of the number.
  static func eightDigits(_ text: String) -> Int64? {
    let bytes = Array(text.utf8) + Array("99999999".utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { ByteNumberParser.parseEightDigits($0, text.utf8.count) }
    }
  }

  @Test func upToEightDigitsAtOnce() {
    #expect(Self.eightDigits("0") == 0)
    #expect(Self.eightDigits("7") == 7)
    #expect(Self.eightDigits("42") == 42)
    #expect(Self.eightDigits("12345678") == 12_345_678)
    #expect(Self.eightDigits("99999999") == 99_999_999)
    #expect(Self.eightDigits("00001234") == 1234)
    for bad in ["1a", "a1", "12:4", "1/", "-5", "+5", " 5", "1.5", "1234567\u{7F}"] {
      #expect(Self.eightDigits(bad) == nil, "\(bad)")
    }
    var random = SeededRandom(seed: 5)
    for _ in 0..<2_000 {
      let value = Int64(random.next() % 100_000_000)
      #expect(Self.eightDigits(String(value)) == value)
    }
  }

  @Test func doublesRoundTripShortestText() {
    var random = SeededRandom(seed: 11)
    for _ in 0..<20_000 {
      let value = Double(bitPattern: random.next())
      guard value.isFinite else { continue }
      #expect(Self.double(value.description) == value)
      #expect(Self.double(String(format17: value)) == value)
    }
  }

  @Test func doubleSyntax() {
    #expect(Self.double(".5") == 0.5)
    #expect(Self.double("5.") == 5)
    #expect(Self.double("-0.5e-3") == -0.0005)
    #expect(Self.double("1E5") == 100_000)
    #expect(Self.double("0.1") == 0.1)
    #expect(Self.double("123456789012345678901234567890") == 1.2345678901234568e29)
    #expect(Self.double("4.9406564584124654e-324") == .leastNonzeroMagnitude)
    #expect(Self.double("1e-400") == 0)
    for bad in ["nan", "inf", "-inf", "1e", "e5", ".", "-", "1.2.3", "0x10", "1e400", " 1"] {
      #expect(Self.double(bad) == nil, "\(bad)")
    }
  }

  @Test func byteStringTableInternsAndMerges() {
    var table = ByteStringTable()
    var codes: [Int32] = []
    let words = (0..<5_000).map { "w\($0 % 1_000)-\(String(repeating: "x", count: $0 % 20))" }
    for word in words {
      let bytes = Array(word.utf8)
      codes.append(
        bytes.withUnsafeBufferPointer { buffer in
          buffer.baseAddress.map { table.intern($0, buffer.count) } ?? -1
        })
    }
    let strings = table.strings()
    #expect(Set(strings).count == strings.count)
    #expect(zip(words, codes).allSatisfy { strings[Int($1)] == $0 })
    var merged = ByteStringTable()
    var zero: UInt8 = 0
    _ = withUnsafePointer(to: &zero) { merged.intern($0, 0) }
    let remap = merged.absorb(table)
    let mergedStrings = merged.strings()
    #expect(mergedStrings[0] == "")
    #expect((0..<strings.count).allSatisfy { mergedStrings[Int(remap[$0])] == strings[$0] })
  }
}

extension String {
  /// `%.17g`, which always round-trips.
  init(format17 value: Double) {
    var buffer = [CChar](repeating: 0, count: 40)
    _ = withVaList([value]) { vsnprintf(&buffer, 40, "%.17g", $0) }
    self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
