/// Joins column-rendered blocks into records, for the row-major writers.
enum RecordStitcher {
  private static let blockRows = 4096

  /// Writes `rowCount` records: for each, `beforeField` then each column's
  /// text, then `endRecord`.
  static func write(
    _ rowCount: Int, renderers: [ColumnRenderer], to sink: ByteSink,
    beforeField: (ByteSink, Int) -> Void, endRecord: (ByteSink) -> Void
  ) {
    let columnCount = renderers.count
    guard columnCount > 0 else {
      for _ in 0..<rowCount { endRecord(sink) }
      return
    }
    let scratch = ByteSink(expectedBytes: blockRows * columnCount * 16)
    let ends = UnsafeMutablePointer<Int>.allocate(capacity: blockRows * columnCount)
    defer { ends.deallocate() }
    var blockStart = 0
    while blockStart < rowCount {
      let blockEnd = min(rowCount, blockStart + blockRows)
      scratch.reset()
      // Column c's rows occupy one run of the scratch: field i of it ends at
      // ends[c * blockRows + i].
      var runStarts: [Int] = []
      for (column, renderer) in renderers.enumerated() {
        runStarts.append(scratch.count)
        renderer.render(blockStart..<blockEnd, into: scratch, ends: ends + column * blockRows)
      }
      scratch.withContents { bytes in
        for row in 0..<(blockEnd - blockStart) {
          for column in 0..<columnCount {
            let slot = column * blockRows + row
            let start = row > 0 ? ends[slot - 1] : runStarts[column]
            beforeField(sink, column)
            sink.append(UnsafeBufferPointer(rebasing: bytes[start..<ends[slot]]))
          }
          endRecord(sink)
        }
      }
      blockStart = blockEnd
    }
  }
}
