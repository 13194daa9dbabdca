/// Cutting a relation into morsels and putting the results back together.
///
/// A run of row-by-row steps (`filter`, `derive`, `select`) works on each
/// morsel of rows as it would on the whole relation. A morsel is a relation
/// over the same sources, holding the numbers of its rows, so the steps'
/// results still refer to the sources by row number; only the columns the
/// steps compute are the morsel's own.
extension Relation {
  /// Rows `range` of this relation, over the same sources.
  func morsel(_ range: Range<Int>) -> Relation {
    let sliced = sources.enumerated().map { index, source in
      if let rows = source.rows {
        return Source(table: source.table, rows: Array(rows[range]), origin: index)
      }
      let lower = source.range?.lowerBound ?? 0
      return Source(
        table: source.table, rows: nil,
        range: (lower + range.lowerBound)..<(lower + range.upperBound), origin: index)
    }
    return Relation(sources: sliced, names: names, references: references, rowCount: range.count)
  }

  /// The morsels of `whole` after the same steps, one after another.
  ///
  /// Every morsel went through the same steps, so once compacted they have
  /// the same names, references and sources: a source of `whole`'s keeps its
  /// table and the morsels' row numbers are joined; a computed source's
  /// columns are gathered from each morsel and joined.
  static func concatenating(_ morsels: [Relation], of whole: Relation) -> Relation {
    let parts = morsels.map { $0.compacted() }
    guard let first = parts.first else { return whole.morsel(0..<0) }
    let rowCount = parts.reduce(0) { $0 + $1.rowCount }
    let sources = first.sources.indices.map { index -> Source in
      if let origin = first.sources[index].origin {
        let table = whole.sources[origin].table
        // Morsels that kept every row of a source that held every row: still every row.
        if whole.sources[origin].rows == nil, rowCount == whole.rowCount,
          parts.allSatisfy({ $0.sources[index].range != nil })
        {
          return Source(table: table, rows: nil, range: whole.sources[origin].range)
        }
        var rows: [Int32] = []
        rows.reserveCapacity(rowCount)
        for part in parts {
          let source = part.sources[index]
          if let range = source.range {
            rows += range.map { Int32(truncatingIfNeeded: $0) }
          } else {
            rows += source.rows ?? []
          }
        }
        return Source(table: table, rows: rows)
      }
      let template = first.sources[index].table
      let columns = template.columns.indices.map { column in
        Column.concatenated(
          parts.map { part in
            let source = part.sources[index]
            let values = source.table.columns[column]
            if let range = source.range { return values.slice(range) }
            return source.rows.map { values.gather($0) } ?? values
          }, type: template.columns[column].type)
      }
      return Source(
        table: Table(names: template.names, columns: columns, rowCount: rowCount), rows: nil)
    }
    return Relation(
      sources: sources, names: first.names, references: first.references, rowCount: rowCount)
  }

  /// The most entries of any string column's dictionary (string kernels
  /// work once per entry, so a morsel repeats that work).
  var largestDictionary: Int {
    references.reduce(0) { largest, reference in
      let column = sources[reference.source].table.columns[reference.column]
      guard case .string(_, let dictionary) = column.storage else { return largest }
      return max(largest, dictionary.count)
    }
  }
}
