/// Cell ids: eight characters from `[a-z0-9]`, unique within a notebook.
///
/// Ids are generated from the caller's `SeededRandom`, so a scripted session
/// makes the same ids every time.
public enum CellID {
  public static let length = 8
  private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

  /// A fresh id not in `avoiding`.
  public static func generate(using random: inout SeededRandom, avoiding: Set<String>) -> String {
    while true {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(length)
      for _ in 0..<length { bytes.append(alphabet[random.nextInt(below: alphabet.count)]) }
      let id = String(decoding: bytes, as: UTF8.self)
      if !avoiding.contains(id) { return id }
    }
  }

  /// Whether `text` has the form of a cell id.
  public static func isValid(_ text: String) -> Bool {
    text.utf8.count == length
      && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
  }
}
