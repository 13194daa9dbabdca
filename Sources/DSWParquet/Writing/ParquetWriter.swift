import DSWCore
import Foundation

/// Writes a table as a Parquet file: one row group per `rowGroupRows` rows,
/// each column chunk a dictionary page (strings, and integers of few
/// distinct values) and data pages (v1) of at most `pageRows` rows,
/// compressed with the chosen codec, with min, max and null-count
/// statistics so that readers can skip row groups.
///
/// Every column is OPTIONAL. Dates are INT32 with the DATE type,
/// timestamps INT64 microseconds adjusted to UTC, strings BYTE_ARRAY with
/// the STRING type. Columns are encoded in parallel, one row group at a time.
public struct ParquetWriter: Sendable {
  public var codec: CompressionCodec
  public var rowGroupRows: Int
  public var pageRows = 128 * 1024
  /// Integers with at most this many distinct values in a row group are
  /// dictionary-encoded.
  public var integerDictionaryLimit = 1 << 16

  public init(codec: CompressionCodec = .zstd, rowGroupRows: Int = 1_000_000) {
    self.codec = codec
    self.rowGroupRows = max(1, rowGroupRows)
  }

  public func write(_ table: Table, isCancelled: @Sendable () -> Bool = { false })
    throws(ParquetError) -> [UInt8]
  {
    var output: [UInt8] = Array("PAR1".utf8)
    var schema = [SchemaElement(name: "schema", numChildren: Int32(table.columnCount))]
    for (name, column) in zip(table.names, table.columns) {
      schema.append(Self.element(name, column.type))
    }
    var rowGroups: [RowGroup] = []
    var start = 0
    repeat {
      if isCancelled() { throw ParquetError("interrupted") }
      let end = min(table.rowCount, start + rowGroupRows)
      let chunks = try encodeRowGroup(table, rows: start..<end)
      var columns: [ColumnChunk] = []
      var uncompressed: Int64 = 0
      let groupOffset = Int64(output.count)
      for (index, chunk) in chunks.enumerated() {
        let base = Int64(output.count)
        output += chunk.bytes
        var metadata = chunk.metadata
        metadata.pathInSchema = [table.names[index]]
        metadata.dataPageOffset += base
        if let dictionary = metadata.dictionaryPageOffset {
          metadata.dictionaryPageOffset = dictionary + base
        }
        uncompressed += metadata.totalUncompressedSize
        columns.append(ColumnChunk(fileOffset: base, metaData: metadata))
      }
      rowGroups.append(
        RowGroup(
          columns: columns, totalByteSize: uncompressed, numRows: Int64(end - start),
          fileOffset: groupOffset, totalCompressedSize: Int64(output.count) - groupOffset,
          ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
      start = end
    } while start < table.rowCount
    let metadata = FileMetaData(
      version: 1, schema: schema, numRows: Int64(table.rowCount), rowGroups: rowGroups,
      createdBy: "dsw")
    output += ParquetFooter.write(metadata)
    return output
  }

  static func element(_ name: String, _ type: DataType) -> SchemaElement {
    switch type {
    case .int:
      return SchemaElement(
        type: .int64, repetition: .optional, name: name, convertedType: .int64,
        logicalType: .integer(bitWidth: 64, isSigned: true))
    case .double: return SchemaElement(type: .double, repetition: .optional, name: name)
    case .bool: return SchemaElement(type: .boolean, repetition: .optional, name: name)
    case .date:
      return SchemaElement(
        type: .int32, repetition: .optional, name: name, convertedType: .date,
        logicalType: .date)
    case .timestamp:
      return SchemaElement(
        type: .int64, repetition: .optional, name: name, convertedType: .timestampMicros,
        logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros))
    case .string:
      return SchemaElement(
        type: .byteArray, repetition: .optional, name: name, convertedType: .utf8,
        logicalType: .string)
    }
  }

  /// Each column's chunk for the rows, encoded in parallel.
  private func encodeRowGroup(_ table: Table, rows: Range<Int>) throws(ParquetError)
    -> [EncodedChunk]
  {
    let slots = ResultSlots<EncodedChunk>(count: table.columnCount)
    let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, table.columnCount))
    let writer = self
    ParallelWork.run(count: table.columnCount, threads: threads) { index in
      let encoder = ColumnChunkEncoder(
        codec: writer.codec, pageRows: writer.pageRows,
        integerDictionaryLimit: writer.integerDictionaryLimit)
      slots.set(
        index,
        Result { () throws(ParquetError) in
          try encoder.encode(table.columns[index], rows: rows)
        })
    }
    var chunks: [EncodedChunk] = []
    for result in slots.values { chunks.append(try result.get()) }
    return chunks
  }
}

/// A column chunk's bytes, with offsets relative to its start.
struct EncodedChunk: Sendable {
  var bytes: [UInt8]
  var metadata: ColumnMetaData
}
