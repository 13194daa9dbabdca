import Testing

@testable import DSWCore

/// Every error of `cv:`, `tune`, `runs` and `compare`, as a user typing the
/// statement sees it: code, message, help and where it points.
@Suite struct TuningDiagnosticsTests {
  private func failure(_ source: String) -> Diagnostic? {
    let session = Session()
    session.store("t", Dataset(name: "t", table: LearnTestData.xor(rows: 200, seed: 2)))
    session.store(
      "r", Dataset(name: "r", table: LearnTestData.regression(rows: 100, seed: 2)))
    let run = session.run(source)
    return run.error
  }

  private func expectError(
    _ source: String, code: String, message: String, help: String? = nil, column: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let error = failure(source)
    #expect(error?.code == code, sourceLocation: sourceLocation)
    #expect(error?.message == message, sourceLocation: sourceLocation)
    if let help { #expect(error?.help == help, sourceLocation: sourceLocation) }
    if let column { #expect(error?.span?.column == column, sourceLocation: sourceLocation) }
  }

  @Test func tuneNeedsSearch() {
    expectError(
      "tune m = gbt(t, target: label)", code: "M071",
      message: "tune needs `search:`, the parameters to try",
      help: "write `search: {leaves: [15, 31], learning_rate: [0.05, 0.1]}`", column: 10)
    expectError(
      "tune m = gbt(t, target: label, search: [1, 2])", code: "M071",
      message: "`search:` takes a record of parameters and their values", column: 40)
  }

  @Test func unknownParameterSuggestsTheClosest() {
    expectError(
      "tune m = gbt(t, target: label, search: {leavez: [3, 7]})", code: "M072",
      message: "`leavez` is not a parameter of gbt that tune can search",
      help: "did you mean `leaves`?", column: 41)
    expectError(
      "tune m = logistic(t, target: label, search: {zzzzz: [1]})", code: "M072",
      message: "`zzzzz` is not a parameter of logistic that tune can search",
      help: "logistic can search: C")
  }

  @Test func emptyListAndNotAList() {
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: []})", code: "M073",
      message: "`leaves` has no values to try",
      help: "give a list such as `[15, 31]`, or a range `between(a, b)` with `trials:`",
      column: 49)
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: 15})", code: "M073",
      message: "`leaves` takes a list of values, `between(a, b)` or `log_between(a, b)`",
      help: "write `leaves: [15, 31]` or `leaves: between(15, 63)`")
  }

  @Test func badRanges() {
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: between(40, 4)}, trials: 3)",
      code: "M074", message: "`between(a, b)` needs a below b", column: 49)
    expectError(
      "tune m = gbt(t, target: label, search: {learning_rate: log_between(0, 0.3)}, trials: 3)",
      code: "M074",
      message: "`log_between(a, b)` needs a above 0: it draws evenly in the logarithm")
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: between(4)}, trials: 3)", code: "M074",
      message: "`between` takes two numbers: `between(low, high)`")
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: between(4, \"x\")}, trials: 3)",
      code: "M074", message: "the bounds of `between` must be numbers", column: 60)
  }

  @Test func valuesAreCheckedAsTheConstructorChecksThem() {
    expectError(
      "tune m = gbt(t, target: label, search: {learning_rate: [0.1, 2]})", code: "M003",
      message: "`learning_rate` must be a number above 0 and at most 1", column: 62)
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: between(1, 9)}, trials: 2)",
      code: "M003", message: "`leaves` must be a whole number from 2 to 65536")
  }

  @Test func rangesNeedTrialsAndGridsHaveALimit() {
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: between(4, 40)})", code: "M075",
      message: "the range of `leaves` needs `trials:`, the number of random draws",
      help: "add `trials: 20`, or list the values to try")
    let many = (2...41).map(String.init).joined(separator: ", ")
    expectError(
      "tune m = gbt(t, target: label, search: {min_data_in_leaf: [\(many)], bins: [\(many)]})",
      code: "M075", message: "the grid has 1,600 combinations; tune tries at most 1,000",
      help: "list fewer values, or sample the grid with `trials: N`")
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: [3]}, trials: 0)", code: "M003",
      message: "`trials` must be a whole number from 1 to 1000")
  }

  @Test func metrics() {
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: [3]}, metric: \"aucc\")", code: "M076",
      message: "unknown metric \"aucc\"", help: "did you mean `auc`?", column: 63)
    expectError(
      "tune m = gbt(t, target: label, search: {leaves: [3]}, metric: \"rmse\")", code: "M076",
      message: "the metric \"rmse\" does not apply to binary classification",
      help: "for binary classification, use \"auc\", \"log_loss\", \"accuracy\", \"precision\", "
        + "\"recall\", \"f1\"")
    expectError(
      "tune m = gbt(r, target: y, search: {leaves: [3]}, metric: \"auc\")", code: "M076",
      message: "the metric \"auc\" does not apply to regression",
      help: "for regression, use \"rmse\", \"mae\", \"r2\", \"mape\"")
  }

  @Test func searchedAndFixed() {
    expectError(
      "tune m = gbt(t, target: label, leaves: 7, search: {leaves: [3, 15]})", code: "M077",
      message: "`leaves` is both searched and fixed", column: 52)
  }

  @Test func tuneOnlyOptionsAndClustering() {
    expectError(
      "train m = gbt(t, target: label, search: {leaves: [3]})", code: "M078",
      message: "`search:` belongs to `tune`, which searches parameters",
      help: "write `tune NAME = gbt(DATASET, target: COLUMN, search: {…})`", column: 33)
    expectError(
      "tune m = kmeans(t, k: 2, search: {iterations: [5]})", code: "M078",
      message: "tune searches supervised models (gbt, logistic, linear), not kmeans")
  }

  @Test func compareNamesKnownModels() {
    expectError(
      "compare nope@1 nope@2", code: "M040", message: "unknown model `nope`")
  }
}
