import Testing

@testable import DSWCore

/// The exact rendered text of every syntax error, one golden each under
/// `Snapshots/Language/Errors/`, with the source it came from at the top.
@Suite struct SyntaxErrorTests {
  static let cases: [(String, String)] = [
    ("E100-ampersand", "from t | filter a && b"),
    ("E100-bang", "from t | filter !a"),
    ("E100-escape-character", "from t | filter a \u{1B} b"),
    ("E100-semicolon", "from t; take 5"),
    ("E101-unterminated-string", "load \"data.csv as x"),
    ("E101-unterminated-string-multiline", "from t\n| filter s == 'abc\n| take 5"),
    ("E102-unknown-escape", #"from t | filter s == "a\qb""#),
    ("E102-bad-unicode-escape", #"from t | filter s == "\u{zz}""#),
    ("E103-integer-too-large", "from t | take 99999999999999999999"),
    ("E103-invalid-number", "from t | take 10x"),
    ("E104-filter-assignment", "from events\n| filter a = 1"),
    ("E104-long-operands", "from t | filter lower(name) = \"bob\" and x > 1"),
    ("E104-no-right-side", "from t | filter a ="),
    ("E104-join-assignment", "from t | join other on a = b"),
    ("E105-did-you-mean-filter", "fitler x > 1"),
    ("E105-did-you-mean-load", "lod \"x.csv\" as x"),
    ("E105-bare-name", "opens"),
    ("E105-unknown", "frobnicate all the things"),
    ("E105-not-a-word", "42 + 1"),
    ("E106-did-you-mean-step", "from t | fitler x > 1"),
    ("E106-unknown-step", "from t | frobnicate"),
    ("E107-expression-after-operator", "from t | filter a =="),
    ("E107-expression-after-comma", "from t | expect a > 1,"),
    ("E107-take-without-number", "from t | take"),
    ("E107-take-before-pipe", "from t | take | filter x"),
    ("E107-sample-without-amount", "from t | sample"),
    ("E107-from-without-dataset", "from"),
    ("E107-step-after-pipe", "from t |"),
    ("E107-let-without-from", "let x = events | take 5"),
    ("E107-derive-without-equals", "from t | derive revenue"),
    ("E107-derive-without-name", "from t | derive 5"),
    ("E107-rename-without-equals", "from t | rename a b"),
    ("E107-is-without-null", "from t | filter a is 5"),
    ("E107-is-not-without-null", "from t | filter a is not 5"),
    ("E107-in-without-list", "from t | filter a in b"),
    ("E107-model-version", "evaluate conv@0"),
    ("E107-load-without-as", "load \"x.csv\" y"),
    ("E107-load-without-path", "load data.csv as x"),
    ("E107-save-without-model", "save conv to \"m.json\""),
    ("E107-train-without-parenthesis", "train m = gbt features"),
    ("E107-train-positional-argument", "train m = gbt(features, converted)"),
    ("E107-option-with-equals", "synth cmle (users = 5)"),
    ("E107-option-without-colon", "synth cmle (users 5)"),
    ("E107-expect-without-colon", "expect events userId is not null"),
    ("E107-ingest-without-into", "ingest scores profile by userId"),
    ("E107-overlap-without-comma", "overlap likely loyal"),
    ("E107-window-without-derive", "from t | window by a"),
    ("E107-pivot-without-parenthesis", "from events | pivot eventType n = count()"),
    ("E107-case-without-when", "from t | derive x = case x end"),
    ("E107-reserved-word", "from t | filter and"),
    ("E107-paren-still-open", "from t | filter (a > 1 b)"),
    ("E108-unclosed-parenthesis", "from t | filter (a > 1"),
    ("E108-unclosed-call", "from t | derive y = f(a, b"),
    ("E108-unclosed-call-multiline", "from t | derive y = f(\n    a,\n    b"),
    ("E108-unclosed-list", "from t | filter a in [1, 2"),
    ("E108-unclosed-options", "synth cmle (users: 5"),
    ("E108-case-without-end", "from t | derive x = case when a then 1 else 2"),
    ("E109-wrong-closer", "from t | derive y = f(a]"),
    ("E110-trailing-statement", "schema events extra"),
    ("E110-missing-pipe", "from t filter x > 1"),
    ("E110-trailing-step", "from t | take 10 20"),
    ("E110-step-needs-pipe", "from t | take 10 filter x"),
    ("E109-stray-closer", "from t | filter a > 1)"),
    ("E109-stray-closer-statement", "schema events]"),
    ("E111-unterminated-quoted-name", "from t | select `order id"),
    ("E111-empty-quoted-name", "from t | select ``"),
    ("E112-chained-comparison", "from t | filter 1 < a < 3"),
    ("E113-mixed-join", "from t | join other on a, b == c"),
    ("E114-duplicate-option", "synth cmle (seed: 1, seed: 2)"),
    ("E114-duplicate-argument", "train m = gbt(f, target: y, target: z)"),
    ("E115-named-call-argument", "from t | derive w = date_trunc(unit: \"week\", ts)"),
    ("E116-step-as-statement", "filter x > 1"),
    ("E116-pipe-at-start", "| take 5"),
    ("E117-chart-kind-suggestion", "from t | chart bars x"),
    ("E117-chart-kind-unknown", "from t | chart pie x"),
    ("E118-nested-too-deeply", "from t | filter " + String(repeating: "(", count: 70) + "x"),
    ("E118-too-many-operators", "from t | filter " + String(repeating: "a+", count: 300) + "a"),
    ("gutter-two-digits", String(repeating: "\n", count: 11) + "from t | take"),
    ("tab-before-error", "from t |\ttake\t\"x\" 5"),
    ("several-errors", "from a | take\nfrom b\nfitler x"),
  ]

  static func render(_ source: String) -> String {
    Parser.parse(source).diagnostics.map {
      DiagnosticRenderer.render($0, source: source, location: "cell 3 (k3j9x0aa)")
    }.joined(separator: "\n\n")
  }

  @Test(arguments: cases)
  func renderedError(name: String, source: String) {
    let rendered = Self.render(source)
    #expect(!rendered.isEmpty, "no diagnostic for \(name)")
    Golden.assertMatches(
      source.split(separator: "\n", omittingEmptySubsequences: false)
        .map { DisplayText.escaped(String($0)) }.joined(separator: "\n") + "\n---\n" + rendered
        + "\n",
      at: "Language/Errors/\(name).txt")
  }

  @Test func theDesignExampleRendersExactly() {
    let source = "from events\n| filter a = 1"
    let expected = """
      error[E104]: `=` is assignment; use `==` to compare
       --> cell 3 (k3j9x0aa), line 2, column 12
        |
      2 | | filter a = 1
        |            ^
        = help: write `a == 1`
      """
    #expect(Self.render(source) == expected)
  }
}
