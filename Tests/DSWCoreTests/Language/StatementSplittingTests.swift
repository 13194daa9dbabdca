import Testing

@testable import DSWCore

/// Where statements end: newlines, except inside brackets, parentheses and
/// `case`, after a trailing `|`, and before a line that starts with `|`.
@Suite struct StatementSplittingTests {
  static func shape(_ source: String) throws -> [String] {
    try Parser.parseProgram(source).statements.map { statement in
      switch statement.kind {
      case .pipeline(let pipeline): "from \(pipeline.source.text) x\(pipeline.transforms.count)"
      case .letBinding(let name, let pipeline):
        "let \(name.text) x\(pipeline.transforms.count)"
      default: "other"
      }
    }
  }

  @Test func newlinesSeparateStatements() throws {
    #expect(
      try Self.shape("from a\nfrom b\n\n\nfrom c") == ["from a x0", "from b x0", "from c x0"])
  }

  @Test func leadingPipeContinues() throws {
    #expect(try Self.shape("from a\n| take 1\n| take 2\nfrom b") == ["from a x2", "from b x0"])
  }

  @Test func trailingPipeContinues() throws {
    #expect(try Self.shape("from a |\n  take 1 |\n  take 2\nfrom b") == ["from a x2", "from b x0"])
  }

  @Test func blankAndCommentLinesBetweenStepsAreSkipped() throws {
    let source = """
      let x = from a   # the source
        # a comment line

        | filter b > 1 # why

        # another
        | take 3
      from x
      """
    #expect(try Self.shape(source) == ["let x x2", "from x x0"])
  }

  @Test func openParenthesesAndBracketsContinue() throws {
    let source = """
      from a | derive y = coalesce(
          b,
          c
        ) | filter y in [
          1,
          2,
        ]
      from b
      """
    #expect(try Self.shape(source) == ["from a x2", "from b x0"])
  }

  @Test func openCaseContinues() throws {
    let source = """
      from a | derive tier = case
        when x > 1 then "high"
        else "low"
      end
      from b
      """
    #expect(try Self.shape(source) == ["from a x1", "from b x0"])
  }

  @Test func windowsLineEndingsWork() throws {
    #expect(try Self.shape("from a\r\n| take 1\r\nfrom b\r\n") == ["from a x1", "from b x0"])
  }

  @Test func errorsInOneStatementDoNotHideTheOthers() {
    let result = Parser.parse("from a | take\nfrom b\nfitler x\nfrom c | filter @")
    #expect(result.program.statements.count == 1)
    #expect(result.diagnostics.map(\.code) == ["E107", "E105", "E107"])
    #expect(result.diagnostics.map { $0.span?.line } == [1, 3, 4])
  }

  @Test func lexicalErrorsAreReportedOncePerStatement() {
    let result = Parser.parse("from a | filter x ! 1\nfrom b\nfrom c | filter \"open")
    #expect(result.program.statements.count == 1)
    #expect(result.diagnostics.map(\.code) == ["E100", "E101"])
  }

  @Test func continuationParsesStepsForTheREPL() throws {
    let steps = try Parser.parseContinuation("| filter x > 1\n| take 5")
    #expect(steps.count == 2)
    #expect(throws: Diagnostic.self) { try Parser.parseContinuation("| filter x >") }
    #expect(throws: Diagnostic.self) { try Parser.parseContinuation("| take 1\nfrom b") }
  }
}
