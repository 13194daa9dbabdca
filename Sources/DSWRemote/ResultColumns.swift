import DSWCore
import NIOCore
import PostgresNIO

/// Builds dsw columns from result rows in PostgreSQL's binary format, one
/// typed buffer per column, strings interned from their bytes.
struct ResultColumns {
  private enum Kind {
    case int16, int32, int64, float32, float64, numeric, bool
    case text, jsonb, uuid, bytea
    case date, timestamp, time
  }

  private enum Buffer {
    case ints([Int64])
    case doubles([Double])
    case bools([Bool])
    case strings(codes: [Int32], table: ByteStringTable)
  }

  private var names: [String] = []
  private var kinds: [Kind] = []
  private var buffers: [Buffer] = []
  private var nulls: [[Int]] = []

  /// Epoch shift: PostgreSQL counts from 2000-01-01, dsw from 1970-01-01.
  private static let dayShift: Int64 = 10_957
  private static let microShift: Int64 = 946_684_800_000_000

  init(columns: [PostgresColumn]) throws(RemoteFailure) {
    for column in columns {
      let kind: Kind
      switch column.dataType {
      case .int2: kind = .int16
      case .int4, .oid: kind = .int32
      case .int8: kind = .int64
      case .float4: kind = .float32
      case .float8: kind = .float64
      case .numeric: kind = .numeric
      case .bool: kind = .bool
      case .text, .varchar, .bpchar, .name, .json, .xml, .char: kind = .text
      case PostgresDataType(705): kind = .text  // unknown: an untyped literal
      case PostgresDataType(2278): kind = .text  // void: a function run for its effect, null
      case .jsonb: kind = .jsonb
      case .uuid: kind = .uuid
      case .bytea: kind = .bytea
      case .date: kind = .date
      case .timestamp, .timestamptz: kind = .timestamp
      case .time: kind = .time
      default:
        let type = column.dataType.knownSQLName ?? "type \(column.dataType.rawValue)"
        throw RemoteFailure(
          .unreadable, "column `\(column.name)` is of type \(type), which dsw does not read",
          hint: "convert it in the SQL, for example `CAST(\(column.name) AS text)`")
      }
      names.append(column.name)
      kinds.append(kind)
      nulls.append([])
      switch kind {
      case .int16, .int32, .int64, .date, .timestamp, .time: buffers.append(.ints([]))
      case .float32, .float64, .numeric: buffers.append(.doubles([]))
      case .bool: buffers.append(.bools([]))
      case .text, .jsonb, .uuid, .bytea:
        buffers.append(.strings(codes: [], table: ByteStringTable()))
      }
    }
  }

  mutating func append(_ row: PostgresRow) throws(RemoteFailure) {
    var index = 0
    for cell in row {
      guard index < kinds.count else { break }
      try append(cell, at: index)
      index += 1
    }
  }

  private mutating func append(_ cell: PostgresCell, at index: Int) throws(RemoteFailure) {
    let row = count(at: index)
    guard var bytes = cell.bytes else {
      nulls[index].append(row)
      appendPlaceholder(at: index)
      return
    }
    let kind = kinds[index]
    if cell.format == .text {
      appendString(bytes, at: index)
      return
    }
    let malformed = RemoteFailure(
      .unreadable, "column `\(names[index])` holds a value dsw could not read")
    switch kind {
    case .int16:
      guard let value = bytes.readInteger(as: Int16.self) else { throw malformed }
      appendInt(Int64(value), at: index)
    case .int32:
      guard let value = bytes.readInteger(as: Int32.self) else { throw malformed }
      appendInt(Int64(value), at: index)
    case .int64:
      guard let value = bytes.readInteger(as: Int64.self) else { throw malformed }
      appendInt(value, at: index)
    case .float32:
      guard let bits = bytes.readInteger(as: UInt32.self) else { throw malformed }
      appendDouble(Double(Float(bitPattern: bits)), at: index)
    case .float64:
      guard let bits = bytes.readInteger(as: UInt64.self) else { throw malformed }
      appendDouble(Double(bitPattern: bits), at: index)
    case .numeric:
      guard let value = Self.numeric(&bytes) else { throw malformed }
      appendDouble(value, at: index)
    case .bool:
      guard let value = bytes.readInteger(as: UInt8.self) else { throw malformed }
      if case .bools(var values) = buffers[index] {
        buffers[index] = .bools([])
        values.append(value != 0)
        buffers[index] = .bools(values)
      }
    case .date:
      guard let value = bytes.readInteger(as: Int32.self) else { throw malformed }
      if value == Int32.max || value == Int32.min {
        nulls[index].append(row)
        appendPlaceholder(at: index)
      } else {
        appendInt(Int64(value) + Self.dayShift, at: index)
      }
    case .timestamp:
      guard let value = bytes.readInteger(as: Int64.self) else { throw malformed }
      if value == Int64.max || value == Int64.min {
        nulls[index].append(row)
        appendPlaceholder(at: index)
      } else {
        appendInt(value &+ Self.microShift, at: index)
      }
    case .time:
      guard let value = bytes.readInteger(as: Int64.self) else { throw malformed }
      appendInt(value, at: index)
    case .text:
      appendString(bytes, at: index)
    case .jsonb:
      bytes.moveReaderIndex(forwardBy: min(1, bytes.readableBytes))
      appendString(bytes, at: index)
    case .uuid, .bytea:
      let hex = Array("0123456789abcdef".utf8)
      var text: [UInt8] = []
      for (position, byte) in bytes.readableBytesView.enumerated() {
        if kind == .uuid, [4, 6, 8, 10].contains(position) { text.append(UInt8(ascii: "-")) }
        text.append(hex[Int(byte >> 4)])
        text.append(hex[Int(byte & 15)])
      }
      appendString(ByteBuffer(bytes: text), at: index)
    }
  }

