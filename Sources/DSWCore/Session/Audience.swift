/// A named rule over the profile: the pipeline that selects its members.
public struct Audience: Sendable {
  public var name: String
  public var pipeline: Pipeline
  /// The source the pipeline was written in, for its spans and its text.
  public var source: String

  /// The rule as written, from `from profile` on, on one line.
  public var ruleText: String {
    let bytes = Array(source.utf8)
    let span = pipeline.span
    guard span.offset >= 0, span.offset + span.length <= bytes.count else { return "" }
    let text = String(decoding: bytes[span.offset..<(span.offset + span.length)], as: UTF8.self)
    return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
