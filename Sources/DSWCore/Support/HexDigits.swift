/// Bytes as lowercase hex digits, two per byte: digests, UUIDs and binary
/// values read as text.
public enum HexDigits {
  private static let digits = Array("0123456789abcdef".utf8)

  /// Appends the digits of `bytes` to `text`.
  public static func append(_ bytes: some Sequence<UInt8>, to text: inout [UInt8]) {
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
  }
}
