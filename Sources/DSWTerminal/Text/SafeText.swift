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
  public static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        result.append(scalar)
        continue
      }
      result.append(contentsOf: escaped(scalar).unicodeScalars)
    }
    return String(result)
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

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x1B: "\\e"
    case 0x0A: "\\n"
    case 0x09: "\\t"
    case 0x0D: "\\r"
    default: "\\u{" + String(scalar.value, radix: 16) + "}"
    }
  }
}

extension Character {
  /// A line break between lines of text: LF, or CR LF (one Character in Swift).
  var isLineBreak: Bool { self == "\n" || self == "\r\n" }
}
