import DSWCore

/// A leaf's physical values in dsw's form: integers (dates, timestamps and
/// times in dsw's units) and doubles (decimals, FLOAT16).
extension LeafConversion {
  func integers(_ values: LeafValues) throws(ParquetError) -> [Int64] {
    switch (values, self) {
    case (.int32(let raw), .int(let unsigned)):
      return unsigned ? raw.map { Int64(UInt32(bitPattern: $0)) } : raw.map(Int64.init)
    case (.int64(let raw), .int(let unsigned)):
      if unsigned, let index = raw.firstIndex(where: { $0 < 0 }) {
        throw ParquetError(
          "the UINT64 value \(UInt64(bitPattern: raw[index])) is past the largest int, \(Int64.max)"
        )
      }
      return raw
    case (.int32(let raw), .date): return try Self.inRange(raw.map(Int64.init), .date)
    case (.int64(let raw), .int96): return try Self.inRange(raw, .timestamp)
    case (.int64(let raw), .timestamp(let unit)):
      return try Self.inRange(Self.microseconds(raw, unit), .timestamp)
    case (.int32(let raw), .timestamp(let unit)):
      return try Self.inRange(Self.microseconds(raw.map(Int64.init), unit), .timestamp)
    case (.int64(let raw), .time(let unit)):
      return try Self.microseconds(raw, unit)
    case (.int32(let raw), .time(let unit)):
      return try Self.microseconds(raw.map(Int64.init), unit)
    default:
      throw ParquetError("the column's values do not match its type")
    }
  }

  /// Dates and timestamps as the engine holds them, or an error naming the
  /// first value outside that range (a file can hold any Int64).
  static func inRange(_ values: [Int64], _ type: DataType) throws(ParquetError) -> [Int64] {
    if let outside = values.first(where: { !TimeRange.contains($0, type) }) {
      let what =
        type == .date
        ? "a date of \(outside) days from 1970-01-01"
        : outside == .max || outside == .min
          ? "a timestamp" : "a timestamp of \(outside) µs from 1970-01-01"
      throw ParquetError("\(what) is out of range; \(TimeRange.help)")
    }
    return values
  }

  static func microseconds(_ values: [Int64], _ unit: TimeUnit) throws(ParquetError) -> [Int64] {
    switch unit {
    case .micros: return values
    case .nanos:
      // Floor, so that an instant before 1970 stays in its microsecond.
      // (Quotient and remainder, since `value - 999` overflows near the
      // smallest Int64.)
      return values.map { value in
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 1000)
        return remainder < 0 ? quotient - 1 : quotient
      }
    case .millis:
      var output = values
      for index in output.indices {
        let (product, overflow) = output[index].multipliedReportingOverflow(by: 1000)
        if overflow { throw ParquetError("a time of \(values[index]) ms is out of range") }
        output[index] = product
      }
      return output
    }
  }

  func doubles(_ values: LeafValues) throws(ParquetError) -> [Double] {
    switch (values, self) {
    case (.double(let raw), _): return raw
    case (.float(let raw), _): return raw.map(Double.init)
    case (.int32(let raw), .decimal(let scale, _)):
      let divisor = Self.power(scale)
      return raw.map { Double($0) / divisor }
    case (.int64(let raw), .decimal(let scale, _)):
      let divisor = Self.power(scale)
      return raw.map { Double($0) / divisor }
    case (.bytes(let raw), .decimal(let scale, _)):
      let divisor = Self.power(scale)
      return (0..<raw.count).map { Self.bigEndianSigned(raw[$0]) / divisor }
    case (.bytes(let raw), .float16):
      return (0..<raw.count).map { Self.half(raw[$0]) }
    default:
      throw ParquetError("the column's values do not match its type")
    }
  }

  static func power(_ scale: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(max(scale, 0), 400) { result *= 10 }
    return result
  }

  /// A big-endian two's-complement integer of any width, as a double.
  ///
  /// The magnitude is taken before converting, so a negative value does not
  /// lose its digits to cancellation.
  static func bigEndianSigned(_ bytes: ArraySlice<UInt8>) -> Double {
    guard let first = bytes.first else { return 0 }
    let negative = first & 0x80 != 0
    var magnitude = Array(bytes)
    if negative {
      // Two's complement: invert, then add one.
      var carry = true
      for index in magnitude.indices.reversed() {
        magnitude[index] = ~magnitude[index]
        if carry {
          let (sum, overflow) = magnitude[index].addingReportingOverflow(1)
          magnitude[index] = sum
          carry = overflow
        }
      }
    }
    var high: UInt64 = 0
    var low: UInt64 = 0
    var value = 0.0
    if magnitude.count <= 16 {
      for byte in magnitude {
        high = high << 8 | low >> 56
        low = low << 8 | UInt64(byte)
      }
      value = Double(high) * 0x1p64 + Double(low)
    } else {
      for byte in magnitude { value = value * 256 + Double(byte) }
    }
    return negative ? -value : value
  }

  /// An IEEE half-precision float, little-endian.
  static func half(_ bytes: ArraySlice<UInt8>) -> Double {
    guard bytes.count == 2, let low = bytes.first, let high = bytes.last else { return .nan }
    let bits = UInt16(high) << 8 | UInt16(low)
    let sign = bits & 0x8000 != 0 ? -1.0 : 1.0
    let exponent = Int(bits >> 10 & 0x1f)
    let fraction = Double(bits & 0x3ff)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default:
      return sign * (1 + fraction / 1024)
        * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }
}
