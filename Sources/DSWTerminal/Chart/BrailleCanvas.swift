/// A dot canvas drawn with braille characters: each cell holds 2×4 dots,
/// so a terminal cell gives eight times the resolution of a block.
struct BrailleCanvas {
  let columns: Int
  let rows: Int
  private var cells: [UInt8]
  /// The series that last drew in each cell, for colouring several series.
  private var owners: [Int]

  /// Dot bits by (row within cell, column within cell), per Unicode's
  /// braille pattern layout (dots 1-2-3-7 left, 4-5-6-8 right).
  private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

  init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    cells = [UInt8](repeating: 0, count: self.columns * self.rows)
    owners = [Int](repeating: 0, count: self.columns * self.rows)
  }

  var dotWidth: Int { columns * 2 }
  var dotHeight: Int { rows * 4 }

  /// Sets the dot at (`x`, `y`), `y` counting down from the top; dots off
  /// the canvas are ignored.
  mutating func set(x: Int, y: Int, series: Int = 0) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    cells[(y / 4) * columns + x / 2] |= Self.bits[y % 4][x % 2]
    owners[(y / 4) * columns + x / 2] = series
  }

  /// Draws a straight line of dots between two points (Bresenham).
  mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int = 0) {
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

  /// The canvas as text, one string per row, each run of cells drawn by one
  /// series passed through `paint` with that series' index; blanks are not
  /// painted and trailing blanks are dropped.
  func lines(paint: (String, Int) -> String) -> [String] {
    (0..<rows).map { row in
      var line = ""
      var run = String.UnicodeScalarView()
      var runOwner = -1
      var blanks = 0
      for column in 0..<columns {
        let pattern = cells[row * columns + column]
        let owner = pattern == 0 ? -1 : owners[row * columns + column]
        if owner != runOwner || pattern == 0 {
          if runOwner >= 0, !run.isEmpty { line += paint(String(run), runOwner) }
          run = String.UnicodeScalarView()
          runOwner = owner
        }
        if pattern == 0 {
          blanks += 1
          continue
        }
        if blanks > 0 {
          line += String(repeating: " ", count: blanks)
          blanks = 0
        }
        run.append(Unicode.Scalar(0x2800 + UInt32(pattern)) ?? " ")
      }
      if runOwner >= 0, !run.isEmpty { line += paint(String(run), runOwner) }
      return line
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
