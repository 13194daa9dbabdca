import Foundation
import Testing

/// `dsw run --check` and the runs a notebook keeps: a replay that matches
/// is quiet (durations included), and one that moved names the metrics.
@Suite struct RunHistoryCheckTests {
  @Test func checkNamesTheMetricsThatChanged() throws {
    let folder = try CommandLineTests.folder()
    try CommandLineTests.notebook([
      "param leaves = 3",
      "synth groupby (rows: 300, k: 5, seed: 1)\nlet g = from groupby | derive big = v3 > 50 | select v1, v2, big",
      "train m = gbt(g, target: big, leaves: leaves, trees: 10, cv: 3)",
      "runs",
    ]).write(to: folder.appendingPathComponent("h.dswnb"), atomically: true, encoding: .utf8)
    let first = try CommandLineTests.dsw(["run", "h.dswnb", "--output", "out.dswnb"], in: folder)
    #expect(first.status == 0)
    let saved = try String(
      contentsOf: folder.appendingPathComponent("out.dswnb"), encoding: .utf8)
    #expect(saved.contains("\"runs\": ["))
    #expect(saved.contains("\"validation\": \"3-fold cv\""))
    #expect(saved.contains("\"volatile\": ["))

    let same = try CommandLineTests.dsw(["run", "out.dswnb", "--check"], in: folder)
    #expect(same.status == 0)
    #expect(same.stderr.contains("check: every cell's output matches the stored fingerprint"))

    let moved = try CommandLineTests.dsw(
      ["run", "out.dswnb", "--check", "-p", "leaves=7"], in: folder)
    #expect(moved.status == 1)
    #expect(moved.stderr.contains("cell 3 (cell0002): output drifted"))
    #expect(moved.stderr.contains("    m@1: leaves 3 → 7, AUC "))
  }
}
