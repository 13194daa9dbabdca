import Testing

@testable import DSWCore

/// Few distinct keys over many rows are numbered on both cores
/// (`Grouping.densifyOnBothCores`); the groups must still be numbered in
/// order of first appearance, as a one-pass reference numbers them.
@Suite struct ParallelGroupingTests {
  @Test(arguments: [UInt64(1), 2, 3])
  func groupsAreNumberedInOrderOfFirstAppearance(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let rows = 300_000
    // Some keys appear only in the second half, some only once.
    let keys: [Int64?] = (0..<rows).map { row in
      if random.nextInt(below: 50) == 0 { return nil }
      let range = row < rows / 2 ? 1_000 : 1_500
      return Int64(random.nextInt(below: range)) * 7 - 300
    }
    let column = Column(ints: keys.map { $0 ?? 0 }, validity: Bitmap(keys.map { $0 != nil }))
    let grouping = try Grouping.group([column], rowCount: rows, limits: .none)
    expectNumberedByFirstAppearance(grouping, keys)
  }
  @Test func aStringKeyGroupsByItsCodesInOrderOfFirstAppearance() throws {
    var random = SeededRandom(seed: 9)
    let rows = 300_000
    let keys: [String?] = (0..<rows).map { row in
      random.nextInt(below: 40) == 0 ? nil : "k\(random.nextInt(below: row < rows / 2 ? 50 : 80))"
    }
    let grouping = try Grouping.group([Column(strings: keys)], rowCount: rows, limits: .none)
    expectNumberedByFirstAppearance(grouping, keys)
  }

  /// Counts and integer sums of many rows are computed on both cores, each
  /// half into arrays of its own: the same numbers as one pass in row order.
  @Test func countsAndIntegerSumsOnBothCoresMatchOnePass() throws {
    var random = SeededRandom(seed: 4)
    let rows = 300_000
    let groups = 97
    let ids = (0..<rows).map { _ in Int32(random.nextInt(below: groups)) }
    let values = (0..<rows).map { _ in Int64(random.nextInt(below: 2_000_001)) - 1_000_000 }
    let valid = (0..<rows).map { _ in random.nextInt(below: 9) != 0 }
    let column = Column(
      ints: zip(values, valid).map { $1 ? $0 : 0 }, validity: Bitmap(valid))
    let grouping = Grouping(
      groupIDs: ids, groupCount: groups, firstRows: (0..<groups).map { Int32($0) })
    var expectedCounts = [Int64](repeating: 0, count: groups)
    var expectedSums = [Int64](repeating: 0, count: groups)
    for row in 0..<rows where valid[row] {
      expectedCounts[Int(ids[row])] += 1
      expectedSums[Int(ids[row])] += values[row]
    }
    let counts = try GroupedAggregation.compute(
      .count, arguments: [column], parameter: nil, type: .int, grouping: grouping,
      span: Self.span)
    let sums = try GroupedAggregation.compute(
      .sum, arguments: [column], parameter: nil, type: .int, grouping: grouping, span: Self.span)
    #expect(counts.int64Values == expectedCounts)
    #expect(sums.int64Values == expectedSums)
  }

