/// Joins column-rendered blocks into records, for the row-major writers.
///
/// Scratch is bounded by what is written: a block holds at most 4096 rows and
/// about a million fields, so a one-row table of a million columns needs one
/// field's worth of scratch per column, not 4096.
enum RecordStitcher {
  private static let maximumBlockRows = 4096
  private static let fieldsPerBlock = 1 << 20

  /// Rows per block for a table of this shape: never more than it has, and
  /// few enough that a block's fields stay near `fieldsPerBlock`.
  static func blockRows(rowCount: Int, columnCount: Int) -> Int {
    max(1, min(maximumBlockRows, rowCount, fieldsPerBlock / max(1, columnCount)))
  }

  /// `rowCount` records, as parts to be written one after another: the
  /// halves of many rows are formatted on both cores, each into a part of
  /// its own. `bytesPerRow` is a guess for sizing the parts.
  static func parts(
    _ rowCount: Int, renderers: [ColumnRenderer], prefixes: [[UInt8]], suffix: [UInt8],
    bytesPerRow: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> [[UInt8]] {
    let ranges = rowCount >= 1 << 16 ? ParallelWork.halves(rowCount) : [0..<rowCount]
    let parts = ParallelWork.map(ranges: ranges) { rows in
      let sink = ByteSink(expectedBytes: rows.count * bytesPerRow)
      // An interrupted part is dropped: the poll below throws.
      try? write(
        rows, renderers: renderers, prefixes: prefixes, suffix: suffix, to: sink, limits: limits)
      return sink.finish()
    }
    try limits.poll()
    return parts
  }

  /// Writes records `rows`: for each, `prefixes[c]` and column `c`'s text
  /// for every column, then `suffix`. Polls Ctrl-C before each block.
  static func write(
    _ rows: Range<Int>, renderers: [ColumnRenderer], prefixes: [[UInt8]], suffix: [UInt8],
    to sink: ByteSink, limits: ExecutionLimits = .none
  ) throws(Diagnostic) {
    let rowCount = rows.count
    let columnCount = renderers.count
    // All separators in one buffer: prefix c spans separatorEnds[c] ..< separatorEnds[c + 1],
    // and the suffix comes last.
    var separators: [UInt8] = []
    var separatorEnds = [0]
    for prefix in prefixes + [suffix] {
      separators += prefix
      separatorEnds.append(separators.count)
    }
    let blockRows = Self.blockRows(rowCount: rowCount, columnCount: columnCount)
    let scratch = ByteSink(expectedBytes: blockRows * max(1, columnCount) * 16)
    let ends = UnsafeMutablePointer<Int>.allocate(capacity: blockRows * max(1, columnCount))
    defer { ends.deallocate() }
    var runStarts = [Int](repeating: 0, count: columnCount)
    try separators.withUnsafeBufferPointer { (separators) throws(Diagnostic) in
      var blockStart = rows.lowerBound
      while blockStart < rows.upperBound {
        try limits.poll()
        let blockEnd = min(rows.upperBound, blockStart + blockRows)
        scratch.reset()
        // Column c's rows occupy one run of the scratch: field i of it ends at
        // ends[c * blockRows + i].
        for (column, renderer) in renderers.enumerated() {
          runStarts[column] = scratch.count
          renderer.render(blockStart..<blockEnd, into: scratch, ends: ends + column * blockRows)
        }
        scratch.withContents { bytes in
          for row in 0..<(blockEnd - blockStart) {
            for column in 0..<columnCount {
              let slot = column * blockRows + row
              let start = row > 0 ? ends[slot - 1] : runStarts[column]
              sink.appendSmall(
                UnsafeBufferPointer(
                  rebasing: separators[separatorEnds[column]..<separatorEnds[column + 1]]))
              sink.appendSmall(UnsafeBufferPointer(rebasing: bytes[start..<ends[slot]]))
            }
            sink.appendSmall(
              UnsafeBufferPointer(
                rebasing: separators[separatorEnds[columnCount]..<separatorEnds[columnCount + 1]]))
          }
        }
        blockStart = blockEnd
      }
    }
  }
}
