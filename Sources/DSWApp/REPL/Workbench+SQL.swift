import DSWCore
import DSWTerminal

/// `:sql` and `:plan`: the SQL form of a pipeline, and where its steps run.
extension Workbench {
  /// Compiles `text` (a pipeline, or the last one run when empty) and shows
  /// its SQL, or with `plan`, which steps compile and which stay local.
  func showSQL(_ text: String, plan: Bool) {
    let command = plan ? ":plan" : ":sql"
    let source: String
    if text.trimmingSpaces.isEmpty {
      guard let last = lastPipeline else {
        error(
          "`\(command)` shows the last pipeline, and none has run yet",
          help: "give one: `\(command) from NAME | filter ...`")
        return
      }
      source = last
    } else {
      source = text
    }
    let program: Program
    do throws(Diagnostic) {
      program = try Parser.parseProgram(source)
    } catch {
      reportDiagnostic(error, source: source, location: "input")
      return
    }
    guard let item = SQLCellPipeline.all(in: program).last else {
      error(
        "`\(command)` needs a pipeline, such as `\(command) from NAME | take 5`",
        help: "statements other than pipelines have no SQL form")
      return
    }
    do throws(Diagnostic) {
      let compiled = try session.compileSQL(item.pipeline, source: source)
      let text =
        plan
        ? SQLPlanText.plan(
          compiled, pipeline: item.pipeline, source: source,
          remote: session.readsRemoteTable(item.pipeline))
        : SQLPlanText.sql(compiled, source: source)
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let safe = SafeText.escape(String(line))
        message(safe, role: line.hasPrefix("--") ? .muted : nil)
      }
    } catch {
      reportDiagnostic(error, source: source, location: "input")
    }
  }
}
