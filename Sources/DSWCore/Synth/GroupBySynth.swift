/// The db-benchmark groupby table, generated like its `groupby-datagen.R`.
///
/// Columns: `id1`, `id2` (K distinct strings `id001`...), `id3` (N/K distinct
/// strings `id0000000001`...), `id4`, `id5` (ints 1...K), `id6` (ints
/// 1...N/K), `v1` (int 1...5), `v2` (int 1...15) and `v3` (uniform 0...100,
/// rounded to 6 decimals). With `nas` (a percentage, 0...100), that share of
/// each id column's distinct values becomes null on every row holding it, and
/// that share of the rows of each value column is null, as in the original.
/// String columns are generated as dictionary codes directly.
public enum GroupBySynth {
  public static func generate(rows: Int, k: Int, nas: Int = 0, seed: UInt64) -> Table {
    func never() throws(Never) {}
    func ignore(_: Double) throws(Never) {}
    return build(rows: rows, k: k, nas: nas, seed: seed, poll: never, checkpoint: ignore)
  }

  /// The same table, reporting progress and stopping when `isCancelled`
  /// turns true (checked after each column, and between blocks of rows as
  /// values are drawn).
  public static func generate(
    rows: Int, k: Int, nas: Int = 0, seed: UInt64, isCancelled: @Sendable () -> Bool,
    progress: (Double) -> Void
  ) throws(Diagnostic) -> Table {
    func poll() throws(Diagnostic) {
      if isCancelled() { throw Diagnostic.interrupted }
    }
    func checkpoint(_ fraction: Double) throws(Diagnostic) {
      try poll()
      progress(fraction)
    }
    return try build(rows: rows, k: k, nas: nas, seed: seed, poll: poll, checkpoint: checkpoint)
  }

  private static func build<Failure: Error>(
    rows: Int, k: Int, nas: Int, seed: UInt64, poll: () throws(Failure) -> Void,
    checkpoint: (Double) throws(Failure) -> Void
  ) throws(Failure) -> Table {
    let rowCount = max(0, rows)
    let groups = max(1, k)
    let smallGroups = max(1, rowCount / groups)
    let nullShare = min(100, max(0, nas))
    let random = SeededRandom(seed: seed)
    var columns: [(String, Column)] = []

    // Each column draws from its own stream, so columns do not depend on
    // the order they are generated in.
    for (stream, name, width, distinct) in [
      (1, "id1", 3, groups), (2, "id2", 3, groups), (3, "id3", 10, smallGroups),
    ] {
      var generator = random.split(UInt64(stream))
      var codes = try sampleCodes(rowCount, distinct: distinct, &generator, poll: poll)
      if nullShare > 0 {
        nullDistinctValues(&codes, distinct: distinct, share: nullShare, &generator)
      }
      columns.append(
        (name, try stringColumn(codes, distinct: distinct, width: width, poll: poll)))
      try checkpoint(Double(columns.count) / 9)
    }
    for (stream, name, distinct) in [
      (4, "id4", groups), (5, "id5", groups), (6, "id6", smallGroups),
    ] {
      var generator = random.split(UInt64(stream))
      var codes = try sampleCodes(rowCount, distinct: distinct, &generator, poll: poll)
      if nullShare > 0 {
        nullDistinctValues(&codes, distinct: distinct, share: nullShare, &generator)
      }
      columns.append((name, try intColumn(codes, poll: poll)))
      try checkpoint(Double(columns.count) / 9)
    }
    for (stream, name, upper) in [(7, "v1", 5), (8, "v2", 15)] {
      var generator = random.split(UInt64(stream))
      let codes = try sampleCodes(rowCount, distinct: upper, &generator, poll: poll)
      var column = try intColumn(codes, poll: poll)
      if nullShare > 0 {
        // The column's initializer zeroes the payload under the new nulls.
        let validity = nullRows(rowCount, share: nullShare, &generator)
        column = Column(storage: column.storage, validity: validity)
      }
      columns.append((name, column))
      try checkpoint(Double(columns.count) / 9)
    }
    var generator = random.split(9)
    var measures = [Double](repeating: 0, count: rowCount)
    try blocks(rowCount, poll: poll) { block in
      for row in block { measures[row] = (generator.nextDouble() * 100 * 1e6).rounded() / 1e6 }
    }
    var validity: Bitmap?
    if nullShare > 0 {
      validity = nullRows(rowCount, share: nullShare, &generator)
      if let validity { for row in 0..<rowCount where !validity[row] { measures[row] = 0 } }
    }
    columns.append(("v3", Column(doubles: measures, validity: validity)))
    try checkpoint(1)
    return Table(columns)
  }

