/// Maps one feature's values to small bin codes for histogram-based boosting.
///
/// Numeric features get quantile bins: every distinct training value has its
/// own bin when there are at most `maxBins` of them; otherwise bins hold about
/// equal row counts, cut between distinct values. Categorical features use the
/// category code as the bin. Missing values (and unseen categories) go to the
/// last code, `missingBin`, so a split can learn where they belong.
struct BinMapper: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    /// A value goes to the first bin whose upper bound is >= it; the last bin
    /// is unbounded, so there is one more bin than bounds.
    case numeric(upperBounds: [Double])
    case categorical(count: Int)
  }

  var kind: Kind

  /// Bins that hold values (the missing bin comes after them).
  var valueBinCount: Int {
    switch kind {
    case .numeric(let bounds): bounds.count + 1
    case .categorical(let count): max(count, 1)
    }
  }

  var missingBin: UInt8 { UInt8(valueBinCount) }

  var isCategorical: Bool { if case .categorical = kind { true } else { false } }

  /// Quantile bins over the non-missing `values`.
  static func numeric(_ values: [Double], maxBins: Int) -> BinMapper {
    var sorted = values.filter { !$0.isNaN }
    sorted.sort()
    var distinct: [Double] = []
    var counts: [Int] = []
    for value in sorted {
      if let last = distinct.last, last == value {
        counts[counts.count - 1] += 1
      } else {
        distinct.append(value)
        counts.append(1)
      }
    }
    var bounds: [Double] = []
    if distinct.count <= maxBins {
      for index in 0..<max(distinct.count - 1, 0) {
        bounds.append(boundary(distinct[index], distinct[index + 1]))
      }
    } else {
      let perBin = Double(sorted.count) / Double(maxBins)
      var cumulative = 0
      for index in 0..<(distinct.count - 1) where bounds.count < maxBins - 1 {
        cumulative += counts[index]
        // Cut once this bin reached its share; a heavy value gets a bin alone.
        let due = Double(cumulative) >= perBin * Double(bounds.count + 1)
        let heavyNext = Double(counts[index + 1]) >= perBin
        if due || heavyNext {
          bounds.append(boundary(distinct[index], distinct[index + 1]))
        }
      }
    }
    return BinMapper(kind: .numeric(upperBounds: bounds))
  }

  /// A cut between two adjacent distinct values that keeps each on its side.
  private static func boundary(_ lower: Double, _ upper: Double) -> Double {
    let middle = lower / 2 + upper / 2
    return middle < upper && middle >= lower ? middle : lower
  }

  /// The bin codes of one feature's values.
  func codes(of values: FeatureFrame.Values) -> [UInt8] {
    let count = values.count
    return [UInt8](uninitializedCount: count) { out, initialized in
      writeCodes(of: values, into: out)
      initialized = count
    }
  }

  /// Writes the bin codes of one feature's values into `out` (of their length).
  func writeCodes(of values: FeatureFrame.Values, into out: UnsafeMutableBufferPointer<UInt8>) {
    let missing = missingBin
    switch values {
    case .numeric(let numbers):
      // NaN is missing.
      guard case .numeric(let bounds) = kind else {
        out.update(repeating: missing)
        return
      }
      bounds.withUnsafeBufferPointer { bounds in
        for (index, value) in numbers.enumerated() {
          if value.isNaN {
            out[index] = missing
            continue
          }
          var low = 0
          var high = bounds.count
          while low < high {
            let middle = (low + high) >> 1
            if value <= bounds[middle] { high = middle } else { low = middle + 1 }
          }
          out[index] = UInt8(truncatingIfNeeded: low)
        }
      }
    case .categorical(let categories):
      // -1 is missing or unseen.
      let count = Int32(valueBinCount)
      for (index, code) in categories.enumerated() {
        out[index] = code >= 0 && code < count ? UInt8(truncatingIfNeeded: code) : missing
      }
    }
  }
}
