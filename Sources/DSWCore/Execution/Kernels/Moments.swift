/// Means, variances and correlations per group.
///
/// Each kernel reads integers and doubles in place (`NumericValues`) and
/// accumulates over the halves of many rows on both cores
/// (`GroupedAggregation.accumulate`); the halves are merged in row order,
/// so a result does not depend on scheduling.
enum Moments {
  static func mean(
    _ column: Column, _ ids: [Int32], _ groups: Int, sizes: [Int64]? = nil,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let (sums, counts) = try sumsAndCounts(column, ids, groups, sizes: sizes, limits: limits)
    var result = [Double](repeating: 0, count: groups)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups {
      if counts[group] == 0 {
        validity.clear(group)
      } else {
        result[group] = sums[group] / Double(counts[group])
      }
    }
    return Column(doubles: result, validity: validity)
  }

  /// Sample variance (n − 1), or its square root, in two passes for
  /// accuracy: the means, then the squared deviations from them.
  static func variance(
    _ column: Column, _ ids: [Int32], _ groups: Int, stddev: Bool, sizes: [Int64]? = nil,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let (sums, counts) = try sumsAndCounts(column, ids, groups, sizes: sizes, limits: limits)
    let means = (0..<groups).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
    let squares =
      switch NumericValues(column) {
      case .ints(let values):
        try squaredDeviations(values, column.validity, ids, means, limits: limits)
      case .doubles(let values):
        try squaredDeviations(values, column.validity, ids, means, limits: limits)
      }
    var result = [Double](repeating: 0, count: groups)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups {
      if counts[group] < 2 {
        validity.clear(group)
      } else {
        let variance = squares[group] / Double(counts[group] - 1)
        result[group] = stddev ? variance.squareRoot() : variance
      }
    }
    return Column(doubles: result, validity: validity)
  }

  /// Pearson correlation over rows where both values are present.
  static func correlation(
    _ x: Column, _ y: Column, _ ids: [Int32], _ groups: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let both = Bitmap.both(x.validity, y.validity)
    let moments: [CoMoments] =
      switch (NumericValues(x), NumericValues(y)) {
      case (.ints(let xs), .ints(let ys)):
        try coMoments(xs, ys, both, ids, groups, limits: limits)
      case (.ints(let xs), .doubles(let ys)):
        try coMoments(xs, ys, both, ids, groups, limits: limits)
      case (.doubles(let xs), .ints(let ys)):
        try coMoments(xs, ys, both, ids, groups, limits: limits)
      case (.doubles(let xs), .doubles(let ys)):
        try coMoments(xs, ys, both, ids, groups, limits: limits)
      }
    var result = [Double](repeating: 0, count: groups)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups {
      let moment = moments[group]
      // The product of two variances overflows (or underflows) for |x| near
      // 1e77: then take each root first.
      let product = moment.squaresX * moment.squaresY
      let denominator =
        product.isNormal
        ? product.squareRoot() : moment.squaresX.squareRoot() * moment.squaresY.squareRoot()
      if moment.count < 2 || !(denominator > 0) {
        validity.clear(group)
      } else {
        result[group] = moment.products / denominator
      }
    }
    return Column(doubles: result, validity: validity)
  }