  /// `rows` values drawn uniformly from `0..<distinct`, calling `poll`
  /// between blocks of rows.
  private static func sampleCodes<Failure: Error>(
    _ rows: Int, distinct: Int, _ generator: inout SeededRandom,
    poll: () throws(Failure) -> Void
  ) throws(Failure) -> [Int32] {
    var codes = [Int32](repeating: 0, count: rows)
    try codes.withUnsafeMutableBufferPointer { (buffer) throws(Failure) in
      try blocks(rows, poll: poll) { block in
        for row in block { buffer[row] = Int32(generator.nextInt(below: distinct)) }
      }
    }
    return codes
  }

  /// Sets to -1 every row holding one of `share`% of the distinct values.
  private static func nullDistinctValues(
    _ codes: inout [Int32], distinct: Int, share: Int, _ generator: inout SeededRandom
  ) {
    let nullCount = distinct * share / 100
    guard nullCount > 0 else { return }
    var isNull = [Bool](repeating: false, count: distinct)
    for value in sampleWithoutReplacement(distinct, count: nullCount, &generator) {
      isNull[value] = true
    }
    for row in codes.indices where isNull[Int(codes[row])] { codes[row] = -1 }
  }

  /// A validity mask with `share`% of the rows null.
  private static func nullRows(
    _ rows: Int, share: Int, _ generator: inout SeededRandom
  ) -> Bitmap? {
    let nullCount = rows * share / 100
    guard nullCount > 0 else { return nil }
    var bitmap = Bitmap(count: rows, value: true)
    for row in sampleWithoutReplacement(rows, count: nullCount, &generator) { bitmap.clear(row) }
    return bitmap
  }

  /// `count` distinct values from `0..<population` (partial Fisher-Yates).
  private static func sampleWithoutReplacement(
    _ population: Int, count: Int, _ generator: inout SeededRandom
  ) -> [Int] {
    var pool = Array(0..<population)
    for index in 0..<count {
      let pick = index + generator.nextInt(below: population - index)
      pool.swapAt(index, pick)
    }
    return Array(pool[0..<count])
  }

  /// Codes `0..<distinct` as ints `1...distinct`, with -1 as null.
  private static func intColumn<Failure: Error>(
    _ codes: [Int32], poll: () throws(Failure) -> Void
  ) throws(Failure) -> Column {
    var validity: Bitmap?
    var values = [Int64](repeating: 0, count: codes.count)
    try blocks(codes.count, poll: poll) { block in
      for row in block {
        let code = codes[row]
        if code < 0 {
          if validity == nil { validity = Bitmap(count: codes.count, value: true) }
          validity?.clear(row)
        } else {
          values[row] = Int64(code) + 1
        }
      }
    }
    return Column(ints: values, validity: validity)
  }

  /// A string column `idNNN` from codes, keeping only the values that occur
  /// (so the dictionary never lists a value no row holds).
  private static func stringColumn<Failure: Error>(
    _ codes: [Int32], distinct: Int, width: Int, poll: () throws(Failure) -> Void
  ) throws(Failure) -> Column {
    var used = [Bool](repeating: false, count: distinct)
    try blocks(codes.count, poll: poll) { block in
      for code in codes[block] where code >= 0 { used[Int(code)] = true }
    }
    var remap = [Int32](repeating: -1, count: distinct)
    var strings: [String] = []
    try blocks(distinct, poll: poll) { block in
      for value in block where used[value] {
        remap[value] = Int32(strings.count)
        let digits = String(value + 1)
        strings.append("id" + String(repeating: "0", count: max(0, width - digits.count)) + digits)
      }
    }
    var compact = codes
    try blocks(compact.count, poll: poll) { block in
      for row in block where compact[row] >= 0 { compact[row] = remap[Int(compact[row])] }
    }
    return Column(codes: compact, dictionary: StringDictionary(uniqueStrings: strings))
  }

  /// Calls `body` on consecutive blocks of `0..<count`, calling `poll` before
  /// each (`ExecutionLimits.blocks`, for this generator's own kind of poll).
  private static func blocks<Failure: Error>(
    _ count: Int, poll: () throws(Failure) -> Void, _ body: (Range<Int>) -> Void
  ) throws(Failure) {
    for start in stride(from: 0, to: count, by: ExecutionLimits.blockRows) {
      try poll()
      body(start..<min(start + ExecutionLimits.blockRows, count))
    }
  }
}
