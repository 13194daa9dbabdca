/// A range of source text in one cell: where a diagnostic points.
///
/// `line` and `column` are 1-based and count characters (extended grapheme
/// clusters), so a caret lines up under the text as a terminal shows it.
/// `offset` and `length` are in UTF-8 bytes of the cell's source.
public struct SourceSpan: Sendable, Hashable, Codable {
  public var offset: Int
  public var length: Int
  public var line: Int
  public var column: Int

  public init(offset: Int, length: Int, line: Int, column: Int) {
    self.offset = offset
    self.length = length
    self.line = line
    self.column = column
  }

  /// A span covering both `self` and `other` (which must start later on).
  public func through(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(
      offset: offset, length: max(length, other.offset + other.length - offset),
      line: line, column: column)
  }

  public static let unknown = SourceSpan(offset: 0, length: 0, line: 1, column: 1)
}
