import Testing

@testable import DSWCore

/// One golden tree per statement and pipeline-step form, each under
/// `Snapshots/Language/Forms/`, with its source at the top.
@Suite struct ParserFormTests {
  static let forms: [(String, String)] = [
    ("filter", "from t | filter a > 1"),
    ("select", "from t | select a, b, c = a + b"),
    ("drop-step", "from t | drop a, b"),
    ("rename", "from t | rename new = old, other = `old name`"),
    ("derive", "from t | derive x = 1, y = a * 2"),
    ("aggregate-named", "from t | aggregate orders = count(), revenue = sum(revenue) by week"),
    ("aggregate-unnamed", "from x | aggregate sum(v1) by id1"),
    ("aggregate-no-keys", "from x | aggregate spread = max(v1) - min(v2)"),
    ("aggregate-named-key", "from x | aggregate n = count() by w = date_trunc(\"week\", ts), k"),
    ("sort", "from t | sort -revenue, week"),
    ("take-parameter", "from t | take n"),
    ("distinct-rows", "from t | distinct"),
    ("distinct-keys", "from t | distinct userId, day | take 1"),
    ("join-left-equality", "from t | join left other on a == b"),
    ("join-using", "from t | join other on k1, k2"),
    ("join-semi", "from t | join semi other on k"),
    ("join-anti-and", "from t | join anti other on a == b and c == d"),
    ("join-dataset-named-left", "from t | join left on k"),
    ("append", "from t | append other"),
    ("pivot", "from events | pivot eventType (n = count()) by userId"),
    ("window", "from t | window by a order -b derive r = rank()"),
    ("window-order-only", "from t | window order ts derive n = row_number(), p = lag(x, 2)"),
    ("window-by-only", "from t | window by a, b derive total = sum(x)"),
    ("sample-rows", "from t | sample 100 (seed: 7)"),
    ("sample-percent", "from t | sample 10% (seed: 7)"),
    ("sample-parameter", "from t | sample rows"),
    ("expect-step", "from t | expect price >= 0, quantity is not null"),
    ("score", "from t | score conv"),
    ("score-version", "from t | score conv@1"),
    ("chart-bar", "from t | chart bar eventType n"),
    ("chart-hist", "from t | chart hist v3 (bins: 20)"),
    ("describe-step", "from t | filter x | describe"),
    ("load-options", "load \"data/x.txt\" as x (format: \"csv\", delimiter: \" \", header: false)"),
    ("load-model", "load model \"models/conv.json\" as conv"),
    ("save-model-version", "save model conv@1 to \"m.json\""),
    ("evaluate-version", "evaluate conv@2"),
    ("train-cv", "train m = gbt(features, target: converted, exclude: [userId], cv: 5)"),
    (
      "tune-grid",
      "tune m = gbt(features, target: converted, search: {leaves: [15, 31], learning_rate: "
        + "[0.05, 0.1]}, cv: 3, metric: \"auc\")"
    ),
    (
      "tune-random",
      "tune m = gbt(f, target: y, search: {leaves: between(8, 64), learning_rate: "
        + "log_between(0.01, 0.3)}, trials: 20)"
    ),
    ("runs", "runs"),
    ("compare", "compare m@1 m@2"),
    ("compare-commas", "compare m@1, m@2, other"),
    ("compare-all-versions", "compare m"),
    ("correlate-list", "correlate features [a, b]"),
    ("correlate-names", "correlate features a, b"),
    ("activate-with", "activate likely to \"out/likely.csv\" with [email, propensity]"),
    ("activate-with-names", "activate likely to \"out/likely.csv\" with email, propensity"),
    ("ingest-namespace", "ingest scores into profile by userId as ECID"),
    ("param-negative", "param threshold = -0.5"),
    ("synth-groupby", "synth groupby (rows: 1000, k: 10, seed: 1)"),
    ("export-options", "export opens to \"out/opens.csv\" (header: true)"),
    (
      "funnel-options",
      "funnel events (steps: [\"a\", \"b\"], user: personId, event: kind, time: at)"
    ),
    ("let", "let recent = from events | filter timestamp >= date(\"2024-01-01\") | take 5"),
    ("audience", "audience likely = from profile | filter propensity >= 0.6"),
    ("bare-pipeline", "from events"),
    (
      "dotted-and-quoted-names",
      "from events | select web.webPageDetails.name, `order id`, total = commerce.order.priceTotal"
    ),
    (
      "contextual-keywords",
      "from t | derive date = date(\"2024-01-01\"), count = 1 | filter first > 0"
    ),
    ("keywords-as-dataset-names", "from score | join train on test | select last, by, order"),
    ("statement-words-as-columns", "from t | select load, let, models, from, drop"),
    (
      "case-when",
      "from t | derive tier = case when x > 10 then \"high\" when x > 5 then \"mid\" else \"low\" end"
    ),
    ("if-call", "from t | derive y = if(x > 0, x, 0 - x)"),
    ("in-lists", "from t | filter a in [1, 2] and b not in [\"x\"] and c is null"),
    ("string-escapes", #"from t | filter s == "a\"b\\c\n\t\u{e9}" or s == 'it\'s'"#),
    ("numbers", "from t | derive a = 20_000, b = 1.5e3, c = -7, d = - x, e = 2.5E-2"),
  ]

  @Test(arguments: forms)
  func formParses(name: String, source: String) throws {
    let result = Parser.parse(source)
    let rendered = result.diagnostics.map {
      DiagnosticRenderer.render($0, source: source, location: nil)
    }
    #expect(rendered.isEmpty, "\(rendered.joined(separator: "\n"))")
    #expect(result.program.statements.count == 1)
    Golden.assertMatches(
      source + "\n---\n" + ASTDump.dump(result.program) + "\n", at: "Language/Forms/\(name).txt")
  }

  @Test func sampleKeepsThePercentSign() throws {
    let program = try Parser.parseProgram("from t | sample 10% (seed: 7)")
    let pipeline = try #require(program.statements.first.flatMap(\.parsedPipeline))
    guard case .sample(let amount, let percent, let options) = pipeline.transforms.first?.kind
    else {
      Issue.record("not a sample")
      return
    }
    #expect(amount.kind == .literal(.int(10)))
    #expect(percent)
    #expect(options.map(\.name.text) == ["seed"])
  }

  @Test func drop_isAStatementAtTheStartAndAStepAfterAPipe() throws {
    let program = try Parser.parseProgram("drop opens\nfrom t | drop a, b")
    #expect(program.statements.count == 2)
    guard case .drop(let name) = program.statements[0].kind else {
      Issue.record("expected the drop statement")
      return
    }
    #expect(name.text == "opens")
    let pipeline = try #require(program.statements[1].parsedPipeline)
    #expect(
      pipeline.transforms.first?.kind
        == .drop([
          Name("a", span: SourceSpan(offset: 25, length: 1, line: 2, column: 15)),
          Name("b", span: SourceSpan(offset: 28, length: 1, line: 2, column: 18)),
        ]))
  }

