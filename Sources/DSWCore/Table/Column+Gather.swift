/// Gathering rows by index: the one primitive behind filter, sort, take,
/// joins and sampling. An index of -1 produces a null row.
extension Column {
  public func gather(_ indices: [Int32]) -> Column {
    let count = indices.count
    var validity: Bitmap?
    let hasMissing = indices.contains(-1)
    if self.validity != nil || hasMissing {
      var bitmap = Bitmap(count: count, value: true)
      for position in 0..<count {
        let row = Int(indices[position])
        if row < 0 || isNull(row) { bitmap.clear(position) }
      }
      validity = bitmap
    }
    func pick<T>(_ values: [T], _ zero: T) -> [T] {
      if hasMissing {
        return indices.map { $0 < 0 ? zero : values[Int($0)] }
      }
      return values.withUnsafeBufferPointer { buffer in
        [T](unsafeUninitializedCapacity: count) { out, initialized in
          for position in 0..<count { out[position] = buffer[Int(indices[position])] }
          initialized = count
        }
      }
    }
    switch storage {
    case .int(let values): return Column(storage: .int(pick(values, 0)), validity: validity)
    case .double(let values): return Column(storage: .double(pick(values, 0)), validity: validity)
    case .bool(let values): return Column(storage: .bool(pick(values, false)), validity: validity)
    case .timestamp(let values):
      return Column(storage: .timestamp(pick(values, 0)), validity: validity)
    case .date(let values): return Column(storage: .date(pick(values, 0)), validity: validity)
    case .string(let codes, let dictionary):
      return Column(
        storage: .string(codes: pick(codes, -1), dictionary: dictionary), validity: validity)
    }
  }

  /// The first `count` rows.
  public func prefix(_ count: Int) -> Column {
    let limit = Swift.min(count, self.count)
    return gather((0..<limit).map { Int32($0) })
  }
}

extension Table {
  /// The rows at `indices`, in that order; -1 gives a row of nulls.
  public func gather(_ indices: [Int32]) -> Table {
    Table(names: names, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
  }

  /// A table of the named columns; names must exist.
  public func selecting(_ indices: [Int]) -> Table {
    Table(
      names: indices.map { names[$0] }, columns: indices.map { columns[$0] }, rowCount: rowCount)
  }

  /// The same columns under new names.
  public func renamed(_ newNames: [String]) -> Table {
    Table(names: newNames, columns: columns, rowCount: rowCount)
  }
}