  /// Each group's sum and count of non-null values. `sizes`, the groups'
  /// row counts when known, are the counts of a column without nulls.
  static func sumsAndCounts(
    _ column: Column, _ ids: [Int32], _ groups: Int, sizes: [Int64]? = nil,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> (sums: [Double], counts: [Int64]) {
    let known = column.validity == nil ? sizes : nil
    return switch NumericValues(column) {
    case .ints(let values): try sumsAndCounts(values, column.validity, ids, groups, known, limits)
    case .doubles(let values):
      try sumsAndCounts(values, column.validity, ids, groups, known, limits)
    }
  }

  private static func sumsAndCounts<Value: NumericValue>(
    _ values: [Value], _ validity: Bitmap?, _ ids: [Int32], _ groups: Int, _ sizes: [Int64]?,
    _ limits: ExecutionLimits
  ) throws(Diagnostic) -> (sums: [Double], counts: [Int64]) {
    try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
        try GroupedAggregation.accumulate(rows: ids.count, groups: groups, limits: limits) {
          range in
          var sums = [Double](repeating: 0, count: groups)
          var counts = sizes ?? [Int64](repeating: 0, count: groups)
          sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
              limits.blocks(of: range) { rows in
                if groups == 1 {
                  // A null's payload is 0, so it adds nothing to the sum.
                  sums[0] += laneSum(rows) { values[$0].asDouble }
                  if let validity {
                    for row in rows where validity[row] { counts[0] &+= 1 }
                  } else if sizes == nil {
                    counts[0] &+= Int64(rows.count)
                  }
                } else if let validity {
                  for row in rows where validity[row] {
                    sums[Int(ids[row])] += values[row].asDouble
                    counts[Int(ids[row])] &+= 1
                  }
                } else if sizes == nil {
                  for row in rows {
                    sums[Int(ids[row])] += values[row].asDouble
                    counts[Int(ids[row])] &+= 1
                  }
                } else {
                  for row in rows { sums[Int(ids[row])] += values[row].asDouble }
                }
              }
            }
          }
          return (sums, counts)
        } merge: { total, part in
          for group in 0..<groups { total.sums[group] += part.sums[group] }
          if sizes == nil {
            for group in 0..<groups { total.counts[group] &+= part.counts[group] }
          }
        }
      }
    }
  }

  /// The sum of `term` over `rows`, added in four lanes: one group's sum
  /// then does not wait for each add to finish before the next.
  @inline(__always)
  private static func laneSum(_ rows: Range<Int>, _ term: (Int) -> Double) -> Double {
    var lanes = (0.0, 0.0, 0.0, 0.0)
    var row = rows.lowerBound
    while row &+ 4 <= rows.upperBound {
      lanes.0 += term(row)
      lanes.1 += term(row &+ 1)
      lanes.2 += term(row &+ 2)
      lanes.3 += term(row &+ 3)
      row &+= 4
    }
    while row < rows.upperBound {
      lanes.0 += term(row)
      row &+= 1
    }
    return (lanes.0 + lanes.1) + (lanes.2 + lanes.3)
  }

  private static func squaredDeviations<Value: NumericValue>(
    _ values: [Value], _ validity: Bitmap?, _ ids: [Int32], _ means: [Double],
    limits: ExecutionLimits
  ) throws(Diagnostic) -> [Double] {
    let groups = means.count
    return try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
        try means.withUnsafeBufferPointer { (means) throws(Diagnostic) in
          try GroupedAggregation.accumulate(rows: ids.count, groups: groups, limits: limits) {
            range in
            var squares = [Double](repeating: 0, count: groups)
            squares.withUnsafeMutableBufferPointer { squares in
              limits.blocks(of: range) { rows in
                if groups == 1 {
                  let mean = means[0]
                  squares[0] += laneSum(rows) { row in
                    let delta = values[row].asDouble - mean
                    return validity?[row] ?? true ? delta * delta : 0
                  }
                  return
                }
                for row in rows where validity?[row] ?? true {
                  let group = Int(ids[row])
                  let delta = values[row].asDouble - means[group]
                  squares[group] += delta * delta
                }
              }
            }
            return squares
          } merge: { total, part in
            for group in 0..<groups { total[group] += part[group] }
          }
        }
      }
    }
  }

  /// Each group's count, means, squared deviations and co-deviation of
  /// the pairs where `both` is set (every row when it is nil).
  ///
  /// One pass over shifted values: each group's first pair in a part is
  /// subtracted from the rest, which keeps the sums accurate without a
  /// second pass; the parts are then merged with Chan's formulas.
  private static func coMoments<X: NumericValue, Y: NumericValue>(
    _ xs: [X], _ ys: [Y], _ both: Bitmap?, _ ids: [Int32], _ groups: Int,
    limits: ExecutionLimits
  ) throws(Diagnostic) -> [CoMoments] {
    try xs.withUnsafeBufferPointer { (xs) throws(Diagnostic) in
      try ys.withUnsafeBufferPointer { (ys) throws(Diagnostic) in
        try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
          try GroupedAggregation.accumulate(rows: ids.count, groups: groups, limits: limits) {
            range in
            // A group's shifted sums sit together, so a row touches one
            // cache line: count, Σdx, Σdy, Σdx², Σdy², Σdxdy, shift x, shift y.
            var sums = [Double](repeating: 0, count: groups * 8)
            sums.withUnsafeMutableBufferPointer { sums in
              limits.blocks(of: range) { rows in
                for row in rows where both?[row] ?? true {
                  let at = Int(ids[row]) &* 8
                  let x = xs[row].asDouble
                  let y = ys[row].asDouble
                  if sums[at] == 0 {
                    sums[at + 6] = x
                    sums[at + 7] = y
                  }
                  let dx = x - sums[at + 6]
                  let dy = y - sums[at + 7]
                  sums[at] += 1
                  sums[at + 1] += dx
                  sums[at + 2] += dy
                  sums[at + 3] += dx * dx
                  sums[at + 4] += dy * dy
                  sums[at + 5] += dx * dy
                }
              }
            }
            return (0..<groups).map { group in
              let at = group * 8
              let count = sums[at]
              guard count > 0 else { return CoMoments() }
              return CoMoments(
                count: count, meanX: sums[at + 6] + sums[at + 1] / count,
                meanY: sums[at + 7] + sums[at + 2] / count,
                squaresX: sums[at + 3] - sums[at + 1] * sums[at + 1] / count,
                squaresY: sums[at + 4] - sums[at + 2] * sums[at + 2] / count,
                products: sums[at + 5] - sums[at + 1] * sums[at + 2] / count)
            }
          } merge: { total, part in
            for group in 0..<groups { total[group].merge(part[group]) }
          }
        }
      }
    }
  }
}

