import DSWCore

/// Makes text from data safe to print: control characters are shown escaped.
///
/// Values come from files and notebooks written by strangers. A raw ESC could
/// clear the screen, move the cursor or retitle the window, and a bidi override
/// can make text read differently from what it is; so every renderer passes
/// data text through `escape(_:)` and never sends such characters raw.
///
/// A backslash in the data is left alone, so `\e` in the output is ambiguous
/// between an escaped ESC and the two characters `\` `e`; that is the price of
/// keeping Windows paths and regular expressions readable.
public enum SafeText {
  /// `text` with every unsafe scalar replaced by a visible escape:
  /// ESC → `\e`, LF → `\n`, TAB → `\t`, CR → `\r`, other C0 controls, DEL, C1
  /// controls and bidi overrides → `\u{…}` with lowercase hex.
  ///
  /// Linear in the text: the result is built as bytes and decoded once, since
  /// appending to a `String.UnicodeScalarView` may copy the whole string.
  public static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 64)
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        appendEscape(scalar, to: &bytes)
      } else {
        UTF8.encode(scalar) { bytes.append($0) }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The first `limit` characters of `text`, escaped, with `…` after them
  /// when there was more: as much of a value as a width-limited cell can
  /// show, without escaping the rest of a long value.
  public static func escape(_ text: String, prefix limit: Int) -> String {
    guard text.utf8.count > limit,
      let end = text.index(text.startIndex, offsetBy: max(0, limit), limitedBy: text.endIndex),
      end < text.endIndex
    else { return escape(text) }
    return escape(String(text[..<end])) + DisplayWidth.ellipsis
  }

  /// Escapes each line of `text` on its own and keeps the line breaks, for
  /// multi-line reports whose newlines are layout rather than data.
  public static func escapeLines(_ text: String) -> String {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
      .map { escape(String($0)) }
      .joined(separator: "\n")
  }

  /// Whether `scalar` must not reach a terminal raw.
  @inline(__always)
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    DisplayText.isUnsafe(scalar.value)
  }

  private static func appendEscape(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\\"))
    switch scalar.value {
    case 0x1B: bytes.append(UInt8(ascii: "e"))
    case 0x0A: bytes.append(UInt8(ascii: "n"))
    case 0x09: bytes.append(UInt8(ascii: "t"))
    case 0x0D: bytes.append(UInt8(ascii: "r"))
    default:
      bytes.append(contentsOf: "u{".utf8)
      bytes.append(contentsOf: String(scalar.value, radix: 16).utf8)
      bytes.append(UInt8(ascii: "}"))
    }
  }
}
