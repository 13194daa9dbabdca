import Testing

@testable import DSWCore

/// Invariants of the query engine, checked over random tables: grouping
/// conserves sums and counts, filters partition rows, sorts are stable
/// permutations, joins multiply matches, windows number their partitions
/// and samples are reproducible.
@Suite struct PropertyTests {
  static let seeds = Array(UInt64(1)...UInt64(40))

  // MARK: - Aggregation

  @Test(arguments: seeds)
  func sumOverGroupsIsTheTotal(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    let result = try RandomTable.run(
      "from t | aggregate s = sum(v), n = count(), c = count(v), sd = sum(d) by k", on: table)
    let values = Self.ints(table, "v")
    #expect(
      Self.ints(result, "s").compactMap { $0 }.reduce(0, +) == values.compactMap { $0 }.reduce(0, +)
    )
    #expect(Self.ints(result, "n").compactMap { $0 }.reduce(0, +) == Int64(table.rowCount))
    #expect(
      Self.ints(result, "c").compactMap { $0 }.reduce(0, +) == Int64(values.compactMap { $0 }.count)
    )
    let doubleTotal = Self.doubles(table, "d").compactMap { $0 }.reduce(0, +)
    let groupedTotal = Self.doubles(result, "sd").compactMap { $0 }.reduce(0, +)
    #expect(abs(doubleTotal - groupedTotal) <= 1e-9 * max(1, abs(doubleTotal)))
    // One row per distinct key (null is a key of its own), in order of first appearance.
    let keys = Self.strings(table, "k")
    var firstSeen: [String?] = []
    for key in keys where !firstSeen.contains(key) { firstSeen.append(key) }
    #expect(Self.strings(result, "k") == firstSeen)
  }

  @Test(arguments: seeds)
  func aggregateWithoutByIsOneRow(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    let result = try RandomTable.run("from t | aggregate n = count(), s = sum(v)", on: table)
    #expect(result.rowCount == 1)
    #expect(Self.ints(result, "n") == [Int64(table.rowCount)])
    let values = Self.ints(table, "v").compactMap { $0 }
    #expect(Self.ints(result, "s") == [values.isEmpty ? nil : values.reduce(0, +)])
  }

  // MARK: - Top N

  /// `sort … | take N` keeps a heap of the top rows instead of sorting all;
  /// it must give the same rows, in the same order, as the full stable sort.
  @Test(arguments: seeds)
  func sortThenTakeIsThePrefixOfTheFullSort(seed: UInt64) throws {
    var table = RandomTable.make(seed: seed)
    // Repeat the rows so the top path (at most an eighth of the rows) is taken.
    for _ in 0..<3 { table = try TableAppend.append(table, table) }
    for keys in ["-d, v", "v, -id", "k, d", "g", "-k", "d"] {
      let sorted = Self.ints(try RandomTable.run("from t | sort \(keys)", on: table), "id")
      for limit in [0, 1, 2, 5, table.rowCount / 8, table.rowCount + 1] {
        let top = try RandomTable.run("from t | sort \(keys) | take \(limit)", on: table)
        #expect(Self.ints(top, "id") == Array(sorted.prefix(limit)), "sort \(keys) | take \(limit)")
      }
    }
  }

  // MARK: - Filter

  static let predicates = [
    "v > 3", "d < 0.5 and k == \"a\"", "v % 3 == 0 or d > 0", "not (g >= 2)", "k in [\"a\", \"b\"]",
    "v + g > d", "if(v > 5, d > 0, k != \"c\")", "coalesce(v, 0) < 4",
    "case when k == \"a\" then v > 2 end",
  ]

  @Test(arguments: seeds)
  func filterPartitionsTheRows(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    for predicate in Self.predicates {
      let yes = Self.ints(try RandomTable.run("from t | filter \(predicate)", on: table), "id")
      let no = Self.ints(try RandomTable.run("from t | filter not (\(predicate))", on: table), "id")
      let unknown = Self.ints(
        try RandomTable.run("from t | filter (\(predicate)) is null", on: table), "id")
      let all = (yes + no + unknown).compactMap { $0 }
      #expect(all.count == table.rowCount, "\(predicate)")
      #expect(Set(all) == Set(Self.ints(table, "id").compactMap { $0 }), "\(predicate)")
      // Each part keeps the input order.
      for part in [yes, no, unknown] {
        #expect(part.compactMap { $0 } == part.compactMap { $0 }.sorted(), "\(predicate)")
      }
    }
  }

  // MARK: - Sort

  @Test(arguments: seeds)
  func sortIsAStablePermutation(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    for descending in [false, true] {
      let result = try RandomTable.run("from t | sort \(descending ? "-" : "")v", on: table)
      let ids = Self.ints(result, "id").compactMap { $0 }
      #expect(ids.sorted() == Self.ints(table, "id").compactMap { $0 }.sorted())
      let values = Self.ints(result, "v")
      // Nulls come last, whatever the direction.
      let firstNull = values.firstIndex(where: { $0 == nil }) ?? values.count
      #expect(values[firstNull...].allSatisfy { $0 == nil })
      for index in 1..<max(1, values.count) {
        let (a, b) = (values[index - 1], values[index])
        guard let a, let b else { continue }
        #expect(descending ? a >= b : a <= b)
        if a == b { #expect(ids[index - 1] < ids[index], "ties keep input order") }
      }
      if firstNull < values.count {
        #expect(
          Array(ids[firstNull...]) == ids[firstNull...].sorted(), "null ties keep input order")
      }
    }
  }

  @Test(arguments: seeds)
  func sortByTwoKeysIsLexicographic(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    let result = try RandomTable.run("from t | sort k, -d", on: table)
    let keys = Self.strings(result, "k")
    let values = Self.doubles(result, "d")
    let ids = Self.ints(result, "id").compactMap { $0 }
    for index in 1..<max(1, result.rowCount) {
      let (k1, k2) = (keys[index - 1], keys[index])
      switch (k1, k2) {
      case (let a?, let b?):
        #expect(a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) || a == b)
        if a != b { continue }
      case (nil, .some): Issue.record("a null key before a value")
      case (.some, nil): continue
      case (nil, nil): break
      }
      switch (values[index - 1], values[index]) {
      case (let a?, let b?):
        #expect(a >= b)
        if a == b { #expect(ids[index - 1] < ids[index]) }
      case (nil, .some): Issue.record("a null value before a value within a key")
      case (nil, nil): #expect(ids[index - 1] < ids[index])
      case (.some, nil): break
      }
    }
  }

  // MARK: - Distinct

  @Test(arguments: seeds)
  func distinctKeepsTheFirstRowOfEachKey(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    let result = try RandomTable.run("from t | distinct k, g", on: table)
    let pairs = zip(Self.strings(result, "k"), Self.ints(result, "g")).map {
      "\($0 ?? "∅")|\($1.map(String.init) ?? "∅")"
    }
    #expect(Set(pairs).count == pairs.count, "no duplicates")
    let inputPairs = zip(Self.strings(table, "k"), Self.ints(table, "g")).map {
      "\($0 ?? "∅")|\($1.map(String.init) ?? "∅")"
    }
    var firstRows: [Int64] = []
    var seen = Set<String>()
    for (row, pair) in inputPairs.enumerated() where seen.insert(pair).inserted {
      firstRows.append(Int64(row))
    }
    #expect(Self.ints(result, "id").compactMap { $0 } == firstRows)

    let whole = try RandomTable.run("from t | select k, g | distinct", on: table)
    #expect(whole.rowCount == firstRows.count)
  }

  // MARK: - Joins

  @Test(arguments: seeds)
  func joinCountsMultiplyPerKey(seed: UInt64) throws {
    let left = RandomTable.make(seed: seed)
    let right = RandomTable.make(seed: seed &+ 1000)
    var leftCounts: [String: Int] = [:]
    var rightCounts: [String: Int] = [:]
    for key in Self.strings(left, "k") { if let key { leftCounts[key, default: 0] += 1 } }
    for key in Self.strings(right, "k") { if let key { rightCounts[key, default: 0] += 1 } }
    let expected = leftCounts.reduce(0) { $0 + $1.value * (rightCounts[$1.key] ?? 0) }
    let tables = ["t": left, "u": right]
    let inner = try RandomTable.run("from t | join u on k", on: tables)
    #expect(inner.rowCount == expected)

    let leftJoin = try RandomTable.run("from t | join left u on k", on: tables)
    let expectedLeft = Self.strings(left, "k").reduce(0) { total, key in
      total + max(1, key.flatMap { rightCounts[$0] } ?? 0)
    }
    #expect(leftJoin.rowCount == expectedLeft)
    #expect(leftJoin.rowCount >= left.rowCount)

    let semi = try RandomTable.run("from t | join semi u on k", on: tables)
    let anti = try RandomTable.run("from t | join anti u on k", on: tables)
    #expect(semi.rowCount + anti.rowCount == left.rowCount)
    let matched = Self.strings(left, "k").filter { $0.flatMap { rightCounts[$0] } != nil }.count
    #expect(semi.rowCount == matched)
  }

  // MARK: - Window

  @Test(arguments: seeds)
  func rowNumbersCountEachPartition(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    let result = try RandomTable.run(
      "from t | window by k order v, -d derive rn = row_number(), rk = rank(), n = count()",
      on: table)
    #expect(Self.ints(result, "id") == Self.ints(table, "id"), "rows keep their order")
    var numbers: [String: [Int64]] = [:]
    var sizes: [String: Int64] = [:]
    for (key, (number, size)) in zip(
      Self.strings(result, "k"), zip(Self.ints(result, "rn"), Self.ints(result, "n")))
    {
      numbers[key ?? "∅", default: []].append(number ?? -1)
      sizes[key ?? "∅"] = size
    }
    for (key, values) in numbers {
      #expect(values.sorted() == Array(1...Int64(values.count)), "partition \(key)")
      #expect(sizes[key] == Int64(values.count))
    }
    for (rank, number) in zip(Self.ints(result, "rk"), Self.ints(result, "rn")) {
      #expect((rank ?? 0) >= 1 && (rank ?? 0) <= (number ?? 0))
    }
  }

  // MARK: - Sample

  @Test(arguments: seeds)
  func sampleIsDistinctRowsAndReproducible(seed: UInt64) throws {
    let table = RandomTable.make(seed: seed)
    for wanted in [0, 1, 7, 30, 1000] {
      let program = "from t | sample \(wanted) (seed: \(seed))"
      let first = Self.ints(try RandomTable.run(program, on: table), "id").compactMap { $0 }
      let second = Self.ints(try RandomTable.run(program, on: table), "id").compactMap { $0 }
      #expect(first.count == min(wanted, table.rowCount))
      #expect(Set(first).count == first.count, "distinct rows")
      #expect(first == first.sorted(), "rows keep their order")
      #expect(first == second, "the same seed gives the same rows")
    }
  }

  // MARK: - Column access

  static func ints(_ table: Table, _ name: String) -> [Int64?] {
    guard let column = table.column(named: name) else { return [] }
    return (0..<table.rowCount).map { row in
      if case .int(let value) = column.value(at: row) { return value }
      return nil
    }
  }

  static func doubles(_ table: Table, _ name: String) -> [Double?] {
    guard let column = table.column(named: name) else { return [] }
    return (0..<table.rowCount).map { row in column.value(at: row).doubleValue }
  }

  static func strings(_ table: Table, _ name: String) -> [String?] {
    guard let column = table.column(named: name) else { return [] }
    return (0..<table.rowCount).map { row in
      if case .string(let value) = column.value(at: row) { return value }
      return nil
    }
  }
}

