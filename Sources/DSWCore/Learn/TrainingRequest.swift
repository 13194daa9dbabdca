/// The arguments of a model constructor, checked and typed.
///
/// Recognized names: `target`, `features`, `exclude`, `split`, `seed`,
/// `positive` and each algorithm's own parameters (see `parameterNames`).
struct TrainingRequest: Sendable {
  /// How rows are split between training and holdout.
  enum Split: Sendable, Hashable {
    /// This fraction of each class trains (seeded, stratified).
    case fraction(Double)
    /// A bool column: true rows train, false rows are held out.
    case column(String, SourceSpan)
  }

  struct NamedList: Sendable {
    var names: [String]
    var span: SourceSpan
  }

  var algorithm: ModelAlgorithm
  var target: (name: String, span: SourceSpan)?
  var features: NamedList?
  var exclude: NamedList?
  var split: Split = .fraction(0.8)
  /// Whether `split:` was written (with `cv:`, it keeps a holdout too).
  var splitGiven = false
  /// `cv: k`: k-fold cross-validation before the final fit.
  var crossValidationFolds: Int?
  var seed: UInt64 = 42
  var positive: (value: Value, span: SourceSpan)?
  var boosting = BoostingParameters()
  /// Logistic regression's C: the inverse of the L2 penalty's strength.
  var inverseStrength = 1.0
  var alpha = 1.0
  var clusterCount: Int?
  var maxIterations = 300

  static let commonNames = ["target", "features", "exclude", "split", "cv", "seed", "positive"]

  static func parameterNames(_ algorithm: ModelAlgorithm) -> [String] {
    switch algorithm {
    case .gbt:
      [
        "trees", "leaves", "depth", "learning_rate", "min_child_weight", "min_data_in_leaf",
        "l2", "bins", "early_stopping",
      ]
    case .logistic: ["C"]
    case .linear: ["alpha"]
    case .kmeans: ["k", "iterations"]
    case .bgnbd, .gammaGamma: LifetimeTraining.roles(algorithm) ?? []
    }
  }

  init(algorithm: ModelAlgorithm, arguments: [ModelArgument]) throws(Diagnostic) {
    self.algorithm = algorithm
    let valid = Self.commonNames + Self.parameterNames(algorithm)
    var seen = Set<String>()
    var leavesGiven = false
    for argument in arguments {
      // `c` is accepted for scikit-learn's `C`.
      let name = algorithm == .logistic && argument.name == "c" ? "C" : argument.name
      guard valid.contains(name) else {
        throw LearnDiagnostics.unknownArgument(
          argument.name, algorithm: algorithm, valid: valid, at: argument.nameSpan)
      }
      guard seen.insert(name).inserted else {
        throw LearnDiagnostics.duplicateArgument(argument.name, at: argument.nameSpan)
      }
      let reader = ArgumentReader(argument: argument, name: name)
      switch name {
      case "target":
        if algorithm == .kmeans {
          throw LearnDiagnostics.notTaken(
            "target", reason: "clustering is unsupervised", at: argument.nameSpan)
        }
        target = (try reader.singleName(), argument.valueSpan)
      case "features": features = NamedList(names: try reader.names(), span: argument.valueSpan)
      case "exclude": exclude = NamedList(names: try reader.names(), span: argument.valueSpan)
      case "split":
        if algorithm == .kmeans {
          throw LearnDiagnostics.notTaken(
            "split", reason: "it clusters every row", at: argument.nameSpan)
        }
        splitGiven = true
        if case .names = argument.value {
          split = .column(try reader.singleName(), argument.valueSpan)
        } else {
          split = .fraction(
            try reader.number(
              above: 0, below: 1, "a fraction between 0 and 1 (exclusive), such as 0.8"))
        }
      case "cv":
        if algorithm == .kmeans {
          throw LearnDiagnostics.notTaken(
            "cv", reason: "clustering has no target to validate", at: argument.nameSpan)
        }
        crossValidationFolds = try reader.integer(
          in: 2...50, "a whole number of folds from 2 to 50")
      case "seed": seed = UInt64(try reader.integer(in: 0...Int.max, "a whole number, 0 or more"))
      case "positive":
        if algorithm == .kmeans {
          throw LearnDiagnostics.notTaken(
            "positive", reason: "clustering has no classes", at: argument.nameSpan)
        }
        positive = (try reader.scalar(), argument.valueSpan)
      case "trees":
        boosting.trees = try reader.integer(in: 1...100_000, "a whole number from 1 to 100000")
      case "leaves":
        leavesGiven = true
        boosting.maxLeaves = try reader.integer(in: 2...65_536, "a whole number from 2 to 65536")
      case "depth":
        boosting.maxDepth = try reader.integer(in: 1...32, "a whole number from 1 to 32")
      case "learning_rate":
        boosting.learningRate = try reader.number(
          above: 0, atMost: 1, "a number above 0 and at most 1")
      case "min_child_weight":
        boosting.minChildWeight = try reader.number(atLeast: 0, "a number, 0 or more")
      case "min_data_in_leaf":
        boosting.minDataInLeaf = try reader.integer(in: 1...Int.max, "a whole number, 1 or more")
      case "l2": boosting.l2 = try reader.number(atLeast: 0, "a number, 0 or more")
      case "bins": boosting.bins = try reader.integer(in: 2...255, "a whole number from 2 to 255")
      case "early_stopping":
        boosting.earlyStopping = try reader.integer(in: 1...100_000, "a whole number, 1 or more")
      case "C": inverseStrength = try reader.number(above: 0, "a number above 0")
      case "alpha": alpha = try reader.number(atLeast: 0, "a number, 0 or more")
      case "k": clusterCount = try reader.integer(in: 1...1000, "a whole number from 1 to 1000")
      case "iterations":
        maxIterations = try reader.integer(in: 1...100_000, "a whole number, 1 or more")
      default: break
      }
    }
    // `depth:` alone asks for depth-limited trees: let them fill out.
    if boosting.maxDepth > 0 && !leavesGiven {
      boosting.maxLeaves = 1 << min(boosting.maxDepth, 16)
    }
  }

