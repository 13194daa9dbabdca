import DSWCore
import DSWTerminal

/// What `:help TOPIC` and `dsw help TOPIC` print: the reference's entry or
/// guide for the topic, rendered for the terminal. Both commands call this,
/// so they cannot disagree.
enum HelpText {
  /// Help on a topic, or what to say when there is none.
  enum Answer: Equatable {
    case markdown(String)
    case unknown(suggestion: String?)
  }

  /// The Markdown for `topic`: a guide (`language`, `keys`), every entry of
  /// that name (a word may be a statement and a pipeline step), a command
  /// with or without its colon, or a command's unique prefix (`ce`).
  static func answer(_ topic: String, reference: Reference = .shipped) -> Answer {
    let word = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
    if let guide = reference.guide(word) { return .markdown(guide.markdown) }
    var found = topic.hasPrefix(":") ? [] : reference.entries(named: word)
    if found.isEmpty { found = reference.entries(named: ":" + word) }
    if found.isEmpty, let command = WorkbenchCommand.uniquelyStarting(word) {
      found = reference.entries(named: ":" + command.name)
    }
    if found.isEmpty, let alias = WorkbenchCommand.aliases[word] {
      found = reference.entries(named: ":" + alias)
    }
    if found.isEmpty {
      return .unknown(suggestion: Suggestion.closest(to: topic, among: reference.topics))
    }
    return .markdown(found.map(titled).joined(separator: "\n\n"))
  }

  /// An entry's Markdown with its kind in the heading: `drop` is both a
  /// statement and a pipeline step.
  private static func titled(_ entry: ReferenceEntry) -> String {
    var lines = entry.markdown.split(separator: "\n", omittingEmptySubsequences: false)
    if let heading = lines.first, heading.hasPrefix("### ") {
      lines[0] = heading + " · " + Substring(entry.kind.noun)
    }
    return lines.joined(separator: "\n")
  }

  /// The topics, grouped by kind, as Markdown: what `:help` and `dsw help`
  /// print without a topic, after the command list.
  static func index(reference: Reference = .shipped) -> String {
    var lines = ["Help topics (`:help TOPIC`, or `dsw help TOPIC` in a shell):", ""]
    lines.append("- **guides**: " + reference.guides.map { "`\($0.topic)`" }.joined(separator: " "))
    for kind in ReferenceEntry.Kind.allCases where kind != .command {
      let names = reference.entries.filter { $0.kind == kind }.map(\.name)
      guard !names.isEmpty else { continue }
      lines.append("- **\(kind.rawValue.lowercased())**: " + names.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }

  /// Renders help Markdown, leaving out the reference's hidden markers.
  static func render(_ markdown: String, width: Int, styler: Styler) -> String {
    let visible = markdown.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("<!--") }.joined(separator: "\n")
    return MarkdownRenderer.render(visible, width: width, styler: styler)
  }

  /// The help line for an unknown topic.
  static func unknownHelp(_ suggestion: String?) -> String {
    (suggestion.map { "did you mean `\($0)`? " } ?? "")
      + "`:help` lists the topics"
  }
}