/// Random tables for property tests: a row id, small-cardinality strings
/// and ints with nulls, ints and doubles with nulls.
enum RandomTable {
  static func make(seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    let rowCount =
      random.nextInt(below: 4) == 0 ? random.nextInt(below: 3) : random.nextInt(below: 80)
    return make(rows: rowCount, random: &random)
  }

  /// `rowCount` rows of an id, a string key, a small int group, an int
  /// value and a double, each but the id with nulls.
  static func make(rows rowCount: Int, random: inout SeededRandom) -> Table {
    var keys: [String?] = []
    var groups: [Int64] = []
    var groupValidity = Bitmap(count: rowCount, value: true)
    var values: [Int64] = []
    var valueValidity = Bitmap(count: rowCount, value: true)
    var doubles: [Double] = []
    var doubleValidity = Bitmap(count: rowCount, value: true)
    let labels = ["a", "b", "c", "d", "é"]
    for row in 0..<rowCount {
      keys.append(random.nextInt(below: 8) == 0 ? nil : labels[random.nextInt(below: labels.count)])
      groups.append(Int64(random.nextInt(below: 4)))
      if random.nextInt(below: 6) == 0 {
        groupValidity.clear(row)
        groups[row] = 0
      }
      values.append(Int64(random.nextInt(below: 21)) - 10)
      if random.nextInt(below: 5) == 0 {
        valueValidity.clear(row)
        values[row] = 0
      }
      doubles.append((random.nextDouble() * 4 - 2).rounded(toPlaces: 1))
      if random.nextInt(below: 5) == 0 {
        doubleValidity.clear(row)
        doubles[row] = 0
      }
    }
    return Table([
      ("id", Column(ints: (0..<rowCount).map { Int64($0) })),
      ("k", Column(strings: keys)),
      ("g", Column(ints: groups, validity: groupValidity)),
      ("v", Column(ints: values, validity: valueValidity)),
      ("d", Column(doubles: doubles, validity: doubleValidity)),
    ])
  }

  static func run(_ program: String, on table: Table) throws -> Table {
    try run(program, on: ["t": table])
  }

  /// Runs `let out = PROGRAM` in a session holding `tables`, and returns `out`.
  static func run(_ program: String, on tables: [String: Table]) throws -> Table {
    let session = Session()
    for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
      session.store(name, Dataset(name: name, table: table))
    }
    let run = session.run("let out = " + program)
    if let error = run.error {
      throw PropertyFailure(message: "\(program): \(error.code) \(error.message)")
    }
    return try #require(session.datasets["out"]?.table)
  }
}

struct PropertyFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (self * scale).rounded() / scale
  }
}
