/// A canvas of one glyph per terminal cell, for several series without
/// colour: each series draws with its own glyph, so they stay apart in
/// plain text (`NO_COLOR`, a pipe, an exported notebook).
struct MarkCanvas {
  /// The glyphs of series 0, 1, …; ASCII, so every terminal and font shows
  /// them one column wide.
  static let glyphs: [Character] = ["*", "+", "o", "x", "#", "@", "%", "="]

  static func glyph(_ series: Int) -> Character { glyphs[series % glyphs.count] }

  let columns: Int
  let rows: Int
  private var cells: [Character]

  init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    cells = [Character](repeating: " ", count: self.columns * self.rows)
  }

  /// Marks the cell at (`x`, `y`), `y` counting down from the top.
  mutating func set(x: Int, y: Int, series: Int) {
    guard x >= 0, y >= 0, x < columns, y < rows else { return }
    cells[y * columns + x] = Self.glyph(series)
  }

  /// Marks the cells of a straight line between two cells (Bresenham).
  mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int) {
    var x = start.x
    var y = start.y
    let dx = abs(end.x - x)
    let dy = -abs(end.y - y)
    let stepX = x < end.x ? 1 : -1
    let stepY = y < end.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x, y: y, series: series)
      if x == end.x && y == end.y { return }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  func lines() -> [String] {
    (0..<rows).map { row in
      String(cells[(row * columns)..<((row + 1) * columns)]).trimmingTrailingSpaces()
    }
  }
}
