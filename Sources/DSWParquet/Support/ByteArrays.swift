/// Variable-length byte strings stored contiguously, as BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY values decode: value `i` is
/// `bytes[offsets[i]..<offsets[i + 1]]`.
public struct ByteArrays: Sendable, Equatable {
  /// One more offset than values; the first is 0.
  public var offsets: [Int]
  public var bytes: [UInt8]

  public init() {
    offsets = [0]
    bytes = []
  }

  public init(offsets: [Int], bytes: [UInt8]) {
    self.offsets = offsets
    self.bytes = bytes
  }

  public var count: Int { offsets.count - 1 }

  public mutating func reserve(values: Int, bytes byteCount: Int) {
    offsets.reserveCapacity(values + 1)
    bytes.reserveCapacity(byteCount)
  }

  public mutating func append(_ value: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: value)
    offsets.append(bytes.count)
  }

  public mutating func append(_ value: [UInt8]) {
    bytes.append(contentsOf: value)
    offsets.append(bytes.count)
  }

  public subscript(index: Int) -> ArraySlice<UInt8> {
    bytes[offsets[index]..<offsets[index + 1]]
  }
}
