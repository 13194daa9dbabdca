/// The text `:sql`, `:plan` and `dsw sql` print for a compiled pipeline.
public enum SQLPlanText {
  /// The SQL, with comments that say what runs where.
  ///
  /// - Parameters:
  ///   - source: the cell's source, to quote the local steps.
  ///   - remote: whether the pipeline's source is on an engine; for a local
  ///     dataset the SQL is what the pipeline means, and dsw runs it itself.
  public static func sql(_ compilation: SQLCompilation, source: String) -> String {
    var lines = [compilation.sql + ";"]
    if !compilation.localSteps.isEmpty {
      lines.append("-- not in the SQL, run by dsw on its result:")
      for (index, step) in compilation.localSteps.enumerated() {
        let note = index == 0 ? compilation.boundaryReason.map { " (\($0))" } ?? "" : ""
        lines.append("--   | " + text(of: step.span, in: source) + note)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Which steps run on the engine and which locally, step by step.
  public static func plan(
    _ compilation: SQLCompilation, pipeline: Pipeline, source: String, remote: Bool
  ) -> String {
    var lines: [String] = []
    let origin = pipeline.source.text
    if remote {
      lines.append("from \(origin): on the engine (\(compilation.dialect))")
    } else {
      lines.append(
        "from \(origin): a local dataset, so the whole pipeline runs locally; on an engine (\(compilation.dialect)):"
      )
    }
    for (index, transform) in pipeline.transforms.enumerated() {
      let place = index < compilation.pushedSteps ? "engine" : "local "
      var line = "  \(place)  | " + text(of: transform.span, in: source)
      if index == compilation.pushedSteps, let reason = compilation.boundaryReason {
        line += "\n            (\(reason))"
      }
      lines.append(line)
    }
    if pipeline.transforms.isEmpty { lines.append("  engine  (the dataset's rows)") }
    let pushed = compilation.pushedSteps
    let total = pipeline.transforms.count
    if total == 0 {
      lines.append("the pipeline is one SQL statement (`:sql` shows it)")
    } else if pushed == total {
      lines.append(
        "all \(total) step\(total == 1 ? "" : "s") compile to one SQL statement (`:sql` shows it)")
    } else {
      lines.append("\(pushed) of \(total) steps compile to SQL; dsw runs the rest on its result")
    }
    return lines.joined(separator: "\n")
  }

  static func text(of span: SourceSpan, in source: String) -> String {
    let bytes = Array(source.utf8)
    guard span.offset >= 0, span.offset + span.length <= bytes.count else { return "" }
    let text = String(decoding: bytes[span.offset..<(span.offset + span.length)], as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }
}
