import CCodecs
import DSWCore

/// Decodes one column chunk: its pages, one after another, into levels and
/// dense values.
///
/// Every size and count comes from the file and is checked before it is
/// used: a page must lie inside its chunk, and a chunk inside the file; a
/// page's values must fit the bytes it holds. Page checksums are verified
/// when the writer gave them.
struct ColumnChunkReader {
  let file: UnsafeRawBufferPointer
  let metadata: ColumnMetaData
  let leaf: SchemaElement
  let maxDefinition: Int
  let maxRepetition: Int

  func read() throws(ParquetError) -> LeafChunk {
    var none: ByteStringTable?
    return try read(interning: &none)
  }

  /// Reads the chunk; with a table, a BYTE_ARRAY chunk's strings are
  /// interned into it as pages decode, straight from the page bytes, and its
  /// values come back as codes (`.interned`).
  func read(interning strings: inout ByteStringTable?) throws(ParquetError) -> LeafChunk {
    let chunk = try chunkBytes()
    var cursor = ByteCursor(chunk)
    let expected = metadata.numValues
    guard expected >= 0 else { throw ParquetError("the chunk declares \(expected) values") }
    var state = State(type: metadata.type)
    if metadata.type == .byteArray, strings != nil {
      state.strings = strings
      state.plain = .interned([])
      strings = nil
    }
    defer { if state.strings != nil { strings = state.strings } }
    var entries = 0
    while entries < expected, !cursor.isAtEnd {
      let header = try PageHeader.read(from: &cursor)
      guard header.compressedPageSize >= 0, header.uncompressedPageSize >= 0 else {
        throw ParquetError("a page declares a negative size")
      }
      let body = try cursor.take(Int(header.compressedPageSize))
      if let crc = header.crc { try verify(body, crc) }
      switch header.type {
      case .dictionaryPage:
        guard let dictionaryHeader = header.dictionaryPageHeader else {
          throw ParquetError("a dictionary page has no dictionary header")
        }
        let data = try metadata.codec.decompress(
          body, uncompressedSize: Int(header.uncompressedPageSize))
        state.dictionary = try data.withBytes { (bytes) throws(ParquetError) in
          var values = LeafValues.empty(metadata.type)
          try values.appendPlain(
            bytes, count: Int(dictionaryHeader.numValues), type: metadata.type,
            typeLength: Int(leaf.typeLength ?? 0))
          return values
        }
        state.internDictionary()
      case .dataPage:
        guard let pageHeader = header.dataPageHeader else {
          throw ParquetError("a data page has no data page header")
        }
        let data = try metadata.codec.decompress(
          body, uncompressedSize: Int(header.uncompressedPageSize))
        entries += try data.withBytes { (bytes) throws(ParquetError) in
          try readPageV1(bytes, pageHeader, &state)
        }
      case .dataPageV2:
        guard let pageHeader = header.dataPageHeaderV2 else {
          throw ParquetError("a data page v2 has no data page header")
        }
        entries += try readPageV2(body, header, pageHeader, &state)
      case .indexPage:
        continue
      }
    }
    guard entries == expected else {
      throw ParquetError("the chunk holds \(entries) values but declares \(expected)")
    }
    return LeafChunk(
      definitionLevels: maxDefinition > 0 ? state.definitionLevels : nil,
      repetitionLevels: maxRepetition > 0 ? state.repetitionLevels : nil,
      values: try state.finish(), entryCount: entries)
  }

  /// The chunk's bytes, from its first page to its declared end.
  private func chunkBytes() throws(ParquetError) -> UnsafeRawBufferPointer {
    var start = metadata.dataPageOffset
    // Some writers give a dictionary offset of 0 when there is none.
    if let dictionary = metadata.dictionaryPageOffset, dictionary > 0, dictionary < start {
      start = dictionary
    }
    let length = metadata.totalCompressedSize
    guard start >= 4, length >= 0, start <= Int64(file.count), length <= Int64(file.count) - start
    else {
      throw ParquetError(
        "the chunk's bytes (\(length) at offset \(start)) lie outside the file of \(file.count) bytes"
      )
    }
    return UnsafeRawBufferPointer(rebasing: file[Int(start)..<Int(start + length)])
  }

