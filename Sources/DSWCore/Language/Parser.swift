// The syntax errors, by stable code. Each message names what was expected
// and what was found; tests pin the exact rendered text of every one.
//
// | code | meaning                                                            |
// |------|--------------------------------------------------------------------|
// | E100 | a character that is not part of the language (`!`, `&`, `;`, ESC)  |
// | E101 | a string literal with no closing quote (points at the opening one) |
// | E102 | an unknown escape in a string (`\q`)                               |
// | E103 | a malformed number, or an integer literal too large for Int64      |
// | E104 | `=` where a comparison belongs: `filter a = 1` (help: `==`)        |
// | E105 | an unknown statement keyword at the start of a statement           |
// | E106 | an unknown pipeline step after `|`                                 |
// | E107 | expected one thing, found another ("expected X after Y, found Z")  |
// | E108 | a `(`, `[` or `case` never closed (points at the opener)           |
// | E109 | a `)` or `]` with nothing open, or the wrong kind of closer        |
// | E110 | tokens left over after a complete statement or pipeline step       |
// | E111 | a backquoted name that is empty or not closed on its line          |
// | E112 | chained comparisons (`a < b < c`)                                  |
// | E113 | a join condition that mixes `on key` with `on left == right`       |
// | E114 | an option or named argument given twice                            |
// | E115 | a named argument (`name: value`) in an ordinary function call      |
// | E116 | a pipeline step with no pipeline (`filter x` or `| take 5` alone)  |
// | E117 | an unknown chart kind                                              |
// | E118 | an expression nested over 64 levels deep, or with over 256 operators |

/// What the parser made of a cell: the statements it could read, and a
/// diagnostic for each one it could not.
public struct ParseResult: Sendable {
  /// The statements that parsed, in order; a statement with an error is left out.
  public var program: Program
  /// Lexical and syntax errors, in source order, at most one per statement.
  public var diagnostics: [Diagnostic]
}

/// Parses dsw source into a `Program`.
///
/// The cell is lexed, split into statements at newlines (see
/// `StatementSplitter`), and each statement is parsed on its own by recursive
/// descent. An error in one statement does not hide errors in the others.
public enum Parser {
  /// Parses a whole cell, collecting one diagnostic per broken statement.
  public static func parse(_ source: String) -> ParseResult {
    let lexed = Lexer.tokenize(source)
    let utf8 = Array(source.utf8)
    var statements: [Statement] = []
    var diagnostics: [Diagnostic] = []
    var lexicalErrors = lexed.diagnostics[...]
    for tokens in StatementSplitter.split(lexed.tokens) {
      let invalid = tokens.filter { if case .invalid = $0.kind { true } else { false } }
      if !invalid.isEmpty {
        // The lexer already explained these; parsing would only add noise.
        while let first = lexicalErrors.first,
          (first.span?.offset ?? 0) < tokens[tokens.count - 1].span.offset + 1
        {
          diagnostics.append(first)
          lexicalErrors = lexicalErrors.dropFirst()
        }
        continue
      }
      var parser = StatementParser(tokens: tokens, source: utf8)
      do {
        statements.append(try parser.parseStatement())
      } catch {
        diagnostics.append(error)
      }
    }
    diagnostics.append(contentsOf: lexicalErrors)
    return ParseResult(program: Program(statements: statements), diagnostics: diagnostics)
  }

  /// Parses a whole cell, throwing its first error.
  public static func parseProgram(_ source: String) throws(Diagnostic) -> Program {
    let result = parse(source)
    if let first = result.diagnostics.first { throw first }
    return result.program
  }

  /// Parses pipeline steps that continue an earlier pipeline: text such as
  /// `| filter x > 1 | take 5`, as typed on a REPL line that begins with `|`.
  public static func parseContinuation(_ source: String) throws(Diagnostic) -> [Transform] {
    let lexed = Lexer.tokenize(source)
    if let first = lexed.diagnostics.first { throw first }
    let statements = StatementSplitter.split(lexed.tokens)
    guard let tokens = statements.first else { return [] }
    var parser = StatementParser(tokens: tokens, source: Array(source.utf8))
    let transforms = try parser.parseTransformChain()
    if statements.count > 1, let extra = statements[1].first {
      throw Diagnostic.error(
        "E110", "unexpected \(parser.describe(extra)) after the end of the pipeline step",
        at: extra.span)
    }
    return transforms
  }

  /// Parses one expression on its own, such as a parameter value given on
  /// the command line (`-p start='date("2024-01-01")'`).
  public static func parseExpression(_ source: String) throws(Diagnostic) -> Expr {
    let lexed = Lexer.tokenize(source)
    if let first = lexed.diagnostics.first { throw first }
    let statements = StatementSplitter.split(lexed.tokens)
    guard statements.count == 1, let tokens = statements.first else {
      let span = statements.dropFirst().first?.first?.span ?? lexed.tokens[0].span
      throw Diagnostic.error(
        "E107",
        statements.isEmpty
          ? "expected an expression, found end of line"
          : "expected a single expression on one line", at: span)
    }
    var parser = StatementParser(tokens: tokens, source: Array(source.utf8))
    let expr = try parser.parseExpression()
    try parser.expectEnd(of: "the expression")
    return expr
  }

  /// The words that may start a statement.
  public static let statementKeywords = [
    "param", "synth", "load", "let", "from", "datasets", "schema", "describe", "correlate",
    "expect", "funnel", "export", "drop", "train", "evaluate", "models", "save", "ingest",
    "audience", "audiences", "overlap", "activate", "connect", "connections", "disconnect", "sql",
    "explain", "tune", "runs", "compare",
  ]

  /// The words that may follow `|` in a pipeline.
  public static let transformKeywords = [
    "filter", "select", "drop", "rename", "derive", "aggregate", "sort", "take", "distinct",
    "join", "append", "pivot", "window", "sample", "expect", "score", "chart", "describe",
  ]

  /// The words reserved inside expressions; everything else can name a column.
  public static let expressionKeywords: Set<String> = [
    "and", "or", "not", "in", "is", "null", "true", "false", "case", "when", "then", "else",
    "end",
  ]
}
