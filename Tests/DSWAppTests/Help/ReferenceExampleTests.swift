import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// The reference's examples are fixtures: each ```dsw block runs in a fresh
/// session after the reference's setup, and must give exactly the ```text
/// block printed after it. `DSW_RECORD=1` rewrites the outputs in
/// docs/reference.md (then run scripts/embed-reference.sh).
@Suite struct ReferenceExampleTests {
  /// The width and row limit the reference's outputs are printed at.
  static let width = 100
  static let maxRows = 10

  /// What running `source` prints, as the reference shows it, and whether it failed.
  static func output(of source: String, setup: String) -> (text: String, failed: Bool) {
    var context = SessionContext()
    context.formats = FileFormats.external
    let session = Session(context: context)
    let prepared = session.run(setup)
    if let error = prepared.error {
      return ("setup failed: " + error.message, true)
    }
    let run = session.run(source)
    var parts: [String] = []
    for output in run.outputs {
      if case .error = output { continue }
      parts.append(
        OutputRenderer.render(output, width: width, maxRows: maxRows, styler: .plain))
    }
    if let error = run.error {
      parts.append(DiagnosticRenderer.render(error, source: source, location: "example"))
    }
    let text = parts.joined(separator: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
      .joined(separator: "\n")
    return (text.trimmingCharacters(in: .newlines), run.error != nil)
  }

  @Test func everyExampleGivesTheOutputItShows() throws {
    let url = ReferenceTests.documentURL
    let document = try String(contentsOf: url, encoding: .utf8)
    var lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let reference = Reference(markdown: document)
    let blocks = Reference.fencedBlocks(lines[...], language: nil)
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    var edits: [(range: Range<Int>, replacement: [String])] = []
    for (position, block) in blocks.enumerated() where block.language == "dsw" {
      let line = block.range.lowerBound
      let (actual, failed) = Self.output(of: block.text, setup: reference.exampleSetup)
      #expect(!failed, "the example at docs/reference.md line \(line) fails:\n\(actual)")
      let next = position + 1 < blocks.count ? blocks[position + 1] : nil
      if let next, next.language == "text", next.follows {
        if next.text != actual {
          if recording {
            edits.append((next.range, actual.isEmpty ? [] : actual.components(separatedBy: "\n")))
          } else {
            Issue.record(
              """
              the example at docs/reference.md line \(line) gives:
              \(actual)
              but the reference shows:
              \(next.text)
              (DSW_RECORD=1 re-records, then run scripts/embed-reference.sh)
              """)
          }
        }
      } else if !actual.isEmpty {
        if recording {
          let after = block.range.upperBound + 1
          edits.append(
            (after..<after, ["", "```text"] + actual.components(separatedBy: "\n") + ["```"]))
        } else {
          Issue.record(
            "the example at docs/reference.md line \(line) shows no output; DSW_RECORD=1 adds it")
        }
      }
    }
    guard recording, !edits.isEmpty else { return }
    for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
      lines.replaceSubrange(edit.range, with: edit.replacement)
    }
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    Issue.record("re-recorded the outputs in docs/reference.md; run scripts/embed-reference.sh")
  }

  /// The workbench examples (```repl blocks) run at a prompt without an error.
  @Test func everyWorkbenchExampleRuns() throws {
    for entry in Reference.shipped.entries {
      for example in entry.examples where example.isWorkbench {
        let harness = try WorkbenchHarness()
        // A command's own paths are relative to the working folder: point
        // them into the harness's folder instead.
        let lines = example.source.components(separatedBy: "\n").map { line in
          guard line.hasPrefix(":export ") || line.hasPrefix(":save "),
            let last = line.split(separator: " ").last
          else { return line }
          return line.dropLast(last.count) + harness.folder.path + "/" + last
        }
        try harness.run(lines)
        let transcript = harness.transcript
        let expectsError = example.source.contains("contians")
        if !expectsError {
          #expect(
            !transcript.contains("error"),
            "the workbench example of `\(entry.name)` fails:\n\(transcript)")
        }
      }
    }
  }
}
