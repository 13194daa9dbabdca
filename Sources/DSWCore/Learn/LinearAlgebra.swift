/// Small dense linear algebra for the linear models: Gram matrices and
/// Cholesky solves of symmetric positive definite systems.
enum LinearAlgebra {
  /// Solves `A x = b` for symmetric positive definite `A` (row-major n×n).
  /// If `A` is numerically singular, retries with a tiny ridge on the diagonal.
  static func solveSymmetric(_ matrix: [Double], _ rhs: [Double]) -> [Double] {
    let size = rhs.count
    var trace = 0.0
    for index in 0..<size { trace += abs(matrix[index * size + index]) }
    var jitter = 0.0
    for _ in 0..<8 {
      if let factor = cholesky(matrix, size: size, jitter: jitter) {
        return choleskySolve(factor, rhs, size: size)
      }
      jitter = jitter == 0 ? max(trace / Double(max(size, 1)), 1) * 1e-12 : jitter * 100
    }
    return [Double](repeating: 0, count: size)
  }

  /// The lower-triangular L with L Lᵀ = A + jitter·I, or nil if not positive definite.
  static func cholesky(_ matrix: [Double], size: Int, jitter: Double) -> [Double]? {
    var lower = [Double](repeating: 0, count: size * size)
    for row in 0..<size {
      for column in 0...row {
        var sum = matrix[row * size + column]
        if row == column { sum += jitter }
        for inner in 0..<column { sum -= lower[row * size + inner] * lower[column * size + inner] }
        if row == column {
          guard sum > 0, sum.isFinite else { return nil }
          lower[row * size + row] = sum.squareRoot()
        } else {
          lower[row * size + column] = sum / lower[column * size + column]
        }
      }
    }
    return lower
  }

  static func choleskySolve(_ lower: [Double], _ rhs: [Double], size: Int) -> [Double] {
    var forward = rhs
    for row in 0..<size {
      var sum = forward[row]
      for inner in 0..<row { sum -= lower[row * size + inner] * forward[inner] }
      forward[row] = sum / lower[row * size + row]
    }
    var solution = forward
    for row in stride(from: size - 1, through: 0, by: -1) {
      var sum = solution[row]
      for inner in (row + 1)..<size { sum -= lower[inner * size + row] * solution[inner] }
      solution[row] = sum / lower[row * size + row]
    }
    return solution
  }

  /// Σ wᵢ xᵢ xᵢᵀ over the rows of row-major `matrix` (width p), with a leading
  /// constant 1 prepended to each row when `intercept`. Rows split over both
  /// cores; the two halves are added in a fixed order. Each half asks
  /// `isCancelled` between blocks of rows and stops early when it answers
  /// true: the caller, asking it too, then drops the result.
  static func weightedGram(
    _ matrix: [Double], width: Int, rowCount: Int, weights: [Double]?, intercept: Bool,
    isCancelled: @Sendable () -> Bool = { false }
  ) -> [Double] {
    let size = width + (intercept ? 1 : 0)
    let parts = rowCount >= 4096 ? 2 : 1
    var partials = [[Double]](repeating: [], count: parts)
    let ranges = ParallelWork.ranges(rowCount, parts: parts)
    partials.withUnsafeMutableBufferPointer { partials in
      matrix.withUnsafeBufferPointer { data in
        ParallelWork.run(parts: parts) { part in
          var gram = [Double](repeating: 0, count: size * size)
          var vector = [Double](repeating: 1, count: size)
          let shift = intercept ? 1 : 0
          gram.withUnsafeMutableBufferPointer { gram in
            vector.withUnsafeMutableBufferPointer { vector in
              for row in ranges[part] {
                if row % 4096 == 0, isCancelled() { break }
                for index in 0..<width { vector[index + shift] = data[row * width + index] }
                let weight = weights?[row] ?? 1
                for first in 0..<size {
                  let scaled = weight * vector[first]
                  if scaled == 0 { continue }
                  let base = first * size
                  for second in first..<size { gram[base + second] += scaled * vector[second] }
                }
              }
            }
          }
          partials[part] = gram
        }
      }
    }
    var gram = partials[0]
    for part in 1..<parts {
      for index in gram.indices { gram[index] += partials[part][index] }
    }
    for first in 0..<size {
      for second in 0..<first { gram[first * size + second] = gram[second * size + first] }
    }
    return gram
  }
}
