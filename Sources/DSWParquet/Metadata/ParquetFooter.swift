/// Reads and writes the end of a Parquet file: the Thrift-encoded
/// `FileMetaData`, its 4-byte little-endian length, and the magic `PAR1`.
public enum ParquetFooter {
  static let magic: [UInt8] = Array("PAR1".utf8)
  /// Files with an encrypted footer end in this instead.
  static let encryptedMagic: [UInt8] = Array("PARE".utf8)

  /// The metadata of a whole file's bytes, after checking the magic at both
  /// ends and that the footer lies inside the file.
  public static func read(_ file: UnsafeRawBufferPointer) throws(ParquetError) -> FileMetaData {
    // Leading magic, footer length and trailing magic.
    let minimumSize = 12
    guard file.count >= minimumSize else {
      throw ParquetError(
        "a Parquet file has at least \(minimumSize) bytes; this one has \(file.count)")
    }
    let tail = Array(file[(file.count - 4)...])
    if tail == encryptedMagic {
      throw ParquetError("encrypted Parquet files are not supported")
    }
    guard Array(file[..<4]) == magic else {
      throw ParquetError("the file does not start with the Parquet magic PAR1")
    }
    guard tail == magic else {
      throw ParquetError("the file does not end with the Parquet magic PAR1")
    }
    var lengthCursor = ByteCursor(file, position: file.count - 8)
    let footerLength = Int(try lengthCursor.littleEndian(UInt32.self))
    // The footer sits between the leading magic and its length field.
    let footerStart = file.count - 8 - footerLength
    guard footerStart >= 4 else {
      throw ParquetError(
        "the footer length \(footerLength) passes the start of the file "
          + "(\(file.count) bytes)")
    }
    let footer = UnsafeRawBufferPointer(rebasing: file[footerStart..<(file.count - 8)])
    var reader = ThriftCompactReader(footer)
    return try FileMetaData.decode(&reader)
  }

  /// The footer of a file: what follows the last column chunk.
  public static func write(_ metadata: FileMetaData) -> [UInt8] {
    var writer = ThriftCompactWriter()
    metadata.encode(into: &writer)
    var bytes = writer.bytes
    withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count).littleEndian) {
      bytes.append(contentsOf: $0)
    }
    bytes.append(contentsOf: magic)
    return bytes
  }
}
