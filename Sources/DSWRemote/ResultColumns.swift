import DSWCore

/// Builds dsw columns from the rows of a result, straight from the bytes of
/// the protocol's DataRow messages: one typed buffer per column, strings
/// interned from their bytes, no value boxed on the way.
struct ResultColumns {
  /// A column of the result as RowDescription gives it. postgres-nio asks
  /// for every result column in binary; the description (of the statement,
  /// sent before the formats are chosen) says text, so its format is not read.
  struct Field {
    var name: String
    var typeOID: UInt32
  }

  private enum Kind {
    case int16, int32, int64, float32, float64, numeric, bool
    case text, jsonb, uuid, bytea
    case date, timestamp, time
  }

  private var fields: [Field]
  private var kinds: [Kind] = []
  /// Each column's buffer, as an index into the array of its kind.
  private var slots: [Int] = []
  private var ints: [[Int64]] = []
  private var doubles: [[Double]] = []
  private var bools: [[Bool]] = []
  private var strings: [(codes: [Int32], table: ByteStringTable)] = []
  private var nulls: [[Int]] = []
  private(set) var rowCount = 0
  /// Why the last row was refused although well formed: a date or a
  /// timestamp past what dsw holds.
  private(set) var refusal: String?

  /// Epoch shift: PostgreSQL counts from 2000-01-01, dsw from 1970-01-01.
  private static let dayShift: Int64 = 10_957
  private static let microShift: Int64 = 946_684_800_000_000

  init(fields: [Field]) throws(RemoteFailure) {
    self.fields = fields
    for field in fields {
      let kind: Kind
      switch field.typeOID {
      case 21: kind = .int16
      case 23, 26: kind = .int32  // int4, oid
      case 20: kind = .int64
      case 700: kind = .float32
      case 701: kind = .float64
      case 1700: kind = .numeric
      case 16: kind = .bool
      // text, varchar, bpchar, name, char, json, xml, unknown, void
      case 25, 1043, 1042, 19, 18, 114, 142, 705, 2278: kind = .text
      case 3802: kind = .jsonb
      case 2950: kind = .uuid
      case 17: kind = .bytea
      case 1082: kind = .date
      case 1114, 1184: kind = .timestamp
      case 1083: kind = .time
      default:
        throw RemoteFailure(
          .unreadable,
          "column `\(field.name)` is of a type dsw does not read (type oid \(field.typeOID))",
          hint: "convert it in the SQL, for example `CAST(\(field.name) AS text)`")
      }
      kinds.append(kind)
      nulls.append([])
      switch kind {
      case .int16, .int32, .int64, .date, .timestamp, .time:
        slots.append(ints.count)
        ints.append([])
      case .float32, .float64, .numeric:
        slots.append(doubles.count)
        doubles.append([])
      case .bool:
        slots.append(bools.count)
        bools.append([])
      case .text, .jsonb, .uuid, .bytea:
        slots.append(strings.count)
        strings.append(([], ByteStringTable()))
      }
    }
  }

  /// Appends one DataRow's body: a count of values, then each value's length
  /// (-1 for null) and bytes. False when the bytes do not make a row of this
  /// result.
  mutating func appendRow(_ body: UnsafeRawBufferPointer) -> Bool {
    guard body.count >= 2, Int(Self.int16(body, 0)) == kinds.count else { return false }
    var offset = 2
    for column in 0..<kinds.count {
      guard offset + 4 <= body.count else { return false }
      let length = Int(Self.int32(body, offset))
      offset += 4
      if length < 0 {
        nulls[column].append(rowCount)
        appendPlaceholder(column)
        continue
      }
      guard offset + length <= body.count else { return false }
      let value = UnsafeRawBufferPointer(rebasing: body[offset..<offset + length])
      offset += length
      guard append(value, to: column) else { return false }
    }
    rowCount += 1
    return true
  }

  private mutating func append(_ value: UnsafeRawBufferPointer, to column: Int) -> Bool {
    let slot = slots[column]
    switch kinds[column] {
    case .int16:
      guard value.count == 2 else { return false }
      ints[slot].append(Int64(Self.int16(value, 0)))
    case .int32:
      guard value.count == 4 else { return false }
      ints[slot].append(Int64(Self.int32(value, 0)))
    case .int64, .time:
      guard value.count == 8 else { return false }
      ints[slot].append(Self.int64(value, 0))
    case .float32:
      guard value.count == 4 else { return false }
      doubles[slot].append(Double(Float(bitPattern: UInt32(bitPattern: Self.int32(value, 0)))))
    case .float64:
      guard value.count == 8 else { return false }
      doubles[slot].append(Double(bitPattern: UInt64(bitPattern: Self.int64(value, 0))))
    case .numeric:
      guard let number = Self.numeric(value) else { return false }
      doubles[slot].append(number)
    case .bool:
      guard value.count == 1 else { return false }
      bools[slot].append(value[0] != 0)
    case .date:
      guard value.count == 4 else { return false }
      let days = Self.int32(value, 0)
      // ±infinity have no dsw date: they read as null.
      if days == Int32.max || days == Int32.min {
        nulls[column].append(rowCount)
        ints[slot].append(0)
      } else {
        let shifted = Int64(days) + Self.dayShift
        guard TimeRange.contains(shifted, .date) else { return refuse(column, "a date") }
        ints[slot].append(shifted)
      }
    case .timestamp:
      guard value.count == 8 else { return false }
      let micros = Self.int64(value, 0)
      if micros == Int64.max || micros == Int64.min {
        nulls[column].append(rowCount)
        ints[slot].append(0)
      } else {
        let (shifted, overflow) = micros.addingReportingOverflow(Self.microShift)
        guard !overflow, TimeRange.contains(shifted, .timestamp) else {
          return refuse(column, "a timestamp")
        }
        ints[slot].append(shifted)
      }
    case .text:
      intern(value, slot)
    case .jsonb:
      // A version byte (1), then the document as text.
      guard value.count >= 1 else { return false }
      intern(UnsafeRawBufferPointer(rebasing: value[1...]), slot)
    case .uuid, .bytea:
      var text: [UInt8] = []
      text.reserveCapacity(value.count * 2 + 4)
      if kinds[column] == .uuid, value.count == 16 {
        // 8-4-4-4-12 digits.
        for (index, range) in [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].enumerated() {
          if index > 0 { text.append(UInt8(ascii: "-")) }
          HexDigits.append(value[range], to: &text)
        }
      } else {
        HexDigits.append(value, to: &text)
      }
      text.withUnsafeBytes { intern($0, slot) }
    }
    return true
  }

