/// A pipeline's intermediate result, gathered late.
///
/// A relation's rows are selections of one or more source tables: a filter
/// keeps the numbers of the rows that pass instead of copying every column,
/// a sort or `take` reorders or cuts those numbers, and a join adds the right
/// table with the numbers of its matched rows. A column is gathered only when
/// a later step reads it, or when the pipeline ends, so columns that no step
/// reads are never copied. A column a step computes (`derive`) becomes a
/// source of its own, so a later filter does not copy it either.
struct Relation {
  /// A table and the rows of it that the relation holds, in order.
  struct Source {
    var table: Table
    /// nil means every row, in order; -1 stands for a row of nulls (an
    /// unmatched row of a left join).
    var rows: [Int32]?
    /// In a morsel of a source that held every row: the table's rows this
    /// one holds, in order (`rows` is then nil).
    var range: Range<Int>? = nil
    /// In a morsel, the source of the whole relation this one selects from
    /// (nil for a column the morsel computed).
    var origin: Int? = nil
  }

  /// Where one of the relation's columns comes from: a column of a source.
  struct Reference {
    var source: Int
    var column: Int
  }

  private(set) var sources: [Source]
  private(set) var names: [String]
  private(set) var references: [Reference]
  let rowCount: Int
  /// Each name's position, so that a derive of many items stays linear.
  private var positions: [String: Int]

  private static func positions(of names: [String]) -> [String: Int] {
    var positions: [String: Int] = [:]
    for (index, name) in names.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    return positions
  }

  init(_ table: Table) {
    sources = [Source(table: table, rows: nil)]
    names = table.names
    positions = Self.positions(of: table.names)
    references = table.columns.indices.map { Reference(source: 0, column: $0) }
    rowCount = table.rowCount
  }

  init(sources: [Source], names: [String], references: [Reference], rowCount: Int) {
    self.sources = sources
    self.names = names
    self.positions = Self.positions(of: names)
    self.references = references
    self.rowCount = rowCount
  }

  var schema: Schema {
    Schema(zip(names, references).map { Schema.Field(name: $0, type: type(of: $1)) })
  }

  private func type(of reference: Reference) -> DataType {
    sources[reference.source].table.columns[reference.column].type
  }

  /// Bytes one row takes once gathered, for estimating outputs.
  var bytesPerRow: Int { references.reduce(0) { $0 + type(of: $1).payloadWidth } }

  /// The column at `index`, gathered (polling Ctrl-C) when its source holds
  /// some of its table's rows.
  func column(at index: Int, limits: ExecutionLimits) throws(Diagnostic) -> Column {
    let reference = references[index]
    let origin = sources[reference.source]
    let values = origin.table.columns[reference.column]
    if let range = origin.range { return values.slice(range) }
    guard let rows = origin.rows else { return values }
    return try values.gather(rows, limits: limits)
  }

  /// Every column gathered into a table.
  func materialized(limits: ExecutionLimits = .none) throws(Diagnostic) -> Table {
    if sources.count == 1, sources[0].rows == nil, sources[0].range == nil,
      names == sources[0].table.names,
      references.enumerated().allSatisfy({ $1.column == $0 }),
      references.count == sources[0].table.columnCount
    {
      return sources[0].table
    }
    var columns: [Column] = []
    columns.reserveCapacity(references.count)
    for index in references.indices {
      columns.append(try column(at: index, limits: limits))
    }
    return Table(names: names, columns: columns, rowCount: rowCount)
  }

  // MARK: Steps that only move row numbers

  /// The rows at `positions` (positions within this relation), in that order.
  func selecting(_ positions: [Int32]) -> Relation {
    if positions.count == rowCount, positions.indices.allSatisfy({ positions[$0] == $0 }) {
      return self
    }
    let relation = compacted()
    let selected = relation.sources.map { source in
      Source(
        table: source.table,
        rows: source.rows.map { rows in ParallelWork.map(positions) { rows[Int($0)] } }
          ?? source.range.map { range in
            let base = Int32(range.lowerBound)
            return ParallelWork.map(positions) { $0 &+ base }
          }
          ?? positions, origin: source.origin)
    }
    return Relation(
      sources: selected, names: names, references: relation.references, rowCount: positions.count)
  }

  /// The first `count` rows.
  func prefix(_ count: Int) -> Relation {
    count >= rowCount ? self : selecting((0..<count).map { Int32($0) })
  }

  /// This relation's rows paired with `right`'s: `left[i]` and `right[i]`
  /// (-1 for none) make output row i, and `rightColumns` of `right` are
  /// added under `rightNames`.
  func joined(
    left leftPositions: [Int32], right: Table, rightRows: [Int32], rightColumns: [Int],
    rightNames: [String]
  ) -> Relation {
    var joined = selecting(leftPositions)
    let sourceIndex = joined.sources.count
    joined.sources.append(Source(table: right, rows: rightRows))
    for (column, name) in zip(rightColumns, rightNames) {
      joined.set(name, Reference(source: sourceIndex, column: column))
    }
    return joined
  }

  // MARK: Steps that change columns

  /// Adds or replaces the column called `name` with one computed at this
  /// length; it becomes a source of its own.
  mutating func set(_ name: String, _ column: Column) {
    sources.append(Source(table: Table([(name, column)]), rows: nil))
    set(name, Reference(source: sources.count - 1, column: 0))
  }

  private mutating func set(_ name: String, _ reference: Reference) {
    if let index = positions[name] {
      references[index] = reference
    } else {
      append(name, reference)
    }
  }

  /// Adds a column at the end (a projection may repeat a name only after
  /// the planner has refused it, so the first position is kept).
  private mutating func append(_ name: String, _ reference: Reference) {
    if positions[name] == nil { positions[name] = names.count }
    names.append(name)
    references.append(reference)
  }

  /// The columns of `items`, in order: a plain name refers to the column it
  /// names (so `select` of names, `drop` and `rename` copy nothing); an
  /// expression's column becomes a source of its own.
  func projecting(_ items: [(name: String, column: Projected)]) -> Relation {
    var projected = Relation(sources: sources, names: [], references: [], rowCount: rowCount)
    for (name, column) in items {
      switch column {
      case .existing(let index):
        projected.append(name, references[index])
      case .computed(let values):
        projected.set(name, values)
      }
    }
    return projected.compacted()
  }

  /// A projected column: one of this relation's, or a computed one.
  enum Projected {
    case existing(Int)
    case computed(Column)
  }

  /// Without the sources that no column refers to any more, so that later
  /// steps do not move their row numbers.
  func compacted() -> Relation {
    let used = Set(references.map(\.source))
    guard used.count < sources.count else { return self }
    var newIndex: [Int: Int] = [:]
    var kept: [Source] = []
    for (index, source) in sources.enumerated() where used.contains(index) {
      newIndex[index] = kept.count
      kept.append(source)
    }
    let remapped = references.map {
      Reference(source: newIndex[$0.source] ?? 0, column: $0.column)
    }
    return Relation(sources: kept, names: names, references: remapped, rowCount: rowCount)
  }
}
