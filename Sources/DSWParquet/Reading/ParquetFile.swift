import DSWCore

/// One Parquet file of a dataset: its footer, read at `load`, and the
/// columns dsw makes of it.
struct ParquetFile: Sendable {
  let file: ExternalFile
  let metadata: FileMetaData
  let schema: ParquetSchema
  /// Each leaf's conversion to dsw's types, by leaf index.
  let conversions: [LeafConversion]
  /// dsw's columns: position in `schema.columns`, by name.
  let columnIndex: [String: Int]
  let rowCount: Int

  init(_ file: ExternalFile, footer bytes: UnsafeRawBufferPointer) throws(ParquetError) {
    self.file = file
    metadata = try ParquetFooter.read(bytes)
    schema = try ParquetSchema(metadata.schema)
    var conversions: [LeafConversion] = []
    for leaf in schema.leaves {
      conversions.append(try LeafConversion.of(schema.nodes[leaf].element))
    }
    self.conversions = conversions
    var index: [String: Int] = [:]
    for (position, column) in schema.columns.enumerated() where index[column.name] == nil {
      index[column.name] = position
    }
    columnIndex = index
    guard metadata.numRows >= 0 else {
      throw ParquetError("the footer declares \(metadata.numRows) rows")
    }
    var rows: Int64 = 0
    for group in metadata.rowGroups {
      guard group.numRows >= 0, group.columns.count == schema.leaves.count else {
        throw ParquetError(
          "a row group holds \(group.columns.count) column chunks for \(schema.leaves.count) leaves"
        )
      }
      rows += group.numRows
    }
    guard rows == metadata.numRows else {
      throw ParquetError(
        "the row groups hold \(rows) rows but the footer declares \(metadata.numRows)")
    }
    rowCount = Int(rows)
  }

  /// dsw's type for a column, and a remark when its values change form.
  func field(_ position: Int) -> (name: String, type: DataType, remark: String?) {
    let column = schema.columns[position]
    switch column.kind {
    case .flat(let leaf):
      return (column.name, conversions[leaf].type, conversions[leaf].remark)
    case .json:
      return (column.name, .string, "list or map as JSON text")
    }
  }

  /// Reads one of dsw's columns from the given row groups.
  /// Reads one of dsw's columns from the given row groups, checking
  /// `isCancelled` (Ctrl-C) before each row group.
  func read(
    _ position: Int, rowGroups: [Int], bytes: UnsafeRawBufferPointer,
    isCancelled: @Sendable () -> Bool = { false }
  ) throws(ParquetError) -> Column {
    let column = schema.columns[position]
    switch column.kind {
    case .flat(let leaf):
      let node = schema.nodes[schema.leaves[leaf]]
      let expectedRows = rowGroups.reduce(0) { $0 + Int(metadata.rowGroups[$1].numRows) }
      var builder = FlatColumnBuilder(
        conversion: conversions[leaf], maxDefinition: node.definitionLevel,
        expectedRows: expectedRows)
      for group in rowGroups {
        if isCancelled() { throw ParquetError.interrupted }
        // Strings are interned into the builder's table as their pages decode.
        var strings: ByteStringTable? =
          conversions[leaf] == .string ? builder.strings : nil
        if strings != nil { builder.strings = ByteStringTable() }
        var chunk = try readChunk(leaf, rowGroup: group, bytes: bytes, interning: &strings)
        if let strings { builder.strings = strings }
        let expected = metadata.rowGroups[group].numRows
        guard chunk.entryCount == expected else {
          throw ParquetError(
            "a chunk holds \(chunk.entryCount) values for a row group of \(expected) rows")
        }
        if let levels = chunk.definitionLevels, chunk.values.count == levels.count {
          // Every row present: the levels say nothing the values do not.
          chunk.definitionLevels = nil
        }
        try builder.append(chunk)
      }
      return try builder.finish()
    case .json(let unit):
      var rows: [String?] = []
      for group in rowGroups {
        if isCancelled() { throw ParquetError.interrupted }
        var chunks: [Int: (LeafChunk, LeafConversion)] = [:]
        for leaf in schema.nodes[unit].leaves {
          chunks[leaf] = (try readChunk(leaf, rowGroup: group, bytes: bytes), conversions[leaf])
        }
        var builder = try NestedColumnBuilder(schema: schema, unit: unit, chunks: chunks)
        let groupRows = try builder.rows()
        let expected = metadata.rowGroups[group].numRows
        guard groupRows.count == expected else {
          throw ParquetError(
            "a list column holds \(groupRows.count) rows for a row group of \(expected)")
        }
        rows += groupRows
      }
      return Column(strings: rows)
    }
  }

  private func readChunk(_ leaf: Int, rowGroup: Int, bytes: UnsafeRawBufferPointer)
    throws(ParquetError) -> LeafChunk
  {
    var none: ByteStringTable?
    return try readChunk(leaf, rowGroup: rowGroup, bytes: bytes, interning: &none)
  }