  private mutating func refuse(_ column: Int, _ what: String) -> Bool {
    refusal = "column `\(fields[column].name)` holds \(what) out of range; \(TimeRange.help)"
    return false
  }

  private mutating func intern(_ bytes: UnsafeRawBufferPointer, _ slot: Int) {
    var empty: UInt8 = 0
    let code: Int32
    if let base = bytes.baseAddress, bytes.count > 0 {
      code = strings[slot].table.intern(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    } else {
      code = strings[slot].table.intern(&empty, 0)
    }
    strings[slot].codes.append(code)
  }

  private mutating func appendPlaceholder(_ column: Int) {
    let slot = slots[column]
    switch kinds[column] {
    case .int16, .int32, .int64, .date, .timestamp, .time: ints[slot].append(0)
    case .float32, .float64, .numeric: doubles[slot].append(0)
    case .bool: bools[slot].append(false)
    case .text, .jsonb, .uuid, .bytea: strings[slot].codes.append(-1)
    }
  }

  /// About the memory the result holds so far: its buffers as allocated,
  /// and the strings as the table will hold them.
  var heldBytes: Int {
    var bytes = 0
    for buffer in ints { bytes += buffer.capacity * 8 }
    for buffer in doubles { bytes += buffer.capacity * 8 }
    for buffer in bools { bytes += buffer.capacity }
    for list in nulls { bytes += list.capacity * 8 }
    for (codes, table) in strings {
      bytes += codes.capacity * 4 + table.arena.capacity * 2 + table.count * 48
    }
    return bytes
  }

  /// The columns built, with dsw's types.
  func table() -> Table {
    var columns: [Column] = []
    for column in 0..<kinds.count {
      var validity: Bitmap?
      if !nulls[column].isEmpty {
        var bitmap = Bitmap(count: rowCount, value: true)
        for row in nulls[column] { bitmap.clear(row) }
        validity = bitmap
      }
      let slot = slots[column]
      switch kinds[column] {
      case .date: columns.append(Column(dates: ints[slot], validity: validity))
      case .timestamp: columns.append(Column(timestamps: ints[slot], validity: validity))
      case .int16, .int32, .int64, .time:
        columns.append(Column(ints: ints[slot], validity: validity))
      case .float32, .float64, .numeric:
        columns.append(Column(doubles: doubles[slot], validity: validity))
      case .bool: columns.append(Column(bools: bools[slot], validity: validity))
      case .text, .jsonb, .uuid, .bytea:
        columns.append(
          Column(
            codes: strings[slot].codes,
            dictionary: StringDictionary(uniqueStrings: strings[slot].table.strings())))
      }
    }
    return Table(names: fields.map(\.name), columns: columns, rowCount: rowCount)
  }

  // MARK: Big-endian reads

  @inline(__always)
  static func int16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int16 {
    Int16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int16.self))
  }

  @inline(__always)
  static func int32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int32 {
    Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
  }

  @inline(__always)
  static func int64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int64 {
    Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
  }

  /// PostgreSQL's binary numeric: base-10000 digits with a weight and sign,
  /// converted once, correctly rounded, through their decimal text.
  static func numeric(_ bytes: UnsafeRawBufferPointer) -> Double? {
    guard bytes.count >= 8 else { return nil }
    let count = Int(int16(bytes, 0))
    let weight = Int(int16(bytes, 2))
    let sign = UInt16(bitPattern: int16(bytes, 4))
    switch sign {
    case 0xC000: return .nan
    case 0xD000: return .infinity
    case 0xF000: return -.infinity
    case 0x0000, 0x4000: break
    default: return nil
    }
    guard count >= 0, bytes.count == 8 + 2 * count else { return nil }
    if count == 0 { return 0 }
    var text = sign == 0x4000 ? "-0." : "0."
    for index in 0..<count {
      let digit = int16(bytes, 8 + 2 * index)
      guard (0..<10_000).contains(digit) else { return nil }
      let piece = String(digit)
      text += String(repeating: "0", count: 4 - piece.count) + piece
    }
    text += "e\(4 * (weight + 1))"
    return Double(text)
  }
}
