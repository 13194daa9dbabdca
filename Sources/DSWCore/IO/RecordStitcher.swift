/// Joins column-rendered blocks into records, for the row-major writers.
enum RecordStitcher {
  private static let blockRows = 4096

  /// Writes `rowCount` records: for each, `prefixes[c]` and column `c`'s text
  /// for every column, then `suffix`.
  static func write(
    _ rowCount: Int, renderers: [ColumnRenderer], prefixes: [[UInt8]], suffix: [UInt8],
    to sink: ByteSink
  ) {
    let columnCount = renderers.count
    // All separators in one buffer: prefix c spans separatorEnds[c] ..< separatorEnds[c + 1],
    // and the suffix comes last.
    var separators: [UInt8] = []
    var separatorEnds = [0]
    for prefix in prefixes + [suffix] {
      separators += prefix
      separatorEnds.append(separators.count)
    }
    let scratch = ByteSink(expectedBytes: blockRows * max(1, columnCount) * 16)
    let ends = UnsafeMutablePointer<Int>.allocate(capacity: blockRows * max(1, columnCount))
    defer { ends.deallocate() }
    var runStarts = [Int](repeating: 0, count: columnCount)
    separators.withUnsafeBufferPointer { separators in
      var blockStart = 0
      while blockStart < rowCount {
        let blockEnd = min(rowCount, blockStart + blockRows)
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
