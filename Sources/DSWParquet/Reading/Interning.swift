import DSWCore

/// Byte strings into a column's interning table, as codes.
enum Interning {
  /// Where an empty value's bytes start, when its buffer has no address.
  nonisolated(unsafe) private static let nothing = UnsafePointer(
    UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

  @inline(__always)
  static func intern(_ value: UnsafeRawBufferPointer, into table: inout ByteStringTable) -> Int32 {
    let start = value.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? nothing
    return table.intern(start, value.count)
  }

  static func codes(of values: ByteArrays, into table: inout ByteStringTable) -> [Int32] {
    var codes = [Int32](repeating: 0, count: values.count)
    values.bytes.withUnsafeBytes { bytes in
      values.offsets.withUnsafeBufferPointer { offsets in
        for index in 0..<values.count {
          codes[index] = intern(
            UnsafeRawBufferPointer(rebasing: bytes[offsets[index]..<offsets[index + 1]]),
            into: &table)
        }
      }
    }
    return codes
  }

  /// Each value's lowercase hex digits, interned.
  static func hexCodes(of values: ByteArrays, into table: inout ByteStringTable) -> [Int32] {
    var codes = [Int32](repeating: 0, count: values.count)
    var scratch: [UInt8] = []
    for index in 0..<values.count {
      scratch.removeAll(keepingCapacity: true)
      HexDigits.append(values[index], to: &scratch)
      codes[index] = scratch.withUnsafeBytes { intern($0, into: &table) }
    }
    return codes
  }
}