  /// One group's sum, mean and variance add in four lanes on each core: the
  /// same counts, and the same values to rounding, as one pass in row order,
  /// with nulls skipped and row counts that leave a tail after the lanes.
  @Test(arguments: [300_003, 7, 1])
  func oneGroupsMomentsInLanesMatchOnePass(rows: Int) throws {
    var random = SeededRandom(seed: 12)
    let values = (0..<rows).map { _ in random.nextDouble() * 200 - 50 }
    let valid = (0..<rows).map { $0 == 0 || random.nextInt(below: 7) != 0 }
    let column = Column(doubles: zip(values, valid).map { $1 ? $0 : 0 }, validity: Bitmap(valid))
    let kept = zip(values, valid).filter(\.1).map(\.0)
    let mean = kept.reduce(0, +) / Double(kept.count)
    let variance =
      kept.count > 1
      ? kept.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(kept.count - 1) : nil
    let grouping = Grouping.single(rowCount: rows)
    func compute(_ function: AggregateFunction) throws -> Column {
      try GroupedAggregation.compute(
        function, arguments: [column], parameter: nil, type: function == .count ? .int : .double,
        grouping: grouping, span: Self.span)
    }
    #expect(try compute(.count).int64Values == [Int64(kept.count)])
    let sum = try compute(.sum).numericAsDoubles[0]
    #expect(abs(sum - mean * Double(kept.count)) <= 1e-9 * max(1, abs(sum)))
    #expect(abs(try compute(.mean).numericAsDoubles[0] - mean) <= 1e-9 * max(1, abs(mean)))
    let found = try compute(.variance)
    if let variance {
      #expect(abs(found.numericAsDoubles[0] - variance) <= 1e-9 * variance)
    } else {
      #expect(found.isNull(0))
    }
  }

