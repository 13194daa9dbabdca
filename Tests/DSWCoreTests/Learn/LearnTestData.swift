import Foundation

@testable import DSWCore

/// Small synthetic tables for the learn tests, all seeded.
enum LearnTestData {
  /// `a`, `b` uniform in [-1, 1]; `label` is XOR of their signs, with `noise`
  /// a column that carries nothing.
  static func xor(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var a: [Double] = []
    var b: [Double] = []
    var noise: [Double] = []
    var label: [Bool] = []
    for _ in 0..<rows {
      let x = random.nextDouble() * 2 - 1
      let y = random.nextDouble() * 2 - 1
      a.append(x)
      b.append(y)
      noise.append(random.nextDouble())
      label.append((x > 0) != (y > 0))
    }
    return Table([
      ("a", Column(doubles: a)), ("b", Column(doubles: b)), ("noise", Column(doubles: noise)),
      ("label", Column(bools: label)),
    ])
  }

  /// `y = 3·sin(x) + z² + small noise`, with a string `group` that adds 2 for "hi".
  static func regression(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var x: [Double] = []
    var z: [Int64] = []
    var group: [String?] = []
    var y: [Double] = []
    for _ in 0..<rows {
      let xv = random.nextDouble() * 6 - 3
      let zv = Int64(random.nextInt(below: 7)) - 3
      let hi = random.nextDouble() < 0.5
      x.append(xv)
      z.append(zv)
      group.append(hi ? "hi" : "lo")
      y.append(3 * sin(xv) + Double(zv * zv) + (hi ? 2 : 0) + 0.1 * random.nextGaussian())
    }
    return Table([
      ("x", Column(doubles: x)), ("z", Column(ints: z)), ("group", Column(strings: group)),
      ("y", Column(doubles: y)),
    ])
  }

  /// Only whether `recency` is null tells the label: null means converted.
  static func missingSignal(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var recency: [Double] = []
    var validity: [Bool] = []
    var label: [Bool] = []
    for _ in 0..<rows {
      let missing = random.nextDouble() < 0.3
      recency.append(missing ? 0 : random.nextDouble() * 100)
      validity.append(!missing)
      label.append(missing ? random.nextDouble() < 0.9 : random.nextDouble() < 0.1)
    }
    return Table([
      ("recency", Column(doubles: recency, validity: Bitmap(validity))),
      ("label", Column(bools: label)),
    ])
  }

  /// Three well-separated blobs in two dimensions (sizes 60, 40, 20) plus an id.
  static func blobs(seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var x: [Double] = []
    var y: [Double] = []
    var id: [Int64] = []
    for (centre, size) in [((0.0, 0.0), 60), ((10.0, 10.0), 40), ((-10.0, 10.0), 20)] {
      for _ in 0..<size {
        x.append(centre.0 + random.nextGaussian())
        y.append(centre.1 + random.nextGaussian())
        id.append(Int64(id.count + 1))
      }
    }
    return Table([("id", Column(ints: id)), ("x", Column(doubles: x)), ("y", Column(doubles: y))])
  }

  static func argument(
    _ name: String, _ value: ModelArgumentValue, at offset: Int = 0
  ) -> ModelArgument {
    ModelArgument(
      name: name,
      nameSpan: SourceSpan(offset: offset, length: name.count, line: 1, column: offset + 1),
      value: value,
      valueSpan: SourceSpan(
        offset: offset + name.count + 2, length: 3, line: 1,
        column: offset + name.count + 3))
  }

  static func names(_ names: String...) -> ModelArgumentValue { .names(names) }

  static func number(_ value: Double) -> ModelArgumentValue { .value(.double(value)) }

  static func integer(_ value: Int64) -> ModelArgumentValue { .value(.int(value)) }

  static func train(
    _ algorithm: String, _ table: Table, _ arguments: [ModelArgument]
  ) throws -> TrainedModel {
    try ModelTrainer.train(algorithm: algorithm, table: table, arguments: arguments)
  }

  /// The doubles of a scored column.
  static func doubles(_ column: Column) -> [Double] {
    if case .double(let values) = column.storage { return values }
    if case .int(let values) = column.storage { return values.map(Double.init) }
    return []
  }

  /// The fixture CSV under Tests/DSWCoreTests/Fixtures/learn/.
  static func fixture(_ name: String) throws -> Table {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/learn/\(name)")
    return try BenchmarkCSV.load(url.path)
  }
}
