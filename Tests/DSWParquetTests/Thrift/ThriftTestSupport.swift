@testable import DSWParquet

/// Decodes a whole struct from bytes, as a test would from a file.
func decodeThrift<Value: ThriftStruct>(_: Value.Type, _ bytes: [UInt8]) throws -> Value {
  try bytes.withUnsafeBytes { buffer in
    var reader = ThriftCompactReader(buffer)
    return try Value.decode(&reader)
  }
}

/// The compact-protocol bytes of a struct.
func encodeThrift(_ value: some ThriftStruct) -> [UInt8] {
  var writer = ThriftCompactWriter()
  value.encode(into: &writer)
  return writer.bytes
}

/// Runs `body` over a reader of `bytes` and returns what it read.
func readThrift<Value>(
  _ bytes: [UInt8], _ body: (inout ThriftCompactReader) throws -> Value
) throws -> Value {
  try bytes.withUnsafeBytes { buffer in
    var reader = ThriftCompactReader(buffer)
    return try body(&reader)
  }
}
