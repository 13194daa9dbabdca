/// Writes JSON exactly as Python's
/// `json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"` does.
///
/// That byte-for-byte contract (DESIGN §3) makes notebooks diff well in git and
/// lets any Python tool rewrite one without noise:
/// - keys sorted by Unicode code point, `"key": value`, 2-space indent, `,` at
///   line ends, `[]` and `{}` for empty containers, a trailing newline;
/// - doubles as Python's `repr(float)`: shortest round-trip digits, positional
///   for 1e-4 ≤ |x| < 1e16 (always with a `.0` or fraction), otherwise `1e-05` /
///   `1.5e+16` style;
/// - strings escape only `"`, `\`, and the C0 controls (`\n \r \t \b \f`, the rest
///   as lowercase `\u00xx`); `/`, DEL and all non-ASCII (U+2028 included) are raw.
///
/// One deliberate difference: Python writes NaN and ±infinity as the non-JSON
/// tokens `NaN` / `Infinity`; this writer writes `null`, so the file stays JSON.
///
/// JSON meant for other tools and terminals (`compact`, and `bytes` with
/// `escapingUnsafe`) also escapes what must not reach a terminal raw: DEL, the
/// C1 controls and the bidi overrides become `\u007f`, `\u009b`, `\u202e`.
/// That is still valid JSON and decodes to the same text.
public enum JSONWriter {
  /// The document's text, with the trailing newline.
  public static func write(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  /// The document's UTF-8 bytes, with the trailing newline. With
  /// `escapingUnsafe`, every scalar `DisplayText.isUnsafe` names is a `\u` escape.
  public static func bytes(_ value: JSONValue, escapingUnsafe: Bool = false) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    append(value, indent: 0, escapingUnsafe: escapingUnsafe, to: &output)
    output.append(UInt8(ascii: "\n"))
    return output
  }

  /// A string as a JSON string literal, quotes included.
  public static func quoted(_ text: String, escapingUnsafe: Bool = false) -> String {
    var output: [UInt8] = []
    appendString(text, escapingUnsafe: escapingUnsafe, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// A double as Python's `repr(float)` writes it; `null` when not finite.
  public static func formatDouble(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    // Swift's description already has the shortest round-trip digits; only the
    // layout (where to switch to an exponent) differs from Python's.
    let text = value.description
    let negative = text.hasPrefix("-")
    let unsigned = negative ? text.dropFirst() : Substring(text)
    let parts = unsigned.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
    let mantissa = parts.first ?? ""
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let pointIndex = mantissa.firstIndex(of: ".")
    let integerPart = pointIndex.map { mantissa[..<$0] } ?? mantissa
    var digits = Array(mantissa.filter { $0 != "." })
    // value = 0.DIGITS × 10^decimalPoint, as in Python's float formatting.
    var decimalPoint = integerPart.count + exponent
    while let first = digits.first, first == "0" {
      digits.removeFirst()
      decimalPoint -= 1
    }
    while let last = digits.last, last == "0" { digits.removeLast() }
    let sign = negative ? "-" : ""
    guard !digits.isEmpty else { return sign + "0.0" }
    if decimalPoint > -4 && decimalPoint <= 16 {
      if decimalPoint <= 0 {
        return sign + "0." + String(repeating: "0", count: -decimalPoint) + String(digits)
      }
      if decimalPoint >= digits.count {
        return sign + String(digits) + String(repeating: "0", count: decimalPoint - digits.count)
          + ".0"
      }
      return sign + String(digits[..<decimalPoint]) + "." + String(digits[decimalPoint...])
    }
    let power = decimalPoint - 1
    let fraction = digits.count > 1 ? "." + String(digits[1...]) : ""
    let powerDigits = String(power.magnitude)
    return sign + String(digits[0]) + fraction + (power < 0 ? "e-" : "e+")
      + (powerDigits.count < 2 ? "0" + powerDigits : powerDigits)
  }

  // MARK: Writing

  private static func append(
    _ value: JSONValue, indent: Int, escapingUnsafe: Bool, to output: inout [UInt8]
  ) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .int(let number): output.append(contentsOf: String(number).utf8)
    case .double(let number): output.append(contentsOf: formatDouble(number).utf8)
    case .string(let text): appendString(text, escapingUnsafe: escapingUnsafe, to: &output)
    case .array(let items):
      guard !items.isEmpty else { return output.append(contentsOf: "[]".utf8) }
      output.append(UInt8(ascii: "["))
      for (position, item) in items.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1, &output)
        append(item, indent: indent + 1, escapingUnsafe: escapingUnsafe, to: &output)
      }
      newline(indent, &output)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
      output.append(UInt8(ascii: "{"))
      // Python compares str by code point; UTF-8 byte order is the same order.
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (position, key) in keys.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1, &output)
        appendString(key, escapingUnsafe: escapingUnsafe, to: &output)
        output.append(contentsOf: ": ".utf8)
        append(
          members[key] ?? .null, indent: indent + 1, escapingUnsafe: escapingUnsafe, to: &output)
      }
      newline(indent, &output)
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ indent: Int, _ output: inout [UInt8]) {
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func appendString(
    _ text: String, escapingUnsafe: Bool, to output: inout [UInt8]
  ) {
    if escapingUnsafe {
      return appendEscapingUnsafe(text, to: &output)
    }
    output.append(UInt8(ascii: "\""))
    // Bytes, not Characters: "\r\n" is one Character but two escapes.
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
      case 0x0A: output.append(contentsOf: "\\n".utf8)
      case 0x0D: output.append(contentsOf: "\\r".utf8)
      case 0x09: output.append(contentsOf: "\\t".utf8)
      case 0x08: output.append(contentsOf: "\\b".utf8)
      case 0x0C: output.append(contentsOf: "\\f".utf8)
      case 0x00..<0x20:
        output.append(contentsOf: "\\u00".utf8)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

extension JSONWriter {
  /// One-line JSON, for JSON Lines output; unsafe scalars are escaped, as
  /// these lines are often read on a terminal.
  public static func compact(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .double(let number): return number.isFinite ? formatDouble(number) : "null"
    case .string(let text): return quoted(text, escapingUnsafe: true)
    case .array(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
    case .object(let members):
      return "{"
        + members.keys.sorted().map {
          quoted($0, escapingUnsafe: true) + ":" + compact(members[$0] ?? .null)
        }
        .joined(separator: ",") + "}"
    }
  }

  /// A string literal in which every unsafe scalar (C0 and C1 controls, DEL,
  /// bidi overrides) is escaped: the C0 ones as Python escapes them, the rest
  /// as `\uXXXX`.
  fileprivate static func appendEscapingUnsafe(_ text: String, to output: inout [UInt8]) {
    let hexDigits = Array("0123456789abcdef".utf8)
    output.append(UInt8(ascii: "\""))
    for scalar in text.unicodeScalars {
      let value = scalar.value
      switch value {
      case 0x22: output.append(contentsOf: "\\\"".utf8)
      case 0x5C: output.append(contentsOf: "\\\\".utf8)
      case 0x0A: output.append(contentsOf: "\\n".utf8)
      case 0x0D: output.append(contentsOf: "\\r".utf8)
      case 0x09: output.append(contentsOf: "\\t".utf8)
      case 0x08: output.append(contentsOf: "\\b".utf8)
      case 0x0C: output.append(contentsOf: "\\f".utf8)
      case _ where DisplayText.isUnsafe(value):
        output.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
          output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
      default: UTF8.encode(scalar) { output.append($0) }
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