  /// The effective parameters, for the registry, `evaluate` and the model file.
  var effectiveParameters: [ModelParameter] {
    var parameters: [ModelParameter] = []
    func add(_ name: String, _ value: Value) {
      parameters.append(ModelParameter(name: name, value: value))
    }
    switch algorithm {
    case .gbt:
      add("trees", .int(Int64(boosting.trees)))
      add("leaves", .int(Int64(boosting.maxLeaves)))
      if boosting.maxDepth > 0 { add("depth", .int(Int64(boosting.maxDepth))) }
      add("learning_rate", .double(boosting.learningRate))
      add("min_child_weight", .double(boosting.minChildWeight))
      add("min_data_in_leaf", .int(Int64(boosting.minDataInLeaf)))
      add("l2", .double(boosting.l2))
      add("bins", .int(Int64(boosting.bins)))
      if let rounds = boosting.earlyStopping { add("early_stopping", .int(Int64(rounds))) }
    case .logistic: add("C", .double(inverseStrength))
    case .linear: add("alpha", .double(alpha))
    case .kmeans:
      add("k", .int(Int64(clusterCount ?? 0)))
      add("iterations", .int(Int64(maxIterations)))
    case .bgnbd, .gammaGamma: break
    }
    switch split {
    case .fraction(let fraction):
      // With `cv:` alone every row trains: there is no split to report.
      if algorithm != .kmeans && (crossValidationFolds == nil || splitGiven) {
        add("split", .double(fraction))
      }
    case .column(let name, _): add("split", .string(name))
    }
    if let folds = crossValidationFolds { add("cv", .int(Int64(folds))) }
    add("seed", .int(Int64(bitPattern: seed)))
    return parameters
  }
}

/// One named, effective hyperparameter of a trained model.
public struct ModelParameter: Sendable, Hashable {
  public var name: String
  public var value: Value
  public init(name: String, value: Value) {
    self.name = name
    self.value = value
  }
}

/// Reads one argument's value as the type a parameter needs.
private struct ArgumentReader {
  var argument: ModelArgument
  var name: String

  private func fail(_ expectation: String) -> Diagnostic {
    LearnDiagnostics.badValue(name, expectation, at: argument.valueSpan)
  }

  func names() throws(Diagnostic) -> [String] {
    switch argument.value {
    case .names(let names): return names
    case .value(.string(let name)): return [name]
    case .value: throw fail("a column name or a list of column names, such as [userId, email]")
    }
  }

  func singleName() throws(Diagnostic) -> String {
    switch argument.value {
    case .names(let names) where names.count == 1: return names[0]
    case .value(.string(let name)): return name
    default: throw fail("one column name")
    }
  }

  func scalar() throws(Diagnostic) -> Value {
    switch argument.value {
    case .names(let names) where names.count == 1: return .string(names[0])
    case .value(let value) where !value.isNull: return value
    default: throw fail("one value of the target, such as \"yes\" or 1")
    }
  }

  func integer(in range: ClosedRange<Int>, _ expectation: String) throws(Diagnostic) -> Int {
    let number: Int?
    switch argument.value {
    case .value(.int(let value)): number = Int(exactly: value)
    case .value(.double(let value)) where value.rounded() == value && abs(value) < 1e15:
      number = Int(value)
    default: number = nil
    }
    guard let number, range.contains(number) else { throw fail(expectation) }
    return number
  }

  func number(
    above lower: Double? = nil, atLeast floor: Double? = nil, below upper: Double? = nil,
    atMost ceiling: Double? = nil, _ expectation: String
  ) throws(Diagnostic) -> Double {
    guard case .value(let value) = argument.value, let number = value.doubleValue,
      number.isFinite
    else { throw fail(expectation) }
    if let lower, !(number > lower) { throw fail(expectation) }
    if let floor, !(number >= floor) { throw fail(expectation) }
    if let upper, !(number < upper) { throw fail(expectation) }
    if let ceiling, !(number <= ceiling) { throw fail(expectation) }
    return number
  }
}
