/// Turns byte offsets in a file into 1-based lines and character columns.
///
/// Line starts are found once; a column is counted only when a diagnostic
/// needs it, by decoding the line's bytes up to the offset as Characters, so a
/// caret lines up under the text as a terminal shows it.
public struct SourceLocator: Sendable {
  private let bytes: [UInt8]
  /// Byte offset of the first byte of each line.
  private let lineStarts: [Int]

  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(index + 1)
    }
    lineStarts = starts
  }

  /// The span of `length` bytes at `offset` (clamped to the file).
  public func span(offset: Int, length: Int = 1) -> SourceSpan {
    let clamped = max(0, min(offset, bytes.count))
    // The last line start at or before the offset.
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    let lineStart = lineStarts[low]
    let prefix = String(decoding: bytes[lineStart..<clamped], as: UTF8.self)
    return SourceSpan(
      offset: clamped, length: max(0, min(length, bytes.count - clamped)), line: low + 1,
      column: prefix.count + 1)
  }
}
