import Testing

@testable import DSWCore

/// Every error the learn layer reports, with its exact text.
@Suite struct TrainingDiagnosticsTests {
  typealias Data = LearnTestData

  private static let table: Table = {
    var table = Data.xor(rows: 200, seed: 41)
    let rows = table.rowCount
    table.set("plan", Column(strings: (0..<rows).map { ["basic", "gold", "pro"][$0 % 3] }))
    table.set("outcome", Column(strings: (0..<rows).map { $0 % 2 == 0 ? "won" : "lost" }))
    table.set("email", Column(strings: (0..<rows).map { "user\($0)@example.com" }))
    table.set("signup", Column(dates: (0..<rows).map { Int64($0) }))
    table.set("spend", Column(doubles: (0..<rows).map { Double($0) * 1.5 }))
    table.set("flat", Column(ints: [Int64](repeating: 7, count: rows)))
    var validity = Bitmap(count: rows, value: true)
    validity.clear(3)
    table.set("gappy", Column(ints: (0..<rows).map { Int64($0 % 2) }, validity: validity))
    return table
  }()

  private func failure(
    _ algorithm: String, _ arguments: [ModelArgument], table: Table = Self.table
  ) -> Diagnostic? {
    #expect(throws: Diagnostic.self) {
      try ModelTrainer.train(
        algorithm: algorithm, table: table, arguments: arguments,
        span: SourceSpan(offset: 10, length: 3, line: 1, column: 11))
    }
  }

  private func failure(_ arguments: [ModelArgument]) -> Diagnostic? {
    failure("gbt", arguments)
  }

  private let labelTarget = Data.argument("target", Data.names("label"))

  @Test func unknownArgumentSuggestsTheClosestName() {
    let error = failure([labelTarget, Data.argument("treez", Data.integer(5), at: 30)])
    #expect(error?.code == "M001")
    #expect(error?.message == "unknown argument `treez` for gbt")
    #expect(error?.help == "did you mean `trees`?")
    #expect(error?.span == SourceSpan(offset: 30, length: 5, line: 1, column: 31))
  }

  @Test func unknownArgumentWithoutACloseNameListsTheValidOnes() {
    let error = failure("linear", [Data.argument("zzzzzz", Data.integer(5))])
    #expect(
      error?.help
        == "linear takes: target, features, exclude, split, cv, seed, positive, alpha")
  }

  @Test func duplicateArgument() {
    let error = failure([labelTarget, labelTarget])
    #expect(error?.code == "M002")
    #expect(error?.message == "argument `target` is given more than once")
  }

  @Test(arguments: [
    (
      "trees", ModelArgumentValue.value(.double(2.5)),
      "`trees` must be a whole number from 1 to 100000"
    ),
    ("trees", .value(.int(0)), "`trees` must be a whole number from 1 to 100000"),
    (
      "learning_rate", .value(.string("fast")),
      "`learning_rate` must be a number above 0 and at most 1"
    ),
    (
      "split", .value(.double(1)),
      "`split` must be a fraction between 0 and 1 (exclusive), such as 0.8"
    ),
    ("bins", .value(.int(256)), "`bins` must be a whole number from 2 to 255"),
    (
      "exclude", .value(.int(3)),
      "`exclude` must be a column name or a list of column names, such as [userId, email]"
    ),
    ("seed", .value(.int(-1)), "`seed` must be a whole number, 0 or more"),
    ("l2", .value(.double(-1)), "`l2` must be a number, 0 or more"),
  ])
  func wrongValues(name: String, value: ModelArgumentValue, message: String) {
    let error = failure([labelTarget, Data.argument(name, value)])
    #expect(error?.code == "M003")
    #expect(error?.message == message)
  }

  @Test func missingTargetAndK() {
    let target = failure([])
    #expect(target?.code == "M004")
    #expect(target?.message == "gbt needs `target:`")
    #expect(target?.help == "for example: gbt(training, target: converted)")
    let k = failure("kmeans", [])
    #expect(k?.message == "kmeans needs `k:`")
    #expect(k?.help == "for example: kmeans(features, k: 5, exclude: [userId])")
  }

  @Test func unknownColumns() {
    let target = failure([Data.argument("target", Data.names("lable"))])
    #expect(target?.code == "M005")
    #expect(target?.message == "unknown column `lable` in `target:`")
    #expect(target?.help == "did you mean `label`?")
    let exclude = failure([labelTarget, Data.argument("exclude", Data.names("a", "userid"))])
    #expect(exclude?.message == "unknown column `userid` in `exclude:`")
    #expect(exclude?.help == nil)
    let features = failure([labelTarget, Data.argument("features", Data.names("noize"))])
    #expect(features?.message == "unknown column `noize` in `features:`")
    #expect(features?.help == "did you mean `noise`?")
  }

  @Test func unknownAlgorithm() {
    let error = failure("gbm", [labelTarget])
    #expect(error?.code == "M006")
    #expect(error?.message == "unknown model `gbm`")
    #expect(error?.help == "did you mean `gbt`?")
    #expect(error?.span == SourceSpan(offset: 10, length: 3, line: 1, column: 11))
  }

  @Test func kmeansTakesNoTarget() {
    let error = failure("kmeans", [Data.argument("k", Data.integer(2)), labelTarget])
    #expect(error?.code == "M007")
    #expect(error?.message == "kmeans takes no `target:`: clustering is unsupervised")
  }

  @Test func targetProblems() {
    let nulls = failure([Data.argument("target", Data.names("gappy"))])
    #expect(nulls?.code == "M010")
    #expect(nulls?.message == "target `gappy` has 1 null")
    #expect(nulls?.help == "filter them out first: `filter gappy is not null`")
    let constant = failure([Data.argument("target", Data.names("flat"))])
    #expect(constant?.code == "M011")
    #expect(constant?.message == "target `flat` has a single value (7): there is nothing to learn")
    let multiclass = failure([Data.argument("target", Data.names("plan"))])
    #expect(multiclass?.code == "M012")
    #expect(
      multiclass?.message
        == "target `plan` has 3 distinct values: multiclass classification is out of scope")
    let positive = failure([Data.argument("target", Data.names("outcome"))])
    #expect(positive?.code == "M013")
    #expect(
      positive?.message
        == "target `outcome` has the values \"lost\" and \"won\": name the positive class with `positive:`"
    )
    #expect(positive?.help == "for example: positive: \"won\"")
    let notAValue = failure([
      Data.argument("target", Data.names("outcome")),
      Data.argument("positive", .value(.string("yes"))),
    ])
    #expect(notAValue?.code == "M014")
    #expect(
      notAValue?.message == "positive class \"yes\" is not a value of `outcome` (\"lost\", \"won\")"
    )
    let date = failure([Data.argument("target", Data.names("signup"))])
    #expect(date?.code == "M015")
    #expect(
      date?.message
        == "target `signup` is a date column: a target must be bool, int, double or a two-valued string"
    )
  }

  @Test func algorithmMustFitTheTask() {
    let linear = failure("linear", [labelTarget])
    #expect(linear?.code == "M016")
    #expect(
      linear?.message
        == "linear is ridge regression, but `label` has two values (a binary target); use logistic or gbt"
    )
    let logistic = failure("logistic", [Data.argument("target", Data.names("spend"))])
    #expect(
      logistic?.message
        == "logistic is for a two-valued target, but `spend` is numeric with more values; use linear or gbt"
    )
  }

  @Test func featureProblems() {
    let none = failure([labelTarget, Data.argument("features", .names([]))])
    #expect(none?.code == "M021")
    #expect(none?.message == "no features are left to train on")
    let target = failure([labelTarget, Data.argument("features", Data.names("a", "label"))])
    #expect(target?.code == "M022")
    #expect(target?.message == "`label` is the target and cannot also be a feature")
  }

  @Test func tooFewRows() {
    let tiny = Table([
      ("x", Column(doubles: [1, 2, 3])), ("y", Column(doubles: [1, 2, 4])),
      ("all", Column(bools: [true, true, true])),
    ])
    let error = failure(
      "linear",
      [Data.argument("target", Data.names("y")), Data.argument("split", Data.names("all"))],
      table: tiny)
    #expect(error?.code == "M023")
    #expect(error?.message == "too few rows to train and hold out: 3 training and 0 holdout rows")
    let kmeans = failure("kmeans", [Data.argument("k", Data.integer(5))], table: tiny)
    #expect(kmeans?.message == "kmeans needs at least k = 5 rows; the table has 3")
  }

  @Test func scoringChecksTheInput() throws {
    let model = try Data.train(
      "gbt", Self.table,
      [labelTarget, Data.argument("features", Data.names("a", "b", "plan"))])
    let missing = #expect(throws: Diagnostic.self) {
      try model.score(Table([("a", Column(doubles: [1]))]))
    }
    #expect(missing?.code == "M030")
    #expect(missing?.message == "the input has no column `b`, which the model uses as a feature")
    let wrongType = #expect(throws: Diagnostic.self) {
      try model.score(
        Table([
          ("a", Column(doubles: [1])), ("b", Column(doubles: [1])), ("plan", Column(ints: [1])),
        ]))
    }
    #expect(wrongType?.code == "M031")
    #expect(wrongType?.message == "feature `plan` is a string in the model but an int in the input")
    // An int column stands in for a double feature.
    let compatible = try model.score(
      Table([
        ("a", Column(ints: [1])), ("b", Column(doubles: [1])),
        ("plan", Column(strings: ["gold"])),
      ]))
    #expect(compatible[0].1.count == 1)
  }

  @Test func positiveClassInference() throws {
    func positive(_ column: Column, given: Value? = nil) throws -> Value? {
      try TargetAnalysis.analyze(
        column, name: "t", positive: given, positiveSpan: given == nil ? nil : .unknown,
        span: .unknown
      ).positive
    }
    #expect(try positive(Column(bools: [false, true, true])) == .bool(true))
    #expect(try positive(Column(ints: [3, 1, 3])) == .int(3))
    #expect(try positive(Column(strings: ["no", "Yes", "no"])) == .string("Yes"))
    #expect(try positive(Column(strings: ["a", "b"]), given: .string("a")) == .string("a"))
    #expect(try positive(Column(ints: [0, 1]), given: .double(0)) == .int(0))
    let regression = try TargetAnalysis.analyze(
      Column(ints: [1, 2, 3]), name: "t", positive: nil, positiveSpan: nil, span: .unknown)
    #expect(regression.task == .regression)
  }

  @Test func stratifiedSplitKeepsTheBaseRate() {
    let labels = (0..<1000).map { Double($0 % 10 == 0 ? 1 : 0) }
    let split = HoldoutSplit.stratified(rowCount: 1000, strata: labels, fraction: 0.8, seed: 7)
    #expect(split.training.count == 800)
    #expect(split.training.filter { labels[$0] == 1 }.count == 80)
    #expect(split.holdout.filter { labels[$0] == 1 }.count == 20)
    #expect(Set(split.training).isDisjoint(with: split.holdout))
    #expect(
      split == HoldoutSplit.stratified(rowCount: 1000, strata: labels, fraction: 0.8, seed: 7))
  }
}