  private func verify(_ body: UnsafeRawBufferPointer, _ expected: Int32) throws(ParquetError) {
    let computed = crc32(
      0, body.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(body.count))
    guard UInt32(truncatingIfNeeded: computed) == UInt32(bitPattern: expected) else {
      throw ParquetError("a page's checksum does not match its bytes")
    }
  }

  /// What the pages of a chunk have built so far.
  private struct State {
    var definitionLevels: [Int32] = []
    var repetitionLevels: [Int32] = []
    var dictionary: LeafValues?
    /// Indices of dictionary-encoded pages, while every page so far was one.
    var indices: [Int32] = []
    var plain: LeafValues
    var sawPlain = false
    /// The column's string table, while strings are interned as they decode.
    var strings: ByteStringTable?
    /// The dictionary's entries as codes of `strings`.
    var remap: [Int32] = []

    init(type: PhysicalType) { plain = .empty(type) }

    mutating func internDictionary() {
      guard var table = strings, case .bytes(let values)? = dictionary else { return }
      strings = nil
      remap = Interning.codes(of: values, into: &table)
      strings = table
    }

    /// Decodes PLAIN values straight onto the chunk's values, without a
    /// page-sized array in between.
    mutating func appendPlain(
      _ bytes: UnsafeRawBufferPointer, count: Int, type: PhysicalType, typeLength: Int
    ) throws(ParquetError) {
      if !indices.isEmpty, let dictionary {
        plain = try dictionary.gathering(indices)
        indices = []
      }
      sawPlain = true
      try plain.appendPlain(bytes, count: count, type: type, typeLength: typeLength)
    }

    /// Byte arrays as codes when strings are interned, as they are otherwise.
    mutating func interning(_ values: ByteArrays) -> LeafValues {
      guard var table = strings else { return .bytes(values) }
      strings = nil
      defer { strings = table }
      return .interned(Interning.codes(of: values, into: &table))
    }

    mutating func appendPlain(_ values: LeafValues) throws(ParquetError) {
      if !indices.isEmpty, let dictionary {
        // A writer fell back from the dictionary mid-chunk: resolve what came before.
        plain = try dictionary.gathering(indices)
        indices = []
      }
      sawPlain = true
      try plain.append(values)
    }

    mutating func appendIndices(_ more: [Int32]) throws(ParquetError) {
      guard let dictionary else {
        throw ParquetError("a dictionary-encoded page comes before any dictionary page")
      }
      if strings != nil {
        var codes = more
        for index in codes.indices {
          let entry = Int(codes[index])
          guard entry >= 0, entry < remap.count else {
            throw ParquetError("a dictionary index of \(entry) is out of range 0..<\(remap.count)")
          }
          codes[index] = remap[entry]
        }
        sawPlain = true
        try plain.append(.interned(codes))
        return
      }
      if sawPlain {
        try plain.append(try dictionary.gathering(more))
      } else {
        indices += more
      }
    }

    func finish() throws(ParquetError) -> LeafValues {
      if strings != nil { return plain }
      if !sawPlain, let dictionary { return .dictionary(indices: indices, dictionary: dictionary) }
      return plain
    }
  }

  private func readPageV1(
    _ bytes: UnsafeRawBufferPointer, _ header: DataPageHeader, _ state: inout State
  ) throws(ParquetError) -> Int {
    let count = Int(header.numValues)
    try checkPageCount(count, state)
    var offset = 0
    if maxRepetition > 0 {
      offset += try levels(
        bytes, from: offset, count: count, maximum: maxRepetition, lengthPrefixed: true,
        encoding: header.repetitionLevelEncoding, into: &state.repetitionLevels)
    }
    var present = count
    if maxDefinition > 0 {
      let start = state.definitionLevels.count
      offset += try levels(
        bytes, from: offset, count: count, maximum: maxDefinition, lengthPrefixed: true,
        encoding: header.definitionLevelEncoding, into: &state.definitionLevels)
      present = presentCount(state.definitionLevels, from: start)
    }
    try values(
      UnsafeRawBufferPointer(rebasing: bytes[offset...]), count: present,
      encoding: header.encoding, into: &state)
    return count
  }

