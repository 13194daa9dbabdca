import Foundation

/// A fitted k-means clustering on the standardized design.
///
/// Clusters are numbered 1...k from the largest to the smallest in training.
/// A row's cluster is its nearest centre (ties: the lower number); `distance`
/// is the Euclidean distance to it in standardized units.
public struct KMeansModel: Sendable, Hashable {
  var design: LinearDesign
  /// Row-major k × p centres, in cluster order.
  var centres: [Double]
  var clusterCount: Int

  /// Cluster numbers (1-based) and distances for `frame`.
  func assign(_ frame: FeatureFrame) -> (clusters: [Int64], distances: [Double]) {
    let matrix = design.matrix(frame)
    let assignment = Self.nearest(
      matrix, width: design.terms.count, rowCount: frame.rowCount, centres: centres,
      clusterCount: clusterCount)
    return (assignment.clusters.map { Int64($0 + 1) }, assignment.squaredDistances.map(sqrt))
  }

  /// The nearest centre (0-based) of every row and the squared distance to it.
  ///
  /// Both halves ask `isCancelled` between blocks of rows and stop early when
  /// it answers true; the caller, asking it too, drops the result.
  static func nearest(
    _ matrix: [Double], width: Int, rowCount: Int, centres: [Double], clusterCount: Int,
    isCancelled: @Sendable () -> Bool = { false }
  ) -> (clusters: [Int], squaredDistances: [Double]) {
    var clusters = [Int](repeating: 0, count: rowCount)
    var distances = [Double](repeating: 0, count: rowCount)
    let parts = rowCount >= 4096 ? 2 : 1
    let ranges = ParallelWork.ranges(rowCount, parts: parts)
    clusters.withUnsafeMutableBufferPointer { clusters in
      distances.withUnsafeMutableBufferPointer { distances in
        matrix.withUnsafeBufferPointer { data in
          centres.withUnsafeBufferPointer { centres in
            ParallelWork.run(parts: parts) { part in
              for row in ranges[part] {
                if row % 4096 == 0, isCancelled() { break }
                var best = 0
                var bestDistance = Double.infinity
                for cluster in 0..<clusterCount {
                  var sum = 0.0
                  for index in 0..<width {
                    let difference = data[row * width + index] - centres[cluster * width + index]
                    sum += difference * difference
                  }
                  if sum < bestDistance {
                    bestDistance = sum
                    best = cluster
                  }
                }
                clusters[row] = best
                distances[row] = bestDistance
              }
            }
          }
        }
      }
    }
    return (clusters, distances)
  }

  /// What training measured: cluster sizes, within-cluster sum of squares and
  /// the mean silhouette on a sample.
  struct Fit: Sendable {
    var model: KMeansModel
    var sizes: [Int]
    var withinClusterSumOfSquares: Double
    var silhouette: Double
  }

