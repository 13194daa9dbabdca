import DSWCore

/// Encodes the rows of one column as a column chunk: an optional dictionary
/// page, then data pages (v1) of definition levels and values, each
/// compressed, with the chunk's statistics.
struct ColumnChunkEncoder {
  let codec: CompressionCodec
  let pageRows: Int
  let integerDictionaryLimit: Int

  func encode(_ column: Column, rows: Range<Int>) throws(ParquetError) -> EncodedChunk {
    var chunk = ChunkBuilder(codec: codec)
    let count = rows.count
    // Definition levels: 1 present, 0 null.
    var levels = [Int32](repeating: 1, count: count)
    var nulls = 0
    if column.validity != nil {
      for offset in 0..<count where column.isNull(rows.lowerBound + offset) {
        levels[offset] = 0
        nulls += 1
      }
    }
    let present = levels.indices.filter { levels[$0] == 1 }.map { $0 + rows.lowerBound }
    let type: PhysicalType
    var statistics = Statistics(nullCount: Int64(nulls))
    switch column.storage {
    case .string(let codes, let dictionary):
      type = .byteArray
      try writeStrings(codes, dictionary, present, levels, &chunk, &statistics)
    case .int(let values), .timestamp(let values):
      type = .int64
      let dense = present.map { values[$0] }
      if let (minimum, maximum) = Self.range(dense) {
        statistics.minValue = Self.bytes(minimum)
        statistics.maxValue = Self.bytes(maximum)
        statistics.min = statistics.minValue
        statistics.max = statistics.maxValue
      }
      try writeIntegers(dense, levels, &chunk) { values in
        values.withUnsafeBufferPointer { PlainEncoder.encode($0) }
      }
    case .date(let values):
      type = .int32
      var dense: [Int32] = []
      dense.reserveCapacity(present.count)
      for row in present {
        guard let day = Int32(exactly: values[row]) else {
          throw ParquetError("the date \(values[row]) days from 1970 does not fit Parquet's DATE")
        }
        dense.append(day)
      }
      if let (minimum, maximum) = Self.range(dense) {
        statistics.minValue = Self.bytes(minimum)
        statistics.maxValue = Self.bytes(maximum)
        statistics.min = statistics.minValue
        statistics.max = statistics.maxValue
      }
      try writeIntegers(dense.map(Int64.init), levels, &chunk) { values in
        values.map { Int32(truncatingIfNeeded: $0) }.withUnsafeBufferPointer {
          PlainEncoder.encode($0)
        }
      }
    case .double(let values):
      type = .double
      let dense = present.map { values[$0] }
      let finite = dense.filter { !$0.isNaN }
      if let minimum = finite.min(), let maximum = finite.max() {
        // -0.0 and 0.0 compare equal; the format asks for -0.0 as a minimum and 0.0 as a maximum.
        statistics.minValue = Self.bytes((minimum == 0 ? -0.0 : minimum).bitPattern)
        statistics.maxValue = Self.bytes((maximum == 0 ? 0.0 : maximum).bitPattern)
        statistics.min = statistics.minValue
        statistics.max = statistics.maxValue
      }
      try chunk.dataPages(levels, present: dense.count, pageRows: pageRows, encoding: .plain) {
        range in dense[range].withUnsafeBufferPointer { PlainEncoder.encode($0) }
      }
    case .bool(let values):
      type = .boolean
      let dense = present.map { values[$0] }
      if !dense.isEmpty {
        statistics.minValue = [dense.contains(false) ? 0 : 1]
        statistics.maxValue = [dense.contains(true) ? 1 : 0]
        statistics.min = statistics.minValue
        statistics.max = statistics.maxValue
      }
      try chunk.dataPages(levels, present: dense.count, pageRows: pageRows, encoding: .plain) {
        range in dense[range].withUnsafeBufferPointer { PlainEncoder.encode($0) }
      }
    }
    return chunk.finish(type: type, valueCount: count, statistics: statistics)
  }

  private func writeStrings(
    _ codes: [Int32], _ dictionary: StringDictionary, _ present: [Int],
    _ levels: [Int32], _ chunk: inout ChunkBuilder, _ statistics: inout Statistics
  ) throws(ParquetError) {
    // The chunk's dictionary: the codes its rows use, renumbered densely in first use.
    var local = [Int32](repeating: -1, count: dictionary.count)
    var used: [Int32] = []
    var indices = [Int32](repeating: 0, count: present.count)
    for (position, row) in present.enumerated() {
      let code = Int(codes[row])
      if local[code] < 0 {
        local[code] = Int32(used.count)
        used.append(Int32(code))
      }
      indices[position] = local[code]
    }
    var values = ByteArrays()
    var minimum: [UInt8]?
    var maximum: [UInt8]?
    for code in used {
      let bytes = Array(dictionary[code].utf8)
      values.append(bytes)
      if minimum.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { minimum = bytes }
      if maximum.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { maximum = bytes }
    }
    statistics.minValue = minimum
    statistics.maxValue = maximum
    try chunk.dictionaryPage(PlainEncoder.encode(values), count: used.count)
    let bitWidth = RLEBitPackedHybrid.bitWidth(forMaximum: max(used.count - 1, 0))
    try chunk.dataPages(
      levels, present: indices.count, pageRows: pageRows, encoding: .rleDictionary
    ) { range in
      indices[range].withUnsafeBufferPointer {
        RLEBitPackedHybrid.encodeDictionaryIndices($0, bitWidth: bitWidth)
      }
    }
  }

