/// Means, variances and correlations per group, in two passes for accuracy.
enum Moments {
  static func mean(
    _ column: Column, _ ids: [Int32], _ groups: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let (sums, counts) = try sumsAndCounts(column, ids, groups, limits: limits)
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

  /// Sample variance (n − 1), or its square root.
  static func variance(
    _ column: Column, _ ids: [Int32], _ groups: Int, stddev: Bool,
    limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let (sums, counts) = try sumsAndCounts(column, ids, groups, limits: limits)
    let means = (0..<groups).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
    let values = column.numericAsDoubles
    var squares = [Double](repeating: 0, count: groups)
    try limits.blocks(ids.count) { rows in
      for row in rows where !column.isNull(row) {
        let group = Int(ids[row])
        let delta = values[row] - means[group]
        squares[group] += delta * delta
      }
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
  ///
  /// One pass over shifted values: each group's first pair is subtracted
  /// from the rest, which keeps the co-moments accurate without a second pass.
  static func correlation(
    _ x: Column, _ y: Column, _ ids: [Int32], _ groups: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> Column {
    let xs = x.numericAsDoubles
    let ys = y.numericAsDoubles
    let both = Bitmap.both(x.validity, y.validity)
    var shiftX = [Double](repeating: .nan, count: groups)
    var shiftY = [Double](repeating: 0, count: groups)
    var counts = [Double](repeating: 0, count: groups)
    var sumX = [Double](repeating: 0, count: groups)
    var sumY = [Double](repeating: 0, count: groups)
    var sxx = [Double](repeating: 0, count: groups)
    var syy = [Double](repeating: 0, count: groups)
    var sxy = [Double](repeating: 0, count: groups)
    try xs.withUnsafeBufferPointer { (xs) throws(Diagnostic) in
      try ys.withUnsafeBufferPointer { (ys) throws(Diagnostic) in
        try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
          try limits.blocks(ids.count) { rows in
            for row in rows {
              if let both, !both[row] { continue }
              let group = Int(ids[row])
              if counts[group] == 0 {
                shiftX[group] = xs[row]
                shiftY[group] = ys[row]
              }
              let dx = xs[row] - shiftX[group]
              let dy = ys[row] - shiftY[group]
              counts[group] += 1
              sumX[group] += dx
              sumY[group] += dy
              sxx[group] += dx * dx
              syy[group] += dy * dy
              sxy[group] += dx * dy
            }
          }
        }
      }
    }
    var result = [Double](repeating: 0, count: groups)
    var validity = Bitmap(count: groups, value: true)
    for group in 0..<groups {
      let n = counts[group]
      let covariance = sxy[group] - sumX[group] * sumY[group] / max(n, 1)
      let varianceX = sxx[group] - sumX[group] * sumX[group] / max(n, 1)
      let varianceY = syy[group] - sumY[group] * sumY[group] / max(n, 1)
      // The product of two variances overflows (or underflows) for |x| near
      // 1e77: then take each root first.
      let product = varianceX * varianceY
      let denominator =
        product.isNormal
        ? product.squareRoot() : varianceX.squareRoot() * varianceY.squareRoot()
      if n < 2 || !(denominator > 0) {
        validity.clear(group)
      } else {
        result[group] = covariance / denominator
      }
    }
    return Column(doubles: result, validity: validity)
  }

  static func sumsAndCounts(
    _ column: Column, _ ids: [Int32], _ groups: Int, limits: ExecutionLimits = .none
  ) throws(Diagnostic) -> ([Double], [Int]) {
    var sums = [Double](repeating: 0, count: groups)
    var counts = [Int](repeating: 0, count: groups)
    let validity = column.validity
    switch column.storage {
    case .double(let values):
      try accumulate(values, ids, validity, &sums, &counts, limits) { $0 }
    case .int(let values):
      try accumulate(values, ids, validity, &sums, &counts, limits) { Double($0) }
    default:
      try accumulate(column.numericAsDoubles, ids, validity, &sums, &counts, limits) { $0 }
    }
    return (sums, counts)
  }

  @inline(__always)
  private static func accumulate<T>(
    _ values: [T], _ ids: [Int32], _ validity: Bitmap?, _ sums: inout [Double],
    _ counts: inout [Int], _ limits: ExecutionLimits, _ convert: (T) -> Double
  ) throws(Diagnostic) {
    try values.withUnsafeBufferPointer { (values) throws(Diagnostic) in
      try ids.withUnsafeBufferPointer { (ids) throws(Diagnostic) in
        try sums.withUnsafeMutableBufferPointer { (sums) throws(Diagnostic) in
          try counts.withUnsafeMutableBufferPointer { (counts) throws(Diagnostic) in
            try limits.blocks(ids.count) { rows in
              if let validity {
                for row in rows where validity[row] {
                  sums[Int(ids[row])] += convert(values[row])
                  counts[Int(ids[row])] += 1
                }
              } else {
                for row in rows {
                  sums[Int(ids[row])] += convert(values[row])
                  counts[Int(ids[row])] += 1
                }
              }
            }
          }
        }
      }
    }
  }
}
