/// A dot canvas drawn with braille characters: each cell holds 2×4 dots,
/// so a terminal cell gives eight times the resolution of a block.
struct BrailleCanvas {
  let columns: Int
  let rows: Int
  private var cells: [UInt8]

  /// Dot bits by (row within cell, column within cell), per Unicode's
  /// braille pattern layout (dots 1-2-3-7 left, 4-5-6-8 right).
  private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

  init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    cells = [UInt8](repeating: 0, count: self.columns * self.rows)
  }

  var dotWidth: Int { columns * 2 }
  var dotHeight: Int { rows * 4 }

  /// Sets the dot at (`x`, `y`), `y` counting down from the top; dots off
  /// the canvas are ignored.
  mutating func set(x: Int, y: Int) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    cells[(y / 4) * columns + x / 2] |= Self.bits[y % 4][x % 2]
  }

  /// Draws a straight line of dots between two points (Bresenham).
  mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) {
    var x = start.x
    var y = start.y
    let dx = abs(end.x - x)
    let dy = -abs(end.y - y)
    let stepX = x < end.x ? 1 : -1
    let stepY = y < end.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x, y: y)
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

  /// The canvas as text, one string per row; empty cells are spaces, so
  /// copied text stays clean.
  func lines() -> [String] {
    (0..<rows).map { row in
      var line = String.UnicodeScalarView()
      for column in 0..<columns {
        let pattern = cells[row * columns + column]
        line.append(pattern == 0 ? " " : Unicode.Scalar(0x2800 + UInt32(pattern)) ?? " ")
      }
      return String(line)
    }
  }
}
