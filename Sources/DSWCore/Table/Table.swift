/// A named, ordered set of equally long columns.
public struct Table: Sendable {
  public private(set) var names: [String]
  public private(set) var columns: [Column]
  public let rowCount: Int

  /// A table from parallel names and columns. Columns must all have `rowCount` rows.
  public init(names: [String], columns: [Column], rowCount: Int) {
    precondition(names.count == columns.count, "names and columns differ in count")
    assert(columns.allSatisfy { $0.count == rowCount }, "columns differ in length")
    self.names = names
    self.columns = columns
    self.rowCount = rowCount
  }

  /// A table from named columns; the row count is the first column's.
  public init(_ pairs: [(String, Column)]) {
    self.init(
      names: pairs.map(\.0), columns: pairs.map(\.1), rowCount: pairs.first?.1.count ?? 0)
  }

  public static let empty = Table(names: [], columns: [], rowCount: 0)

  public var columnCount: Int { columns.count }

  public var types: [DataType] { columns.map(\.type) }

  /// The index of the column called `name`, if any.
  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  public func column(named name: String) -> Column? {
    index(of: name).map { columns[$0] }
  }

  /// Replaces the column at `index`, keeping its name.
  public mutating func replaceColumn(at index: Int, with column: Column) {
    assert(column.count == rowCount, "column length differs from the table")
    columns[index] = column
  }

  /// Adds a column at the end, whatever the other names.
  public mutating func append(_ name: String, _ column: Column) {
    assert(column.count == rowCount, "column length differs from the table")
    names.append(name)
    columns.append(column)
  }

  /// Adds or replaces the column called `name`.
  public mutating func set(_ name: String, _ column: Column) {
    assert(column.count == rowCount, "column length differs from the table")
    if let index = index(of: name) {
      columns[index] = column
    } else {
      names.append(name)
      columns.append(column)
    }
  }

  /// Approximate bytes held by this table's buffers.
  public var memoryBytes: Int { columns.reduce(0) { $0 + $1.memoryBytes } }

  /// Bytes one row takes in this table's payloads, for estimating an output
  /// before it is built.
  public var bytesPerRow: Int { columns.reduce(0) { $0 + $1.type.payloadWidth } }
}