  @Test func trainArgumentsBecomeOptions() throws {
    let program = try Parser.parseProgram(
      "train conv = gbt(features, target: converted, exclude: [userId], split: 0.8, seed: 7)")
    guard
      case .train(let name, let algorithm, let dataset, let arguments) =
        program.statements.first?.kind
    else {
      Issue.record("not a train statement")
      return
    }
    #expect(name.text == "conv")
    #expect(algorithm.text == "gbt")
    #expect(dataset.text == "features")
    #expect(arguments.map(\.name.text) == ["target", "exclude", "split", "seed"])
    #expect(arguments[0].value.kind == .name("converted"))
    guard case .list(let excluded) = arguments[1].value.kind else {
      Issue.record("exclude is not a list")
      return
    }
    #expect(excluded.map(\.kind) == [.name("userId")])
  }

  @Test func standaloneExpressions() throws {
    #expect(try Parser.parseExpression("500").kind == .literal(.int(500)))
    #expect(try Parser.parseExpression("-2.5").kind == .literal(.double(-2.5)))
    let date = try Parser.parseExpression("date(\"2024-01-01\")")
    #expect(ASTDump.dump(date) == "call date @1:1\n  string \"2024-01-01\" @1:6")
    #expect(throws: Diagnostic.self) { try Parser.parseExpression("") }
    #expect(throws: Diagnostic.self) { try Parser.parseExpression("1 2") }
    #expect(throws: Diagnostic.self) { try Parser.parseExpression("1\n2") }
    #expect(throws: Diagnostic.self) { try Parser.parseExpression("\"open") }
  }

  @Test func spansCountUTF8BytesAndCharacters() throws {
    let program = try Parser.parseProgram("from t | filter \"é😀\" == name")
    let pipeline = try #require(program.statements.first?.parsedPipeline)
    guard case .filter(let condition) = pipeline.transforms.first?.kind,
      case .binary(_, let left, let right) = condition.kind
    else {
      Issue.record("not a comparison")
      return
    }
    #expect(left.span == SourceSpan(offset: 16, length: 8, line: 1, column: 17))
    #expect(right.span == SourceSpan(offset: 28, length: 4, line: 1, column: 25))
  }
}

extension Statement {
  /// The pipeline of a bare pipeline statement, for tests.
  var parsedPipeline: Pipeline? {
    if case .pipeline(let pipeline) = kind { pipeline } else { nil }
  }
}