  private func readChunk(
    _ leaf: Int, rowGroup: Int, bytes: UnsafeRawBufferPointer,
    interning strings: inout ByteStringTable?
  ) throws(ParquetError) -> LeafChunk {
    guard let chunkMetadata = metadata.rowGroups[rowGroup].columns[leaf].metaData else {
      throw ParquetError("a column chunk has no metadata")
    }
    if let path = metadata.rowGroups[rowGroup].columns[leaf].filePath, !path.isEmpty {
      throw ParquetError("column chunks in other files (\(path)) are not supported")
    }
    let node = schema.nodes[schema.leaves[leaf]]
    guard chunkMetadata.type == node.element.type else {
      throw ParquetError("a column chunk's type differs from its schema's")
    }
    return try ColumnChunkReader(
      file: bytes, metadata: chunkMetadata, leaf: node.element,
      maxDefinition: node.definitionLevel, maxRepetition: node.repetitionLevel
    ).read(interning: &strings)
  }

  /// The leaves a column of dsw is made of.
  private func leaves(of position: Int) -> [Int] {
    switch schema.columns[position].kind {
    case .flat(let leaf): [leaf]
    case .json(let unit): schema.nodes[unit].leaves
    }
  }

  /// The sum of a number each of the column's chunks declares, in the given row groups.
  private func total(_ position: Int, _ rowGroups: [Int], _ figure: (ColumnMetaData) -> Int64)
    -> Int
  {
    var total = 0
    for group in rowGroups {
      for leaf in leaves(of: position) {
        guard let metadata = metadata.rowGroups[group].columns[leaf].metaData else { continue }
        total = Saturating.add(total, Int(clamping: max(figure(metadata), 0)))
      }
    }
    return total
  }

  /// Values the column's chunks declare in the given row groups: rows for a
  /// flat column, list items and more for a nested one.
  func declaredValues(_ position: Int, rowGroups: [Int]) -> Int {
    total(position, rowGroups, \.numValues)
  }

  /// Bytes of a column's chunks in the given row groups, as stored.
  func storedBytes(_ position: Int, rowGroups: [Int]) -> Int {
    total(position, rowGroups, \.totalCompressedSize)
  }

  /// A flat column's minimum, maximum and nulls in a row group, from the
  /// statistics its writer kept; nil where they are missing or cannot be read.
  func statistics(_ position: Int, rowGroup: Int) -> (min: Value?, max: Value?, nulls: Int?) {
    guard case .flat(let leaf) = schema.columns[position].kind,
      let chunk = metadata.rowGroups[rowGroup].columns[leaf].metaData,
      let statistics = chunk.statistics
    else { return (nil, nil, nil) }
    let nulls = statistics.nullCount.map { Int(clamping: $0) }
    let conversion = conversions[leaf]
    // The legacy min and max of byte arrays compared bytes as signed: unusable.
    let legacy = chunk.type != .byteArray && chunk.type != .fixedLenByteArray
    let minimum = statistics.minValue ?? (legacy ? statistics.min : nil)
    let maximum = statistics.maxValue ?? (legacy ? statistics.max : nil)
    return (
      minimum.flatMap { Self.value($0, chunk.type, conversion) },
      maximum.flatMap { Self.value($0, chunk.type, conversion) },
      nulls
    )
  }

  private static func value(_ bytes: [UInt8], _ type: PhysicalType, _ conversion: LeafConversion)
    -> Value?
  {
    func integer() -> Int64? {
      switch (type, bytes.count) {
      case (.int32, 4):
        return Int64(Int32(bitPattern: UInt32(littleEndian: bytes)))
      case (.int64, 8):
        return Int64(bitPattern: UInt64(littleEndian: bytes))
      default: return nil
      }
    }
    switch conversion {
    case .int(let unsigned):
      guard let raw = integer() else { return nil }
      if unsigned {
        if type == .int32 { return .int(Int64(UInt32(truncatingIfNeeded: raw))) }
        return raw < 0 ? nil : .int(raw)
      }
      return .int(raw)
    case .date: return integer().map(Value.date)
    case .timestamp(let unit):
      guard let raw = integer(),
        let micros = try? LeafConversion.microseconds([raw], unit).first
      else { return nil }
      return .timestamp(micros)
    case .double:
      if type == .double, bytes.count == 8 {
        return .double(Double(bitPattern: UInt64(littleEndian: bytes)))
      }
      if type == .float, bytes.count == 4 {
        return .double(Double(Float(bitPattern: UInt32(littleEndian: bytes))))
      }
      return nil
    case .decimal(let scale, _):
      switch type {
      case .int32, .int64:
        return integer().map { .double(Double($0) / LeafConversion.power(scale)) }
      default:
        return .double(
          LeafConversion.bigEndianSigned(bytes[...]) / LeafConversion.power(scale))
      }
    case .string:
      guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
      return .string(text)
    case .bool:
      return bytes.count == 1 ? .bool(bytes[0] != 0) : nil
    default:
      return nil
    }
  }
}

extension FixedWidthInteger {
  /// The integer whose little-endian bytes these are, read by the same
  /// bounds-checked cursor as the pages; the caller checks the count.
  fileprivate init(littleEndian bytes: [UInt8]) {
    let value = bytes.withUnsafeBytes { raw -> Self? in
      var cursor = ByteCursor(raw)
      return try? cursor.littleEndian(Self.self)
    }
    self = value ?? 0
  }
}
