/// Gathering rows by index: the one primitive behind filter, sort, take,
/// joins and sampling. An index of -1 produces a null row.
extension Column {
  public func gather(_ indices: [Int32]) -> Column {
    gather(indices, until: nil) ?? self
  }

  /// The same, polling Ctrl-C between blocks of rows: gathering a column of
  /// a billion-row join is a long pass of its own.
  func gather(_ indices: [Int32], limits: ExecutionLimits) throws(Diagnostic) -> Column {
    let gathered = gather(indices, until: limits.isCancelled)
    try limits.poll()
    return gathered ?? self
  }

  /// Nil once `cancelled` answers true between blocks (the work is dropped).
  private func gather(_ indices: [Int32], until cancelled: (() -> Bool)?) -> Column? {
    let count = indices.count
    let block = ExecutionLimits.blockRows
    var stopped = false
    func stop() -> Bool {
      if let cancelled, cancelled() { stopped = true }
      return stopped
    }
    var validity: Bitmap?
    let hasMissing = indices.contains(-1)
    if self.validity != nil || hasMissing {
      var bitmap = Bitmap(count: count, value: true)
      for start in stride(from: 0, to: count, by: block) {
        if stop() { return nil }
        for position in start..<Swift.min(start + block, count) {
          let row = Int(indices[position])
          if row < 0 || isNull(row) { bitmap.clear(position) }
        }
      }
      validity = bitmap
    }
    func pick<T>(_ values: [T], _ zero: T) -> [T] {
      values.withUnsafeBufferPointer { buffer in
        indices.withUnsafeBufferPointer { indices in
          [T](unsafeUninitializedCapacity: count) { out, initialized in
            // Only what was written counts as initialized, so a stop
            // leaves a shorter (discarded) array rather than garbage.
            initialized = 0
            for start in stride(from: 0, to: count, by: block) {
              if stop() { return }
              for position in start..<Swift.min(start + block, count) {
                let row = indices[position]
                out.initializeElement(at: position, to: row < 0 ? zero : buffer[Int(row)])
              }
              initialized = Swift.min(start + block, count)
            }
          }
        }
      }
    }
    let storage: Column.Storage
    switch self.storage {
    case .int(let values): storage = .int(pick(values, 0))
    case .double(let values): storage = .double(pick(values, 0))
    case .bool(let values): storage = .bool(pick(values, false))
    case .timestamp(let values): storage = .timestamp(pick(values, 0))
    case .date(let values): storage = .date(pick(values, 0))
    case .string(let codes, let dictionary):
      storage = .string(codes: pick(codes, -1), dictionary: dictionary)
    }
    return stopped ? nil : Column(storage: storage, validity: validity)
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
