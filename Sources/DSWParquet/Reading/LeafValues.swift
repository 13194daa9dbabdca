/// The values of one leaf column chunk as its pages decode them: the
/// present values only, densely, in the physical type.
enum LeafValues {
  case bool([Bool])
  case int32([Int32])
  case int64([Int64])
  case float([Float])
  case double([Double])
  /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
  case bytes(ByteArrays)
  /// Every page was dictionary-encoded: indices into the dictionary page's values.
  indirect case dictionary(indices: [Int32], dictionary: LeafValues)
  /// Strings already interned into the column's table, as their codes.
  case interned([Int32])

  var count: Int {
    switch self {
    case .bool(let values): values.count
    case .int32(let values): values.count
    case .int64(let values): values.count
    case .float(let values): values.count
    case .double(let values): values.count
    case .bytes(let values): values.count
    case .dictionary(let indices, _): indices.count
    case .interned(let codes): codes.count
    }
  }

  static func empty(_ type: PhysicalType) -> LeafValues {
    switch type {
    case .boolean: .bool([])
    case .int32: .int32([])
    case .int64, .int96: .int64([])
    case .float: .float([])
    case .double: .double([])
    case .byteArray, .fixedLenByteArray: .bytes(ByteArrays())
    }
  }

  /// The values with any dictionary resolved.
  func resolved() throws(ParquetError) -> LeafValues {
    guard case .dictionary(let indices, let dictionary) = self else { return self }
    return try dictionary.gathering(indices)
  }

  /// `self[indices]`, checking every index.
  func gathering(_ indices: [Int32]) throws(ParquetError) -> LeafValues {
    let limit = count
    for index in indices where index < 0 || Int(index) >= limit {
      throw ParquetError("a dictionary index of \(index) is out of range 0..<\(limit)")
    }
    func gather<T>(_ values: [T]) -> [T] {
      values.withUnsafeBufferPointer { source in indices.map { source[Int($0)] } }
    }
    switch self {
    case .bool(let values): return .bool(gather(values))
    case .int32(let values): return .int32(gather(values))
    case .int64(let values): return .int64(gather(values))
    case .float(let values): return .float(gather(values))
    case .double(let values): return .double(gather(values))
    case .bytes(let values):
      var output = ByteArrays()
      output.reserve(values: indices.count, bytes: 0)
      for index in indices { output.append(Array(values[Int(index)])) }
      return .bytes(output)
    case .dictionary(let inner, let dictionary):
      return try dictionary.gathering(inner).gathering(indices)
    case .interned(let codes): return .interned(gather(codes))
    }
  }

  /// Decodes `count` PLAIN values of `type` from `bytes` onto these, in place.
  mutating func appendPlain(
    _ bytes: UnsafeRawBufferPointer, count: Int, type: PhysicalType, typeLength: Int
  ) throws(ParquetError) {
    guard count >= 0 else { throw ParquetError("a page declares \(count) values") }
    switch self {
    case .int32(var values):
      self = .int32([])
      defer { self = .int32(values) }
      try PlainDecoder.decodeInt32(bytes, count: count, appendingTo: &values)
    case .int64(var values):
      self = .int64([])
      defer { self = .int64(values) }
      if type == .int96 {
        try PlainDecoder.decodeInt96Timestamps(bytes, count: count, appendingTo: &values)
      } else {
        try PlainDecoder.decodeInt64(bytes, count: count, appendingTo: &values)
      }
    case .double(var values):
      self = .double([])
      defer { self = .double(values) }
      try PlainDecoder.decodeDouble(bytes, count: count, appendingTo: &values)
    case .float(var values):
      self = .float([])
      defer { self = .float(values) }
      try PlainDecoder.decodeFloat(bytes, count: count, appendingTo: &values)
    case .bool(var values):
      self = .bool([])
      defer { self = .bool(values) }
      try PlainDecoder.decodeBooleans(bytes, count: count, appendingTo: &values)
    case .bytes(var values):
      self = .bytes(ByteArrays())
      defer { self = .bytes(values) }
      if type == .fixedLenByteArray {
        try PlainDecoder.decodeFixedLengthByteArrays(
          bytes, count: count, typeLength: typeLength, appendingTo: &values)
      } else {
        try PlainDecoder.decodeByteArrays(bytes, count: count, appendingTo: &values)
      }
    case .dictionary, .interned:
      throw ParquetError("PLAIN values follow values of another kind")
    }
  }

  /// Appends plain values of the same kind after these.
  mutating func append(_ other: LeafValues) throws(ParquetError) {
    switch (self, other) {
    case (.bool(var values), .bool(let more)):
      self = .bool([])
      values += more
      self = .bool(values)
    case (.int32(var values), .int32(let more)):
      self = .int32([])
      values += more
      self = .int32(values)
    case (.int64(var values), .int64(let more)):
      self = .int64([])
      values += more
      self = .int64(values)
    case (.float(var values), .float(let more)):
      self = .float([])
      values += more
      self = .float(values)
    case (.double(var values), .double(let more)):
      self = .double([])
      values += more
      self = .double(values)
    case (.interned(var values), .interned(let more)):
      self = .interned([])
      values += more
      self = .interned(values)
    case (.bytes(var values), .bytes(let more)):
      self = .bytes(ByteArrays())
      let base = values.bytes.count
      values.bytes += more.bytes
      values.offsets += more.offsets.dropFirst().map { $0 + base }
      self = .bytes(values)
    default:
      throw ParquetError("pages of one column chunk decode to different types")
    }
  }
}

/// One leaf column chunk, decoded: its levels and its present values.
struct LeafChunk {
  /// One per entry; nil when the leaf is required all the way up.
  var definitionLevels: [Int32]?
  /// One per entry; nil when the leaf has no repeated ancestor.
  var repetitionLevels: [Int32]?
  var values: LeafValues
  /// Entries: rows for a flat leaf, list items (and empty or null lists) below a repeated one.
  var entryCount: Int
}
