/// Lays out a `describe` profile for a width without dropping a statistic.
///
/// The profile has one row per column and one column per statistic. When
/// they do not all fit, the statistics wrap into blocks, in order, and each
/// block repeats the names (shortened if need be, but never to the same
/// text), like a long line wrapped on paper.
enum ProfileLayout {
  /// The names take at most this share of the width (but at least
  /// `minimumNameWidth`), so each block has room for statistics.
  static let nameShare = 0.4
  static let minimumNameWidth = 12

  /// `box` split into tables that each fit `width`, the first column in all.
  static func blocks(_ box: BoxTable, width: Int, styler: Styler) -> [BoxTable] {
    let renderer = BoxTableRenderer(table: box, styler: styler)
    let columnCount = box.headers.count
    let natural = (0..<columnCount).map(renderer.naturalWidth)
    guard columnCount > 1, natural.reduce(1, { $0 + $1 + 3 }) > width else { return [box] }
    let nameWidth = min(
      natural[0], max(minimumNameWidth, Int(Double(width) * nameShare)))
    let room = width - 1 - (nameWidth + 3)
    // Wide statistics (min, max, top) are planned at half the room, so two
    // share a block; the renderer cuts their text to fit.
    let cap = max(BoxTableRenderer.minColumnWidth, room / 2 - 3)
    var groups: [[Int]] = []
    var current: [Int] = []
    var used = 0
    for column in 1..<columnCount {
      let cost = min(natural[column], cap) + 3
      if !current.isEmpty, used + cost > room {
        groups.append(current)
        current = []
        used = 0
      }
      current.append(column)
      used += cost
    }
    if !current.isEmpty { groups.append(current) }
    return groups.map { group in box.selecting([0] + group) }
  }
}

extension BoxTable {
  /// The same table with only `columns`, in that order.
  func selecting(_ columns: [Int]) -> BoxTable {
    let rows = self.rows.map { row -> Row in
      switch row {
      case .elision: .elision
      case .cells(let cells):
        .cells(columns.map { $0 < cells.count ? cells[$0] : Cell("") })
      }
    }
    var result = BoxTable(
      headers: columns.map { headers[$0] },
      typeLine: typeLine.map { line in
        columns.map { $0 < line.count ? line[$0] : "" }
      }, alignments: columns.map { alignments[$0] }, rows: rows)
    result.textColumns = Set(columns.indices.filter { textColumns.contains(columns[$0]) })
    result.nameColumns = Set(columns.indices.filter { nameColumns.contains(columns[$0]) })
    return result
  }
}
