/// A table ready to draw: header text, an optional type line, and rows of
/// styled cell text. `TableRenderer` and `MetricsRenderer` build one from
/// their outputs; `BoxTableRenderer` lays it out and draws the box.
struct BoxTable {
  /// One cell: text already made safe, and how to paint it.
  struct Cell {
    var text: String
    var style: TextStyle

    init(_ text: String, style: TextStyle = TextStyle()) {
      self.text = text
      self.style = style
    }
  }

  enum Row {
    case cells([Cell])
    /// A `·` row that stands for rows not shown.
    case elision
  }

  var headers: [String]
  /// A second header line (the column types), or nil for none.
  var typeLine: [String]?
  var alignments: [DisplayWidth.Alignment]
  var rows: [Row]
  /// Columns of free text, which are shortened before the others.
  var textColumns: Set<Int> = []
  /// Columns whose values are names (`describe`'s column names): shortened
  /// so that no two read the same, and kept wider than other text.
  var nameColumns: Set<Int> = []

  func shrinkFirst(_ columnCount: Int) -> [Bool] {
    (0..<columnCount).map { textColumns.contains($0) && !nameColumns.contains($0) }
  }
}
