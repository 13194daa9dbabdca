/// One `train` or `tune`, as the run history keeps it: which model version
/// it made, how, on what data, how well it did, and how long it took.
public struct RunRecord: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case train, tune
  }

  /// A metric with its spread over folds (nil for a holdout metric).
  public struct Metric: Sendable, Hashable {
    public var name: String
    public var value: Double
    public var sd: Double?
    public init(name: String, value: Double, sd: Double? = nil) {
      self.name = name
      self.value = value
      self.sd = sd
    }
  }

  public var model: String
  public var version: Int
  public var kind: Kind
  public var algorithm: String
  public var dataset: String
  /// The training table's fingerprint (`TableFingerprint`).
  public var data: String
  public var rows: Int
  /// How the metrics were measured: "holdout", "5-fold cv", "3-fold cv, 8 trials".
  public var validation: String
  /// The effective parameters of the model the run made.
  public var parameters: [ModelParameter]
  /// Headline first.
  public var metrics: [Metric]
  public var durationMs: Int

  public init(
    model: String, version: Int, kind: Kind, algorithm: String, dataset: String, data: String,
    rows: Int, validation: String, parameters: [ModelParameter], metrics: [Metric],
    durationMs: Int
  ) {
    self.model = model
    self.version = version
    self.kind = kind
    self.algorithm = algorithm
    self.dataset = dataset
    self.data = data
    self.rows = rows
    self.validation = validation
    self.parameters = parameters
    self.metrics = metrics
    self.durationMs = durationMs
  }

  /// `conv@2`.
  public var reference: String { "\(model)@\(version)" }

  /// The record of a run that made `model`, version `version`.
  static func of(
    _ model: TrainedModel, name: String, version: Int, kind: Kind, dataset: String,
    table: Table, validation: String, durationMs: Int
  ) -> RunRecord {
    var metrics: [Metric]
    if let cv = model.crossValidation, model.holdoutRowCount == 0 {
      let sds = cv.standardDeviations
      metrics = cv.meanMetrics.enumerated().map {
        Metric(name: $1.name, value: $1.value, sd: sds[$0])
      }
    } else {
      metrics = model.metrics.map { Metric(name: $0.name, value: $0.value) }
    }
    return RunRecord(
      model: name, version: version, kind: kind, algorithm: model.algorithm.rawValue,
      dataset: dataset, data: TableFingerprint.of(table), rows: model.trainingRowCount,
      validation: validation, parameters: model.parameters, metrics: metrics,
      durationMs: durationMs)
  }

  /// "holdout", "5-fold cv" or "5-fold cv + holdout".
  static func validation(of model: TrainedModel) -> String {
    guard let cv = model.crossValidation else {
      return model.holdoutRowCount > 0 ? "holdout" : "training rows"
    }
    return "\(cv.foldCount)-fold cv" + (model.holdoutRowCount > 0 ? " + holdout" : "")
  }
}

/// The fingerprint of a table's contents: `sha256:` and the first 16 hex
/// digits of the digest of its names, types and values, row by row.
public enum TableFingerprint {
  public static func of(_ table: Table) -> String {
    var hash = SHA256()
    for (name, column) in zip(table.names, table.columns) {
      hash.update(Array(name.utf8) + [0])
      hash.update(Array(column.type.rawValue.utf8) + [0])
      for row in 0..<table.rowCount {
        hash.update(bytes(column.value(at: row)))
      }
    }
    let digest = hash.finalize()
    let hex = digest.prefix(8).map { byte in
      let text = String(byte, radix: 16)
      return text.count == 1 ? "0" + text : text
    }
    return "sha256:" + hex.joined()
  }

  private static func bytes(_ value: Value) -> [UInt8] {
    func word(_ tag: UInt8, _ bits: UInt64) -> [UInt8] {
      [tag] + (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
    }
    switch value {
    case .null: return [0]
    case .int(let number): return word(1, UInt64(bitPattern: number))
    case .double(let number): return word(2, number.bitPattern)
    case .bool(let flag): return [3, flag ? 1 : 0]
    case .timestamp(let number): return word(4, UInt64(bitPattern: number))
    case .date(let number): return word(5, UInt64(bitPattern: number))
    case .string(let text): return [6] + Array(text.utf8) + [0]
    }
  }
}