  private func count(at index: Int) -> Int {
    switch buffers[index] {
    case .ints(let values): values.count
    case .doubles(let values): values.count
    case .bools(let values): values.count
    case .strings(let codes, _): codes.count
    }
  }

  private mutating func appendPlaceholder(at index: Int) {
    switch buffers[index] {
    case .ints: appendInt(0, at: index)
    case .doubles: appendDouble(0, at: index)
    case .bools(var values):
      buffers[index] = .bools([])
      values.append(false)
      buffers[index] = .bools(values)
    case .strings(var codes, let table):
      buffers[index] = .bools([])
      codes.append(-1)
      buffers[index] = .strings(codes: codes, table: table)
    }
  }

  private mutating func appendInt(_ value: Int64, at index: Int) {
    guard case .ints(var values) = buffers[index] else { return }
    buffers[index] = .bools([])
    values.append(value)
    buffers[index] = .ints(values)
  }

  private mutating func appendDouble(_ value: Double, at index: Int) {
    guard case .doubles(var values) = buffers[index] else { return }
    buffers[index] = .bools([])
    values.append(value)
    buffers[index] = .doubles(values)
  }

  private mutating func appendString(_ bytes: ByteBuffer, at index: Int) {
    guard case .strings(var codes, var table) = buffers[index] else { return }
    buffers[index] = .bools([])
    let code = bytes.withUnsafeReadableBytes { raw -> Int32 in
      guard let base = raw.bindMemory(to: UInt8.self).baseAddress else {
        var empty: UInt8 = 0
        return table.intern(&empty, 0)
      }
      return table.intern(base, raw.count)
    }
    codes.append(code)
    buffers[index] = .strings(codes: codes, table: table)
  }

  /// The columns built, with dsw's types.
  func table(rowCount: Int) -> Table {
    var columns: [Column] = []
    for (index, buffer) in buffers.enumerated() {
      var validity: Bitmap?
      if !nulls[index].isEmpty {
        var bitmap = Bitmap(count: rowCount, value: true)
        for row in nulls[index] { bitmap.clear(row) }
        validity = bitmap
      }
      switch (buffer, kinds[index]) {
      case (.ints(let values), .date): columns.append(Column(dates: values, validity: validity))
      case (.ints(let values), .timestamp):
        columns.append(Column(timestamps: values, validity: validity))
      case (.ints(let values), _): columns.append(Column(ints: values, validity: validity))
      case (.doubles(let values), _): columns.append(Column(doubles: values, validity: validity))
      case (.bools(let values), _): columns.append(Column(bools: values, validity: validity))
      case (.strings(let codes, let table), _):
        columns.append(
          Column(codes: codes, dictionary: StringDictionary(uniqueStrings: table.strings())))
      }
    }
    return Table(names: names, columns: columns, rowCount: rowCount)
  }

  /// PostgreSQL's binary numeric: base-10000 digits with a weight and sign.
  static func numeric(_ bytes: inout ByteBuffer) -> Double? {
    guard let count = bytes.readInteger(as: Int16.self),
      let weight = bytes.readInteger(as: Int16.self),
      let sign = bytes.readInteger(as: UInt16.self),
      bytes.readInteger(as: Int16.self) != nil, count >= 0
    else { return nil }
    switch sign {
    case 0xC000: return .nan
    case 0xD000: return .infinity
    case 0xF000: return -.infinity
    default: break
    }
    // Digits as text, then one correctly rounded conversion.
    var text = sign == 0x4000 ? "-0." : "0."
    for _ in 0..<count {
      guard let digit = bytes.readInteger(as: Int16.self) else { return nil }
      let piece = String(digit)
      text += String(repeating: "0", count: 4 - piece.count) + piece
    }
    if count == 0 { return 0 }
    text += "e\(4 * (Int(weight) + 1))"
    return Double(text)
  }
}