  private func readPageV2(
    _ body: UnsafeRawBufferPointer, _ page: PageHeader, _ header: DataPageHeaderV2,
    _ state: inout State
  ) throws(ParquetError) -> Int {
    let count = Int(header.numValues)
    try checkPageCount(count, state)
    let repetitionLength = Int(header.repetitionLevelsByteLength)
    let definitionLength = Int(header.definitionLevelsByteLength)
    guard count >= 0, repetitionLength >= 0, definitionLength >= 0,
      repetitionLength <= body.count, definitionLength <= body.count - repetitionLength
    else { throw ParquetError("a data page v2 declares level sizes that do not fit it") }
    // Levels come first, never compressed, without length prefixes.
    if maxRepetition > 0 {
      _ = try levels(
        UnsafeRawBufferPointer(rebasing: body[..<repetitionLength]), from: 0, count: count,
        maximum: maxRepetition, lengthPrefixed: false, encoding: .rle,
        into: &state.repetitionLevels)
    }
    var present = count
    if maxDefinition > 0 {
      let start = state.definitionLevels.count
      _ = try levels(
        UnsafeRawBufferPointer(
          rebasing: body[repetitionLength..<repetitionLength + definitionLength]),
        from: 0, count: count, maximum: maxDefinition, lengthPrefixed: false, encoding: .rle,
        into: &state.definitionLevels)
      present = presentCount(state.definitionLevels, from: start)
    }
    let levelBytes = repetitionLength + definitionLength
    let rest = UnsafeRawBufferPointer(rebasing: body[levelBytes...])
    let uncompressed = Int(page.uncompressedPageSize) - levelBytes
    if header.isCompressed && metadata.codec != .uncompressed {
      let data = try metadata.codec.decompress(rest, uncompressedSize: uncompressed)
      try data.withBytes { (bytes) throws(ParquetError) in
        try values(bytes, count: present, encoding: header.encoding, into: &state)
      }
    } else {
      try values(rest, count: present, encoding: header.encoding, into: &state)
    }
    return count
  }

  /// A page may hold no more values than its chunk declares are left: the
  /// levels of a page are allocated by its count.
  private func checkPageCount(_ count: Int, _ state: State) throws(ParquetError) {
    let decoded =
      maxDefinition > 0 || maxRepetition > 0
      ? max(state.definitionLevels.count, state.repetitionLevels.count) : 0
    guard count >= 0, Int64(count) <= metadata.numValues - Int64(decoded) else {
      throw ParquetError(
        "a page declares \(count) values, more than its chunk's \(metadata.numValues)")
    }
  }

  private func presentCount(_ levels: [Int32], from start: Int) -> Int {
    let maximum = Int32(maxDefinition)
    return levels.withUnsafeBufferPointer { buffer in
      var present = 0
      for index in start..<buffer.count where buffer[index] == maximum { present += 1 }
      return present
    }
  }

  /// Decodes `count` levels; returns the bytes they took.
  private func levels(
    _ bytes: UnsafeRawBufferPointer, from offset: Int, count: Int, maximum: Int,
    lengthPrefixed: Bool, encoding: Encoding, into output: inout [Int32]
  ) throws(ParquetError) -> Int {
    guard encoding == .rle else {
      throw ParquetError("levels encoded as \(encoding.name) are not supported")
    }
    let bitWidth = RLEBitPackedHybrid.bitWidth(forMaximum: maximum)
    let source = UnsafeRawBufferPointer(rebasing: bytes[offset...])
    let start = output.count
    output += repeatElement(0, count: count)
    let consumed = try output.withMutableBuffer {
      (buffer) throws(ParquetError) -> Int in
      let target = UnsafeMutableBufferPointer(rebasing: buffer[start...])
      return lengthPrefixed
        ? try RLEBitPackedHybrid.decodeLengthPrefixed(
          source, bitWidth: bitWidth, count: count, into: target)
        : try RLEBitPackedHybrid.decode(source, bitWidth: bitWidth, count: count, into: target)
    }
    let bound = Int32(maximum)
    for index in start..<output.count where output[index] > bound {
      throw ParquetError("a level of \(output[index]) passes the column's maximum of \(maximum)")
    }
    return consumed
  }

