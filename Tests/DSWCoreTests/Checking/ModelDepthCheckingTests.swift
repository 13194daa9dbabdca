import Foundation
import Testing

@testable import DSWCore

/// `dsw check` knows the columns `score` adds with explanations and
/// lifetime-value models, and finds their errors without running.
@Suite struct ModelDepthCheckingTests {
  static let csv = """
    userId,x,t_x,T,zbar,label
    a,0,0,10,0,true
    b,2,5,10,20.5,false
    c,1,3,8,12,true

    """

  static func check(_ source: String) throws -> [Diagnostic] {
    var checker = NotebookChecker(
      files: MemoryFiles(["/rfm.csv": Array(csv.utf8)]), sandbox: PathSandbox(base: "/"))
    let full = "load \"rfm.csv\" as rfm\n" + source
    return checker.check(try Parser.parseProgram(full), source: full).diagnostics
  }

  @Test func lifetimeColumnsAreKnownBeforeRunning() throws {
    let diagnostics = try Self.check(
      """
      train c = bgnbd(rfm, frequency: x, recency: t_x, age: T)
      train v = gamma_gamma(rfm, frequency: x, monetary: zbar)
      let scored = from rfm | score c, v (horizon: 52, discount_rate: 0.01) | select userId, expected_purchases, p_alive, expected_spend, clv
      train m = gbt(rfm, target: label, exclude: [userId])
      let reasons = from rfm | score m (explain: 2) | select userId, score, decile, reason_1, reason_2
      explain m (feature: x, data: rfm)
      """)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
  }

  @Test func lifetimeAndExplainErrorsAreFoundWithoutRunning() throws {
    let missingHorizon = try Self.check(
      """
      train c = bgnbd(rfm, frequency: x, recency: t_x, age: T)
      from rfm | score c
      """)
    #expect(missingHorizon.first?.code == "M096")
    let unknownFeature = try Self.check(
      """
      train m = gbt(rfm, target: label, exclude: [userId])
      explain m (feature: y)
      """)
    #expect(unknownFeature.first?.code == "M083")
    #expect(unknownFeature.first?.help == "did you mean `x`?")
    let noReasons = try Self.check(
      """
      train v = gamma_gamma(rfm, frequency: x, monetary: zbar)
      from rfm | score v (explain: 3)
      """)
    #expect(noReasons.first?.code == "M096")
    let pairs = try Self.check(
      """
      train v = gamma_gamma(rfm, frequency: x, monetary: zbar)
      from rfm | score v, v
      """)
    #expect(pairs.first?.code == "M095")
  }
}