  /// A sum may leave the int range in one half and come back in the other;
  /// only a total outside it is an overflow.
  @Test func anIntegerSumThatWrapsInOneHalfIsStillExact() throws {
    let rows = 300_000
    let big = Int64.max / 2 + 1
    var values = [Int64](repeating: 0, count: rows)
    values[0] = big
    values[1] = big
    values[rows - 1] = -big
    let grouping = Grouping.single(rowCount: rows)
    let back = try GroupedAggregation.compute(
      .sum, arguments: [Column(ints: values)], parameter: nil, type: .int, grouping: grouping,
      span: Self.span)
    #expect(back.int64Values == [big])
    values[rows - 1] = 0
    let error = #expect(throws: Diagnostic.self) {
      try GroupedAggregation.compute(
        .sum, arguments: [Column(ints: values)], parameter: nil, type: .int, grouping: grouping,
        span: Self.span)
    }
    #expect(error?.code == "E301")
    #expect(error?.message == "integer overflow")
  }

  /// Means, deviations, correlations and medians of many rows are computed
  /// over the halves on both cores and merged: within rounding of one
  /// careful pass, even for values far from zero, nulls and a group seen
  /// only in the second half; medians exactly.
  @Test func momentsAndMediansOnBothCoresMatchOnePass() throws {
    var random = SeededRandom(seed: 11)
    let rows = 300_000
    let groups = 61
    let ids = (0..<rows).map { row in
      row < rows / 2
        ? Int32(random.nextInt(below: groups - 1)) : Int32(random.nextInt(below: groups))
    }
    let xs = (0..<rows).map { _ in 1e9 + Double(random.nextInt(below: 1_000_000)) / 1_000 }
    let ys = (0..<rows).map { row in 3 * xs[row] + Double(random.nextInt(below: 1_000)) }
    let valid = (0..<rows).map { _ in random.nextInt(below: 7) != 0 }
    let x = Column(doubles: zip(xs, valid).map { $1 ? $0 : 0 }, validity: Bitmap(valid))
    let y = Column(ints: ys.map { Int64($0) })
    let grouping = Grouping(
      groupIDs: ids, groupCount: groups, firstRows: (0..<groups).map { Int32($0) })
    func compute(_ function: AggregateFunction, _ arguments: [Column]) throws -> [Double?] {
      let column = try GroupedAggregation.compute(
        function, arguments: arguments, parameter: nil, type: .double, grouping: grouping,
        span: Self.span)
      return (0..<groups).map { column.isNull($0) ? nil : column.doubleValues[$0] }
    }
    var members = [[Int]](repeating: [], count: groups)
    for row in 0..<rows where valid[row] { members[Int(ids[row])].append(row) }
    func close(_ actual: [Double?], _ expected: [Double], tolerance: Double) -> Bool {
      zip(actual, expected).allSatisfy { actual, expected in
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
      }
    }
    let means = members.map { rows in rows.reduce(0) { $0 + xs[$1] } / Double(rows.count) }
    let stddevs = members.indices.map { group in
      let squares = members[group].reduce(0) {
        $0 + (xs[$1] - means[group]) * (xs[$1] - means[group])
      }
      return (squares / Double(members[group].count - 1)).squareRoot()
    }
    let correlations = members.indices.map { group in
      let rows = members[group]
      let meanY = rows.reduce(0) { $0 + Double(Int64(ys[$1])) } / Double(rows.count)
      var (sxx, syy, sxy) = (0.0, 0.0, 0.0)
      for row in rows {
        let dx = xs[row] - means[group]
        let dy = Double(Int64(ys[row])) - meanY
        sxx += dx * dx
        syy += dy * dy
        sxy += dx * dy
      }
      return sxy / (sxx * syy).squareRoot()
    }
    let medians = members.map { rows in
      let sorted = rows.map { xs[$0] }.sorted()
      let middle = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    #expect(close(try compute(.mean, [x]), means, tolerance: 1e-12))
    #expect(
      close(
        try compute(.sum, [x]), members.indices.map { means[$0] * Double(members[$0].count) },
        tolerance: 1e-12))
    #expect(close(try compute(.stddev, [x]), stddevs, tolerance: 1e-9))
    #expect(close(try compute(.corr, [x, y]), correlations, tolerance: 1e-9))
    #expect(try compute(.median, [x]) == medians)
  }

  /// Few groups over many rows are counted as they are numbered, for
  /// `count()` to take as they are; the other ways of numbering leave the
  /// counting to `count()`. Either way the counts are right.
  @Test(arguments: [(300_000, Int64(1_000)), (5_000, 1_000), (300_000, 40_000_000_000)])
  func groupSizesAreCountedOnTheWay(rows: Int, range: Int64) throws {
    var random = SeededRandom(seed: 5)
    let keys = (0..<rows).map { _ in Int64(random.nextInt(below: Int(range))) }
    let grouping = try Grouping.group([Column(ints: keys)], rowCount: rows, limits: .none)
    var expected = [Int64](repeating: 0, count: grouping.groupCount)
    for id in grouping.groupIDs { expected[Int(id)] += 1 }
    #expect(grouping.sizes == (rows >= 1 << 17 && range <= rows / 8 ? expected : nil))
    let counts = try GroupedAggregation.compute(
      .count, arguments: [], parameter: nil, type: .int, grouping: grouping, span: Self.span)
    #expect(counts.int64Values == expected)
  }

  /// Codes too wide for a direct map are shared out between two hash
  /// tables, one per core, and merged: still numbered by first appearance.
  @Test(arguments: [300_000, 5_000])
  func wideCodesAreNumberedInOrderOfFirstAppearanceOnBothCores(rows: Int) throws {
    var random = SeededRandom(seed: 8)
    let distinct = (0..<rows / 3).map { _ in Int64(random.nextInt(below: 1 << 40)) }
    let codes = (0..<rows).map { _ in distinct[random.nextInt(below: distinct.count)] }
    let grouping = try Grouping.densify(codes, cardinality: 1 << 41)
    expectNumberedByFirstAppearance(grouping, codes)
  }

  /// Groups numbered as a one-pass reference numbers `keys`: by first
  /// appearance, with each group's first row.
  func expectNumberedByFirstAppearance<Key: Hashable>(_ grouping: Grouping, _ keys: [Key]) {
    var ids: [Key: Int32] = [:]
    var expectedIDs: [Int32] = []
    var expectedFirsts: [Int32] = []
    for (row, key) in keys.enumerated() {
      if ids[key] == nil {
        ids[key] = Int32(ids.count)
        expectedFirsts.append(Int32(row))
      }
      expectedIDs.append(ids[key] ?? -1)
    }
    #expect(grouping.groupCount == ids.count)
    #expect(grouping.firstRows == expectedFirsts)
    #expect(grouping.groupIDs == expectedIDs)
  }

  static let span = SourceSpan(offset: 0, length: 1, line: 1, column: 1)
}