  /// Decodes `count` present values in `encoding`.
  private func values(
    _ bytes: UnsafeRawBufferPointer, count: Int, encoding: Encoding, into state: inout State
  ) throws(ParquetError) {
    switch encoding {
    case .plainDictionary, .rleDictionary:
      var indices = [Int32](repeating: 0, count: count)
      try indices.withMutableBuffer { (buffer) throws(ParquetError) in
        _ = try RLEBitPackedHybrid.decodeDictionaryIndices(bytes, count: count, into: buffer)
      }
      try state.appendIndices(indices)
    case .plain:
      if state.strings != nil {
        try state.appendPlain(.interned(try internPlain(bytes, count: count, into: &state.strings)))
      } else {
        try state.appendPlain(
          bytes, count: count, type: metadata.type, typeLength: Int(leaf.typeLength ?? 0))
      }
    case .rle:
      guard metadata.type == .boolean else {
        throw ParquetError("RLE values are only for BOOLEAN columns")
      }
      var bits = [Int32](repeating: 0, count: count)
      try bits.withMutableBuffer { (buffer) throws(ParquetError) in
        _ = try RLEBitPackedHybrid.decodeLengthPrefixed(
          bytes, bitWidth: 1, count: count, into: buffer)
      }
      try state.appendPlain(.bool(bits.map { $0 != 0 }))
    case .deltaBinaryPacked:
      switch metadata.type {
      case .int32:
        var output: [Int32] = []
        try DeltaBinaryPacked.decode(bytes, count: count, appendingTo: &output)
        try state.appendPlain(.int32(output))
      case .int64:
        var output: [Int64] = []
        try DeltaBinaryPacked.decode(bytes, count: count, appendingTo: &output)
        try state.appendPlain(.int64(output))
      default:
        throw ParquetError("DELTA_BINARY_PACKED values are only for INT32 and INT64 columns")
      }
    case .deltaLengthByteArray:
      var output = ByteArrays()
      try DeltaLengthByteArray.decode(bytes, count: count, appendingTo: &output)
      try state.appendPlain(state.interning(output))
    case .deltaByteArray:
      var output = ByteArrays()
      try DeltaByteArray.decode(bytes, count: count, appendingTo: &output)
      try state.appendPlain(state.interning(output))
    case .byteStreamSplit:
      try state.appendPlain(try decodeByteStreamSplit(bytes, count: count))
    case .bitPacked:
      throw ParquetError("values encoded as BIT_PACKED are not supported")
    }
  }

  /// PLAIN byte arrays interned straight from the page: a 4-byte length, then the bytes.
  private func internPlain(
    _ bytes: UnsafeRawBufferPointer, count: Int, into strings: inout ByteStringTable?
  ) throws(ParquetError) -> [Int32] {
    guard var table = strings else { return [] }
    strings = nil
    defer { strings = table }
    guard count >= 0, count <= bytes.count / 4 else {
      throw ParquetError("a page of \(bytes.count) bytes cannot hold \(count) BYTE_ARRAY values")
    }
    var codes = [Int32](repeating: 0, count: count)
    var cursor = ByteCursor(bytes)
    for index in 0..<count {
      let length = Int(try cursor.littleEndian(UInt32.self))
      let value = try cursor.take(length)
      codes[index] = Interning.intern(value, into: &table)
    }
    return codes
  }

  private func decodeByteStreamSplit(_ bytes: UnsafeRawBufferPointer, count: Int)
    throws(ParquetError) -> LeafValues
  {
    switch metadata.type {
    case .float:
      var output: [Float] = []
      try ByteStreamSplit.decode(bytes, count: count, appendingTo: &output)
      return .float(output)
    case .double:
      var output: [Double] = []
      try ByteStreamSplit.decode(bytes, count: count, appendingTo: &output)
      return .double(output)
    case .int32:
      var output: [Int32] = []
      try ByteStreamSplit.decode(bytes, count: count, appendingTo: &output)
      return .int32(output)
    case .int64:
      var output: [Int64] = []
      try ByteStreamSplit.decode(bytes, count: count, appendingTo: &output)
      return .int64(output)
    case .fixedLenByteArray:
      var output = ByteArrays()
      try ByteStreamSplit.decodeFixedLength(
        bytes, count: count, typeLength: Int(leaf.typeLength ?? 0), appendingTo: &output)
      return .bytes(output)
    default:
      throw ParquetError("BYTE_STREAM_SPLIT is not defined for \(metadata.type.name) columns")
    }
  }
}