  /// k-means++ seeding, then Lloyd iterations until no row changes cluster.
  static func fit(
    design: LinearDesign, frame: FeatureFrame, clusterCount: Int, maxIterations: Int,
    seed: UInt64, isCancelled: @Sendable () -> Bool, progress: (Double) -> Void
  ) throws(Diagnostic) -> Fit {
    let width = design.terms.count
    let rowCount = frame.rowCount
    let matrix = design.matrix(frame)
    var random = SeededRandom(seed: seed)
    var centres = seedCentres(
      matrix, width: width, rowCount: rowCount, clusterCount: clusterCount, random: &random)
    var assignment = nearest(
      matrix, width: width, rowCount: rowCount, centres: centres, clusterCount: clusterCount,
      isCancelled: isCancelled)
    for iteration in 0..<maxIterations {
      if isCancelled() { throw LearnDiagnostics.interrupted }
      var sums = [Double](repeating: 0, count: clusterCount * width)
      var counts = [Int](repeating: 0, count: clusterCount)
      for row in 0..<rowCount {
        let cluster = assignment.clusters[row]
        counts[cluster] += 1
        for index in 0..<width { sums[cluster * width + index] += matrix[row * width + index] }
      }
      for cluster in 0..<clusterCount {
        if counts[cluster] == 0 {
          // An empty cluster takes over the row farthest from its centre.
          let far =
            assignment.squaredDistances.indices.max {
              assignment.squaredDistances[$0] < assignment.squaredDistances[$1]
            } ?? 0
          for index in 0..<width { centres[cluster * width + index] = matrix[far * width + index] }
          assignment.squaredDistances[far] = 0
        } else {
          for index in 0..<width {
            centres[cluster * width + index] =
              sums[cluster * width + index] / Double(counts[cluster])
          }
        }
      }
      let next = nearest(
        matrix, width: width, rowCount: rowCount, centres: centres, clusterCount: clusterCount,
        isCancelled: isCancelled)
      if isCancelled() { throw LearnDiagnostics.interrupted }
      let changed = next.clusters != assignment.clusters
      assignment = next
      progress(Double(iteration + 1) / Double(maxIterations))
      if !changed { break }
    }
    // Number clusters by size, largest first (ties: the earlier centre).
    var sizes = [Int](repeating: 0, count: clusterCount)
    for cluster in assignment.clusters { sizes[cluster] += 1 }
    let order = (0..<clusterCount).sorted {
      sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1)
    }
    var renumber = [Int](repeating: 0, count: clusterCount)
    var ordered = [Double]()
    for (rank, cluster) in order.enumerated() {
      renumber[cluster] = rank
      ordered += centres[(cluster * width)..<((cluster + 1) * width)]
    }
    let clusters = assignment.clusters.map { renumber[$0] }
    let model = KMeansModel(design: design, centres: ordered, clusterCount: clusterCount)
    let silhouette = sampledSilhouette(
      matrix, width: width, clusters: clusters, clusterCount: clusterCount, random: &random)
    progress(1)
    return Fit(
      model: model, sizes: order.map { sizes[$0] },
      withinClusterSumOfSquares: assignment.squaredDistances.reduce(0, +),
      silhouette: silhouette)
  }

  private static func seedCentres(
    _ matrix: [Double], width: Int, rowCount: Int, clusterCount: Int,
    random: inout SeededRandom
  ) -> [Double] {
    var centres: [Double] = []
    let first = random.nextInt(below: rowCount)
    centres += matrix[(first * width)..<((first + 1) * width)]
    var distances = [Double](repeating: .infinity, count: rowCount)
    for chosen in 1..<max(clusterCount, 1) {
      let latest = (chosen - 1) * width
      var total = 0.0
      for row in 0..<rowCount {
        var sum = 0.0
        for index in 0..<width {
          let difference = matrix[row * width + index] - centres[latest + index]
          sum += difference * difference
        }
        distances[row] = min(distances[row], sum)
        total += distances[row]
      }
      var pick = rowCount - 1
      if total > 0 {
        var target = random.nextDouble() * total
        for row in 0..<rowCount {
          target -= distances[row]
          if target < 0 {
            pick = row
            break
          }
        }
      } else {
        pick = random.nextInt(below: rowCount)
      }
      centres += matrix[(pick * width)..<((pick + 1) * width)]
    }
    return centres
  }

  /// Mean silhouette over at most 2,000 sampled rows.
  static func sampledSilhouette(
    _ matrix: [Double], width: Int, clusters: [Int], clusterCount: Int,
    random: inout SeededRandom
  ) -> Double {
    var sample = Array(clusters.indices)
    let limit = 2000
    if sample.count > limit {
      for index in 0..<limit {
        sample.swapAt(index, index + random.nextInt(below: sample.count - index))
      }
      sample = Array(sample[..<limit]).sorted()
    }
    guard clusterCount > 1, sample.count > 1 else { return .nan }
    var total = 0.0
    for row in sample {
      var sums = [Double](repeating: 0, count: clusterCount)
      var counts = [Int](repeating: 0, count: clusterCount)
      for other in sample where other != row {
        var sum = 0.0
        for index in 0..<width {
          let difference = matrix[row * width + index] - matrix[other * width + index]
          sum += difference * difference
        }
        sums[clusters[other]] += sum.squareRoot()
        counts[clusters[other]] += 1
      }
      let own = clusters[row]
      guard counts[own] > 0 else { continue }  // a singleton scores 0
      let cohesion = sums[own] / Double(counts[own])
      var separation = Double.infinity
      for cluster in 0..<clusterCount where cluster != own && counts[cluster] > 0 {
        separation = min(separation, sums[cluster] / Double(counts[cluster]))
      }
      guard separation.isFinite else { continue }
      let spread = max(cohesion, separation)
      total += spread > 0 ? (separation - cohesion) / spread : 0
    }
    return total / Double(sample.count)
  }
}