/// One group's count, means, sums of squared deviations and sum of
/// co-deviations of pairs of values.
struct CoMoments {
  var count: Double = 0
  var meanX: Double = 0
  var meanY: Double = 0
  var squaresX: Double = 0
  var squaresY: Double = 0
  var products: Double = 0

  /// Adds another part's moments (Chan, Golub and LeVeque's pairwise update).
  mutating func merge(_ other: CoMoments) {
    if other.count == 0 { return }
    if count == 0 {
      self = other
      return
    }
    let total = count + other.count
    let weight = count * other.count / total
    let deltaX = other.meanX - meanX
    let deltaY = other.meanY - meanY
    squaresX += other.squaresX + deltaX * deltaX * weight
    squaresY += other.squaresY + deltaY * deltaY * weight
    products += other.products + deltaX * deltaY * weight
    meanX += deltaX * other.count / total
    meanY += deltaY * other.count / total
    count = total
  }
}

/// A numeric column's values as stored, so kernels read integers as
/// doubles in place rather than converting a copy of the column first.
enum NumericValues {
  case ints([Int64])
  case doubles([Double])

  init(_ column: Column) {
    switch column.storage {
    case .int(let values), .timestamp(let values), .date(let values): self = .ints(values)
    case .double(let values): self = .doubles(values)
    case .bool, .string: self = .doubles(column.numericAsDoubles)
    }
  }
}

/// A value the numeric kernels read as a double.
protocol NumericValue: BitwiseCopyable {
  var asDouble: Double { get }
}

extension Int64: NumericValue {
  @inline(__always) var asDouble: Double { Double(self) }
}

extension Double: NumericValue {
  @inline(__always) var asDouble: Double { self }
}
