/// `window … derive rn = row_number() | filter rn <= k` without numbering
/// every row: only each partition's first rows in the window's order can
/// pass the filter.
///
/// One pass keeps, per partition, the `k` smallest values of the first order
/// key; the rows at or below a partition's `k`-th value are the candidates.
/// Every row that sorts before a candidate is one too, so the candidates are
/// a prefix of each partition's order, and any window function that looks
/// only at earlier rows (numbering, ranks, running totals, `lag`) gives them
/// the values it gives over all rows.
enum WindowTopK {
  /// The functions whose value at a row depends only on the rows before it.
  static func looksBack(_ function: CollectedCall.Function) -> Bool {
    guard case .window(let function) = function else { return false }
    switch function {
    case .rowNumber, .rank, .denseRank, .lag, .runningSum, .runningCount, .runningMean: return true
    case .ntile, .lead: return false
    }
  }

  /// The rows (ascending) that can be among the first `k` of their partition,
  /// or nil when the partitions are too few for that to save work.
  static func candidates(
    partition: [Column], first: Sorting.Key, k: Int, rowCount: Int, limits: ExecutionLimits
  ) throws(Diagnostic) -> [Int32]? {
    guard k >= 1 else { return [] }
    let grouping = try Grouping.group(partition, rowCount: rowCount, limits: limits)
    let groups = grouping.groupCount
    guard k <= rowCount / (4 * max(groups, 1)) else { return nil }
    let keys = Sorting.normalized(first.column, descending: first.descending)
    let validity = first.column.validity
    // Per partition, its smallest keys so far, ascending, in `best[g * k ..< g * k + k]`.
    var best = [UInt64](repeating: .max, count: groups * k)
    var filled = [Int32](repeating: 0, count: groups)
    try limits.poll()
    grouping.groupIDs.withUnsafeBufferPointer { ids in
      keys.withUnsafeBufferPointer { keys in
        best.withUnsafeMutableBufferPointer { best in
          for row in 0..<rowCount {
            if let validity, !validity[row] { continue }
            let group = Int(ids[row])
            let key = keys[row]
            let base = group * k
            let count = Int(filled[group])
            if count == k {
              if key >= best[base + k - 1] { continue }
            } else {
              filled[group] += 1
            }
            // Insert, shifting larger ones up (the last falls off when full).
            var slot = min(count, k - 1)
            while slot > 0, best[base + slot - 1] > key {
              best[base + slot] = best[base + slot - 1]
              slot -= 1
            }
            best[base + slot] = key
          }
        }
      }
    }
    try limits.poll()
    var candidates: [Int32] = []
    candidates.reserveCapacity(groups * k * 2)
    for row in 0..<rowCount {
      let group = Int(grouping.groupIDs[row])
      // A partition with fewer than k non-null keys keeps every row, nulls too.
      if filled[group] < k {
        candidates.append(Int32(row))
      } else if validity?[row] ?? true, keys[row] <= best[group * k + k - 1] {
        candidates.append(Int32(row))
      }
    }
    return candidates
  }
}

/// Reads a filter after a window as "the ranking output is at most k".
struct WindowRankFilter {
  let calls: [CollectedCall]
  let outputs: [PlannedStep.Item]
  /// The window's input columns come first in the table its outputs read,
  /// then one column per call.
  let inputWidth: Int
  /// The window's output.
  let schema: Schema

  /// The k of `rn <= k`, `rn < k + 1`, `rn == k` or `k >= rn`, alone or as
  /// one side of `and`, where `rn` is a `row_number()` or `rank()` output.
  func limit(_ condition: BoundExpr) -> Int? {
    switch condition.kind {
    case .and(let lhs, let rhs):
      return limit(lhs) ?? limit(rhs)
    case .comparison(let op, let lhs, let rhs):
      let compared: (BinaryOperator, Int, Int64)
      if case .column(let column) = lhs.kind, case .literal(.int(let value)) = rhs.kind {
        compared = (op, column, value)
      } else if case .literal(.int(let value)) = lhs.kind, case .column(let column) = rhs.kind {
        compared = (op.flipped, column, value)
      } else {
        return nil
      }
      guard ranks(compared.1) else { return nil }
      switch compared.0 {
      case .lessEqual, .equal: return Int(compared.2)
      case .less: return Int(compared.2) - 1
      default: return nil
      }
    default:
      return nil
    }
  }

  /// Whether the output column at `position` numbers or ranks rows.
  private func ranks(_ position: Int) -> Bool {
    guard schema.fields.indices.contains(position) else { return false }
    let name = schema.fields[position].name
    guard let item = outputs.last(where: { $0.name == name }),
      case .column(let column) = item.expr.kind, column >= inputWidth,
      calls.indices.contains(column - inputWidth),
      case .window(let function) = calls[column - inputWidth].function
    else { return false }
    return function == .rowNumber || function == .rank
  }
}
