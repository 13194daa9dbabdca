import DSWCore

/// Builds one of dsw's columns from the chunks of a leaf with no repeated
/// ancestor, one chunk per row group, appended as each is decoded so that
/// only one chunk's decoded pages are held at a time.
///
/// Present values are decoded densely; the definition levels say which rows
/// they go to. Strings go through one interning table keyed by bytes: a
/// dictionary-encoded chunk interns its dictionary once and maps its indices,
/// so no value is hashed again. The output grows with what is decoded, never
/// to a row count the footer merely claims.
struct FlatColumnBuilder {
  let conversion: LeafConversion
  let maxDefinition: Int
  private var rows = 0
  private var nullRows: [Int] = []
  private var integerValues: [Int64] = []
  private var doubleValues: [Double] = []
  private var boolValues: [Bool] = []
  private var codes: [Int32] = []
  /// The string column's table; a chunk reader borrows it to intern as it decodes.
  var strings = ByteStringTable()

  init(conversion: LeafConversion, maxDefinition: Int, expectedRows: Int = 0) {
    self.conversion = conversion
    self.maxDefinition = maxDefinition
    let capacity = min(max(expectedRows, 0), 1 << 24)
    switch conversion.type {
    case .int, .date, .timestamp: integerValues.reserveCapacity(capacity)
    case .double: doubleValues.reserveCapacity(capacity)
    case .bool: boolValues.reserveCapacity(capacity)
    case .string: codes.reserveCapacity(capacity)
    }
  }

  mutating func append(_ chunk: LeafChunk) throws(ParquetError) {
    if let levels = chunk.definitionLevels {
      let maximum = Int32(maxDefinition)
      levels.withUnsafeBufferPointer { levels in
        for offset in 0..<levels.count where levels[offset] != maximum {
          nullRows.append(rows + offset)
        }
      }
    }
    switch conversion {
    case .string, .hex:
      let dense = try internedCodes(chunk.values)
      Self.scatter(dense, chunk, maxDefinition, filler: -1, into: &codes)
    case .bool:
      guard case .bool(let values) = try chunk.values.resolved() else {
        throw ParquetError("a BOOLEAN chunk holds other values")
      }
      Self.scatter(values, chunk, maxDefinition, filler: false, into: &boolValues)
    case .double, .float16, .decimal:
      Self.scatter(
        try conversion.doubles(chunk.values.resolved()), chunk, maxDefinition, filler: 0,
        into: &doubleValues)
    case .int, .date, .timestamp, .int96, .time:
      Self.scatter(
        try conversion.integers(chunk.values.resolved()), chunk, maxDefinition, filler: 0,
        into: &integerValues)
    }
    rows += chunk.entryCount
  }

  consuming func finish() throws(ParquetError) -> Column {
    var validity: Bitmap?
    if !nullRows.isEmpty {
      var bitmap = Bitmap(count: rows, value: true)
      for row in nullRows { bitmap.clear(row) }
      validity = bitmap
    }
    switch conversion.type {
    case .string:
      if let bad = strings.arena.withUnsafeBufferPointer({ arena -> Int? in
        guard let base = arena.baseAddress else { return nil }
        return UTF8Validation.firstInvalidByte(base, arena.count)
      }) {
        throw ParquetError(
          "a string holds a byte that is not UTF-8 (0x\(String(strings.arena[bad], radix: 16)))")
      }
      return Column(
        storage: .string(
          codes: codes, dictionary: StringDictionary(uniqueStrings: strings.strings())),
        validity: validity)
    case .bool: return Column(bools: boolValues, validity: validity)
    case .double: return Column(doubles: doubleValues, validity: validity)
    case .date: return Column(dates: integerValues, validity: validity)
    case .timestamp: return Column(timestamps: integerValues, validity: validity)
    case .int: return Column(ints: integerValues, validity: validity)
    }
  }

  /// Appends a chunk's rows: its dense values at the rows its levels mark
  /// present, `filler` elsewhere.
  private static func scatter<T>(
    _ dense: [T], _ chunk: LeafChunk, _ maxDefinition: Int, filler: T, into output: inout [T]
  ) {
    guard let levels = chunk.definitionLevels else {
      if dense.count == chunk.entryCount {
        output.append(contentsOf: dense)
      } else {
        output.append(contentsOf: dense.prefix(chunk.entryCount))
        output.append(
          contentsOf: repeatElement(filler, count: max(0, chunk.entryCount - dense.count)))
      }
      return
    }
    let start = output.count
    output.append(contentsOf: repeatElement(filler, count: chunk.entryCount))
    let maximum = Int32(maxDefinition)
    output.withUnsafeMutableBufferPointer { target in
      dense.withUnsafeBufferPointer { source in
        levels.withUnsafeBufferPointer { levels in
          var next = 0
          for offset in 0..<min(levels.count, chunk.entryCount)
          where levels[offset] == maximum && next < source.count {
            target[start + offset] = source[next]
            next += 1
          }
        }
      }
    }
  }

  /// The chunk's present values as codes into the column's interning table.
  private mutating func internedCodes(_ values: LeafValues) throws(ParquetError) -> [Int32] {
    if case .interned(let codes) = values { return codes }
    let hex = conversion == .hex
    if case .dictionary(let indices, .bytes(let dictionary)) = values {
      let remap =
        hex
        ? Interning.hexCodes(of: dictionary, into: &strings)
        : Interning.codes(of: dictionary, into: &strings)
      var dense = [Int32](repeating: 0, count: indices.count)
      for (position, index) in indices.enumerated() {
        guard index >= 0, Int(index) < remap.count else {
          throw ParquetError("a dictionary index of \(index) is out of range 0..<\(remap.count)")
        }
        dense[position] = remap[Int(index)]
      }
      return dense
    }
    guard case .bytes(let plain) = try values.resolved() else {
      throw ParquetError("a string chunk holds other values")
    }
    return hex
      ? Interning.hexCodes(of: plain, into: &strings) : Interning.codes(of: plain, into: &strings)
  }

}
