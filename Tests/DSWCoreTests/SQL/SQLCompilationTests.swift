import Testing

@testable import DSWCore

/// What a connection target relies on: the prefix, the local steps and
/// their reason, the order, and datasets that are not on the engine.
@Suite struct SQLCompilationTests {
  static func compile(
    _ source: String, relation: ((String) -> SQLRelation?)? = nil
  ) throws -> SQLCompilation {
    let session = SQLCompilerTests.session()
    let program = try Parser.parseProgram(source)
    guard case .pipeline(let pipeline)? = program.statements.last?.kind else {
      throw SQLUnsupported("not a pipeline")
    }
    let compiler = SQLCompiler(
      environment: SessionEnvironment(session: session), source: source, relation: relation)
    return try compiler.compile(pipeline)
  }

  @Test func theLongestPrefixCompilesAndTheRestStaysLocal() throws {
    let compiled = try Self.compile("from g | filter v > 1 | sample 1 | derive x = 1")
    #expect(compiled.pushedSteps == 1)
    #expect(compiled.localSteps.map(\.keyword) == ["sample", "derive"])
    #expect(compiled.boundaryReason?.hasPrefix("`sample` picks rows") == true)
    #expect(!compiled.isComplete)
    #expect(compiled.schema.names == ["k", "v", "w", "s", "f", "d", "t"])
    #expect(compiled.sessionSetup == ["SET TIME ZONE 'UTC'"])
  }

  @Test func aSortFixesTheOrderAndAnUnorderedTableHasNone() throws {
    #expect(try Self.compile("from g | sort v | derive x = v").isOrdered)
    #expect(!(try Self.compile("from g | derive x = v")).isOrdered)
    let ordered = try Self.compile("from g | take 1") {
      SQLRelation(sql: "\"remote\".\"\($0)\"", orderColumn: "row_id")
    }
    #expect(ordered.isOrdered)
    #expect(ordered.sql.contains("ORDER BY \"row_id\""))
  }

  @Test func aDatasetNotOnTheEngineStaysLocal() throws {
    let joined = try Self.compile("from g | filter v > 0 | join h on k | take 1") {
      $0 == "g" ? SQLRelation(sql: "\"public\".\"g\"") : nil
    }
    #expect(joined.pushedSteps == 1)
    #expect(joined.boundaryReason == "`h` is not on the engine")
    let source = try Self.compile("from g | take 1") { _ in nil }
    #expect(source.pushedSteps == 0)
    #expect(source.sql.isEmpty)
  }

  @Test func aPlanningErrorIsTheRunsDiagnostic() throws {
    #expect(throws: Diagnostic.self) { try Self.compile("from g | filter nothing > 1") }
  }
}
