import Foundation
import Testing

@testable import DSWParquet

@Suite struct ParquetFooterTests {
  static let magic: [UInt8] = Array("PAR1".utf8)

  static func read(_ file: [UInt8]) throws -> FileMetaData {
    try file.withUnsafeBytes { try ParquetFooter.read($0) }
  }

  /// A file of `PAR1`, some stand-in column bytes, and a footer.
  static func file(_ metadata: FileMetaData) -> [UInt8] {
    magic + [0, 1, 2, 3] + ParquetFooter.write(metadata)
  }

  static func fixture() throws -> [UInt8] {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures/thrift/small", withExtension: "parquet"))
    return Array(try Data(contentsOf: url))
  }

  @Test func writeThenReadRoundTrips() throws {
    let footer = ParquetFooter.write(MetadataSamples.fileMetaData)
    #expect(Array(footer.suffix(4)) == Self.magic)
    let thriftLength = encodeThrift(MetadataSamples.fileMetaData).count
    #expect(footer.count == thriftLength + 8)
    #expect(
      Array(footer[thriftLength..<thriftLength + 4])
        == withUnsafeBytes(of: UInt32(thriftLength).littleEndian, Array.init))
    #expect(try Self.read(Self.file(MetadataSamples.fileMetaData)) == MetadataSamples.fileMetaData)
  }

  @Test func aFileTooShortIsRefused() {
    #expect(throws: ParquetError("a Parquet file has at least 12 bytes; this one has 8")) {
      try Self.read(Self.magic + Self.magic)
    }
    #expect(throws: ParquetError("a Parquet file has at least 12 bytes; this one has 0")) {
      try Self.read([])
    }
  }

  @Test func theMagicIsChecked() throws {
    var file = Self.file(MetadataSamples.fileMetaData)
    file[0] = 0x51
    #expect(throws: ParquetError("the file does not start with the Parquet magic PAR1")) {
      try Self.read(file)
    }
    file = Self.file(MetadataSamples.fileMetaData)
    file[file.count - 1] = 0x32
    #expect(throws: ParquetError("the file does not end with the Parquet magic PAR1")) {
      try Self.read(file)
    }
  }

  @Test func encryptedFilesAreRefused() {
    let file = Array("PARE".utf8) + [UInt8](repeating: 0, count: 8) + Array("PARE".utf8)
    #expect(throws: ParquetError("encrypted Parquet files are not supported")) {
      try Self.read(file)
    }
  }

  @Test(arguments: [UInt32(13), 1_000, UInt32.max])
  func aFooterLengthPastTheFileIsRefused(_ length: UInt32) {
    let file =
      Self.magic + [0, 0, 0, 0, 0, 0, 0, 0, 0]
      + withUnsafeBytes(of: length.littleEndian, Array.init) + Self.magic
    #expect(
      throws: ParquetError(
        "the footer length \(length) passes the start of the file (21 bytes)")
    ) {
      try Self.read(file)
    }
  }

  @Test func aFooterThatEndsEarlyIsAnError() throws {
    // The length field claims one byte less than the footer has, so the
    // decoder runs out before the stop byte.
    var file = Self.file(MetadataSamples.fileMetaData)
    let lengthAt = file.count - 8
    file[lengthAt] &-= 1
    #expect(throws: ParquetError.self) { try Self.read(file) }
  }

  @Test func readsAFooterWrittenByPyarrow() throws {
    let metadata = try Self.read(try Self.fixture())
    #expect(metadata.numRows == 3)
    #expect(metadata.version == 2)
    #expect(metadata.createdBy == "parquet-cpp-arrow version 26.0.1")
    #expect(
      metadata.schema.map(\.name) == [
        "schema", "id", "name", "score", "small", "day", "at", "price",
      ])
    #expect(metadata.schema[0].numChildren == 7)
    let leaves = metadata.schema.dropFirst()
    #expect(
      leaves.map(\.type) == [
        .int64, .byteArray, .double, .int32, .int32, .int64, .fixedLenByteArray,
      ])
    #expect(leaves.allSatisfy { $0.repetition == .optional })
    #expect(
      leaves.map(\.logicalType) == [
        nil, .string, nil, .integer(bitWidth: 8, isSigned: true), .date,
        .timestamp(isAdjustedToUTC: true, unit: .micros), .decimal(scale: 2, precision: 10),
      ])
    #expect(
      leaves.map(\.convertedType) == [
        nil, .utf8, nil, .int8, .date, .timestampMicros, .decimal,
      ])
    #expect(metadata.schema[7].typeLength == 5)

    let group = try #require(metadata.rowGroups.first)
    #expect(metadata.rowGroups.count == 1)
    #expect(group.numRows == 3)
    let columns = group.columns.compactMap(\.metaData)
    #expect(
      columns.map(\.pathInSchema) == [
        ["id"], ["name"], ["score"], ["small"], ["day"], ["at"], ["price"],
      ])
    #expect(
      columns.map(\.codec) == [
        .snappy, .zstd, .gzip, .uncompressed, .snappy, .snappy, .snappy,
      ])
    #expect(columns.allSatisfy { $0.numValues == 3 })
    #expect(
      columns[0].encodings.sorted { $0.rawValue < $1.rawValue } == [
        .plain, .rle, .rleDictionary,
      ])
    #expect(columns[0].dictionaryPageOffset == 4)
    #expect(columns[0].dataPageOffset == 41)
    #expect(columns[1].statistics?.nullCount == 1)
  }

  @Test func readsAPageHeaderWrittenByPyarrow() throws {
    let file = try Self.fixture()
    let (header, position) = try file.withUnsafeBytes { buffer in
      var cursor = ByteCursor(buffer, position: 4)
      let header = try PageHeader.read(from: &cursor)
      return (header, cursor.position)
    }
    #expect(header.type == .dictionaryPage)
    #expect(header.dictionaryPageHeader?.numValues == 3)
    #expect(header.dictionaryPageHeader?.encoding == .plain)
    // The data page follows the dictionary page.
    #expect(position + Int(header.compressedPageSize) == 41)
  }

  @Test func theFixtureRoundTripsThroughTheWriter() throws {
    let metadata = try Self.read(try Self.fixture())
    #expect(try Self.read(Self.file(metadata)) == metadata)
  }
}
