/// `min` and `max` per group, for every type; strings by dictionary rank.
enum Extrema {
  static func compute(
    _ column: Column, _ ids: [Int32], _ groups: Int, maximum: Bool,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    var seen = Bitmap(count: groups, value: false)
    switch column.storage {
    case .double(let values):
      var best = [Double](repeating: 0, count: groups)
      try limits.blocks(ids.count) { rows in
        for row in rows where !column.isNull(row) {
          let group = Int(ids[row])
          let value = values[row]
          if !seen[group] || DoubleOrder.better(value, than: best[group], greatest: maximum) {
            best[group] = value
            seen.set(group)
          }
        }
      }
      return Column(doubles: best, validity: seen)
    case .bool(let values):
      var best = [Bool](repeating: false, count: groups)
      try limits.blocks(ids.count) { rows in
        for row in rows where !column.isNull(row) {
          let group = Int(ids[row])
          if !seen[group] || (maximum ? values[row] && !best[group] : !values[row] && best[group]) {
            best[group] = values[row]
            seen.set(group)
          }
        }
      }
      return Column(bools: best, validity: seen)
    case .string(let codes, let dictionary):
      let ranks = try StringOrder.ranks(dictionary, limits: limits)
      var bestRow = [Int32](repeating: -1, count: groups)
      var bestRank = [Int32](repeating: 0, count: groups)
      try limits.blocks(ids.count) { rows in
        for row in rows where codes[row] >= 0 {
          let group = Int(ids[row])
          let rank = ranks[Int(codes[row])]
          if bestRow[group] < 0 || (maximum ? rank > bestRank[group] : rank < bestRank[group]) {
            bestRank[group] = rank
            bestRow[group] = Int32(row)
          }
        }
      }
      return column.gather(bestRow)
    case .int(let values), .timestamp(let values), .date(let values):
      var best = [Int64](repeating: maximum ? .min : .max, count: groups)
      var any = [Bool](repeating: false, count: groups)
      try best.withUnsafeMutableBufferPointer { (best) throws(Diagnostic) in
        try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
          try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
            try limits.blocks(ids.count) { rows in
              if column.validity == nil {
                for row in rows {
                  let group = Int(ids[row])
                  best[group] =
                    maximum
                    ? Swift.max(best[group], values[row]) : Swift.min(best[group], values[row])
                  any[group] = true
                }
              } else {
                for row in rows where !column.isNull(row) {
                  let group = Int(ids[row])
                  best[group] =
                    maximum
                    ? Swift.max(best[group], values[row]) : Swift.min(best[group], values[row])
                  any[group] = true
                }
              }
            }
          }
        }
      }
      for group in 0..<groups where any[group] { seen.set(group) }
      for group in 0..<groups where !any[group] { best[group] = 0 }
      return Column.integerBacked(column.type, best, validity: seen)
    }
  }
}

/// The sort order of a dictionary's strings.
enum StringOrder {
  /// `ranks[code]` orders codes as their strings order (by Unicode scalars).
  static func ranks(_ dictionary: StringDictionary) -> [Int32] {
    (try? ranks(dictionary, limits: .none)) ?? []
  }

  /// The same, stopping soon after Ctrl-C: once the user interrupts, every
  /// comparison answers at once, so the sort ends quickly and is dropped.
  static func ranks(_ dictionary: StringDictionary, limits: ExecutionLimits)
    throws(Diagnostic) -> [Int32]
  {
    var comparisons = 0
    var stopped = false
    let order = dictionary.strings.indices.sorted {
      comparisons += 1
      if comparisons & 0xFFFF == 0, limits.isCancelled() { stopped = true }
      if stopped { return false }
      return dictionary.strings[$0].unicodeScalars.lexicographicallyPrecedes(
        dictionary.strings[$1].unicodeScalars)
    }
    if stopped { throw Diagnostic.interrupted }
    var ranks = [Int32](repeating: 0, count: dictionary.count)
    try limits.blocks(order.count) { block in
      for rank in block { ranks[order[rank]] = Int32(rank) }
    }
    return ranks
  }
}
