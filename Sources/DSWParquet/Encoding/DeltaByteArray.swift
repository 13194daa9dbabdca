/// The DELTA_BYTE_ARRAY encoding (= 7), front coding for BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY values: the length of the prefix each value shares
/// with the one before, DELTA_BINARY_PACKED, then the remaining suffixes as
/// DELTA_LENGTH_BYTE_ARRAY.
public enum DeltaByteArray {
  /// The most bytes one page's values may expand to. Shared prefixes let a
  /// few bytes stand for many, so the output is bounded, not the input.
  public static let maximumDecodedSize = 1 << 30

  /// Decodes `count` values onto the end of `output`.
  ///
  /// - Returns: the bytes consumed.
  @discardableResult
  public static func decode(
    _ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrays
  ) throws(ParquetError) -> Int {
    var cursor = ByteCursor(bytes)
    let prefixes = try DeltaLengthByteArray.lengths(
      &cursor, count: count, of: "DELTA_BYTE_ARRAY prefix")
    let suffixes = try DeltaLengthByteArray.lengths(
      &cursor, count: count, of: "DELTA_BYTE_ARRAY suffix")
    let suffixTotal = try DeltaLengthByteArray.checkedTotal(suffixes, within: cursor.remaining)
    let suffixData = try cursor.take(suffixTotal)

    // Check every prefix against the value before it and size the output
    // before writing a byte.
    var total = 0
    var previousLength = 0
    for index in 0..<count {
      let prefix = prefixes[index]
      guard prefix >= 0, prefix <= Int64(previousLength) else {
        throw ParquetError(
          "value \(index) shares a prefix of \(prefix) bytes with a value of \(previousLength)")
      }
      previousLength = Int(prefix) + Int(suffixes[index])
      total += previousLength
      guard total <= maximumDecodedSize else {
        throw ParquetError("DELTA_BYTE_ARRAY values expand past \(maximumDecodedSize) bytes")
      }
    }

    let base = output.bytes.count
    output.offsets.reserveCapacity(output.offsets.count + count)
    var suffixAt = 0
    var offset = base
    var previousStart = base
    output.bytes.append(contentsOf: repeatElement(0, count: total))
    output.bytes.withUnsafeMutableBytes { target in
      for index in 0..<count {
        let prefix = Int(prefixes[index])
        let suffix = Int(suffixes[index])
        // The previous value lies wholly before `offset`, so the ranges never overlap.
        if prefix > 0 {
          UnsafeMutableRawBufferPointer(rebasing: target[offset..<offset + prefix]).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: target[previousStart..<previousStart + prefix]))
        }
        if suffix > 0 {
          UnsafeMutableRawBufferPointer(
            rebasing: target[offset + prefix..<offset + prefix + suffix]
          )
          .copyMemory(
            from: UnsafeRawBufferPointer(rebasing: suffixData[suffixAt..<suffixAt + suffix]))
        }
        suffixAt += suffix
        previousStart = offset
        offset += prefix + suffix
      }
    }
    var end = base
    for index in 0..<count {
      end += Int(prefixes[index]) + Int(suffixes[index])
      output.offsets.append(end)
    }
    return cursor.position
  }

  /// Encodes `values`, each sharing what prefix it can with the one before.
  public static func encode(_ values: ByteArrays) -> [UInt8] {
    var prefixes: [Int64] = []
    var suffixes = ByteArrays()
    prefixes.reserveCapacity(values.count)
    suffixes.reserve(values: values.count, bytes: values.bytes.count)
    values.bytes.withUnsafeBytes { bytes in
      var previous = UnsafeRawBufferPointer(rebasing: bytes[0..<0])
      for index in 0..<values.count {
        let value = UnsafeRawBufferPointer(
          rebasing: bytes[values.offsets[index]..<values.offsets[index + 1]])
        let limit = min(previous.count, value.count)
        var shared = 0
        while shared < limit && previous[shared] == value[shared] { shared += 1 }
        prefixes.append(Int64(shared))
        suffixes.append(UnsafeRawBufferPointer(rebasing: value[shared...]))
        previous = value
      }
    }
    var output = prefixes.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0) }
    output.append(contentsOf: DeltaLengthByteArray.encode(suffixes))
    return output
  }
}