  /// Integers: a dictionary when few distinct values repeat, PLAIN otherwise.
  private func writeIntegers(
    _ dense: [Int64], _ levels: [Int32], _ chunk: inout ChunkBuilder,
    plain: ([Int64]) -> [UInt8]
  ) throws(ParquetError) {
    var codeOf: [Int64: Int32] = [:]
    var distinct: [Int64] = []
    var indices = [Int32](repeating: 0, count: dense.count)
    var useDictionary = dense.count > 64
    if useDictionary {
      for (position, value) in dense.enumerated() {
        if let code = codeOf[value] {
          indices[position] = code
          continue
        }
        guard distinct.count < integerDictionaryLimit, distinct.count * 4 < dense.count else {
          useDictionary = false
          break
        }
        let code = Int32(distinct.count)
        codeOf[value] = code
        distinct.append(value)
        indices[position] = code
      }
    }
    guard useDictionary else {
      try chunk.dataPages(levels, present: dense.count, pageRows: pageRows, encoding: .plain) {
        range in plain(Array(dense[range]))
      }
      return
    }
    try chunk.dictionaryPage(plain(distinct), count: distinct.count)
    let bitWidth = RLEBitPackedHybrid.bitWidth(forMaximum: max(distinct.count - 1, 0))
    try chunk.dataPages(
      levels, present: indices.count, pageRows: pageRows, encoding: .rleDictionary
    ) { range in
      indices[range].withUnsafeBufferPointer {
        RLEBitPackedHybrid.encodeDictionaryIndices($0, bitWidth: bitWidth)
      }
    }
  }

  static func range<T: Comparable>(_ values: [T]) -> (T, T)? {
    guard let first = values.first else { return nil }
    var minimum = first
    var maximum = first
    for value in values {
      if value < minimum { minimum = value }
      if value > maximum { maximum = value }
    }
    return (minimum, maximum)
  }

  static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
  }
}

/// The pages of one chunk as they are written.
struct ChunkBuilder {
  let codec: CompressionCodec
  var bytes: [UInt8] = []
  var uncompressedTotal = 0
  var dictionaryOffset: Int?
  var dataOffset: Int?
  var encodings: [Encoding] = [.rle]

  init(codec: CompressionCodec) { self.codec = codec }

  mutating func dictionaryPage(_ body: [UInt8], count: Int) throws(ParquetError) {
    dictionaryOffset = bytes.count
    encodings.append(.plain)
    try page(
      body,
      PageHeader(
        type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0,
        dictionaryPageHeader: DictionaryPageHeader(numValues: Int32(count), encoding: .plain)))
  }

  /// Data pages of at most `pageRows` rows: levels, then the present values
  /// of those rows as `values` encodes them.
  mutating func dataPages(
    _ levels: [Int32], present: Int, pageRows: Int, encoding: Encoding,
    values: (Range<Int>) -> [UInt8]
  ) throws(ParquetError) {
    if !encodings.contains(encoding) { encodings.append(encoding) }
    var start = 0
    var valueStart = 0
    repeat {
      let end = min(levels.count, start + pageRows)
      var presentInPage = 0
      for index in start..<end where levels[index] == 1 { presentInPage += 1 }
      var body = levels[start..<end].withUnsafeBufferPointer {
        RLEBitPackedHybrid.encodeLengthPrefixed($0, bitWidth: 1)
      }
      body += values(valueStart..<valueStart + presentInPage)
      if dataOffset == nil { dataOffset = bytes.count }
      try page(
        body,
        PageHeader(
          type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0,
          dataPageHeader: DataPageHeader(
            numValues: Int32(end - start), encoding: encoding, definitionLevelEncoding: .rle,
            repetitionLevelEncoding: .rle)))
      start = end
      valueStart += presentInPage
    } while start < levels.count
  }

  private mutating func page(_ body: [UInt8], _ header: PageHeader) throws(ParquetError) {
    guard body.count < Int(Int32.max) else {
      throw ParquetError("a page of \(body.count) bytes is too large for the format")
    }
    let compressed = body.withUnsafeBytes { codec.compress($0) }
    var header = header
    header.uncompressedPageSize = Int32(body.count)
    header.compressedPageSize = Int32(compressed.count)
    var writer = ThriftCompactWriter()
    header.encode(into: &writer)
    bytes += writer.bytes
    bytes += compressed
    uncompressedTotal += writer.bytes.count + body.count
  }

  func finish(type: PhysicalType, valueCount: Int, statistics: Statistics) -> EncodedChunk {
    EncodedChunk(
      bytes: bytes,
      metadata: ColumnMetaData(
        type: type, encodings: encodings, pathInSchema: [], codec: codec,
        numValues: Int64(valueCount), totalUncompressedSize: Int64(uncompressedTotal),
        totalCompressedSize: Int64(bytes.count), dataPageOffset: Int64(dataOffset ?? 0),
        dictionaryPageOffset: dictionaryOffset.map(Int64.init), statistics: statistics))
  }
}
