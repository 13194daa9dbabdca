import Foundation

/// The language reference, parsed from `docs/reference.md` (embedded in the
/// executable as `ReferenceText.markdown`): the one source of `:help`,
/// `dsw help` and the reference's own tests.
///
/// The document has guide sections (`## Title` followed by a
/// `<!-- topic: NAME -->` line), entry sections named after an
/// `ReferenceEntry.Kind`, and under those one `### NAME` per entry.
struct Reference {
  /// A guide section: prose with a topic name, such as `language`.
  struct Guide: Equatable {
    var topic: String
    var title: String
    var markdown: String
    /// More words that open the guide, from a `<!-- also: A, B -->` line:
    /// the options and helpers it documents (`cv`, `between`).
    var aliases: [String] = []
  }

  var guides: [Guide] = []
  var entries: [ReferenceEntry] = []
  /// The cell every dsw example runs after, in a fresh session.
  var exampleSetup = ""

  /// The reference shipped with this build.
  static let shipped = Reference(markdown: ReferenceText.markdown)

  init(markdown: String) {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var section: (title: String, start: Int)?
    var sections: [(title: String, lines: ArraySlice<String>, start: Int)] = []
    var inFence = false
    for (index, line) in lines.enumerated() {
      if line.hasPrefix("```") { inFence.toggle() }
      guard !inFence, line.hasPrefix("## ") else { continue }
      if let open = section {
        sections.append((open.title, lines[open.start..<index], open.start))
      }
      section = (String(line.dropFirst(3)).trimmed, index)
    }
    if let open = section {
      sections.append((open.title, lines[open.start..<lines.count], open.start))
    }
    for (title, body, start) in sections {
      if let kind = ReferenceEntry.Kind(rawValue: title) {
        entries += Self.entries(kind: kind, body: body.dropFirst(), firstLine: start + 2)
      } else if let topic = body.lazy.compactMap(Self.topicMarker).first {
        let aliases = body.lazy.compactMap(Self.aliasMarker).first ?? []
        guides.append(
          Guide(
            topic: topic, title: title, markdown: body.joined(separator: "\n"), aliases: aliases))
      }
    }
    exampleSetup = Self.fencedBlocks(lines[...], language: "dsw-setup").first?.text ?? ""
  }

  /// `A, B` from a `<!-- also: A, B -->` line.
  private static func aliasMarker(_ line: String) -> [String]? {
    let text = line.trimmed
    guard text.hasPrefix("<!-- also:"), text.hasSuffix("-->") else { return nil }
    return String(text.dropFirst("<!-- also:".count).dropLast(3)).split(separator: ",").map {
      String($0).trimmed
    }
  }

  /// `NAME` from a `<!-- topic: NAME -->` line.
  private static func topicMarker(_ line: String) -> String? {
    let text = line.trimmed
    guard text.hasPrefix("<!-- topic:"), text.hasSuffix("-->") else { return nil }
    return String(text.dropFirst("<!-- topic:".count).dropLast(3)).trimmed
  }

  private static func entries(
    kind: ReferenceEntry.Kind, body: ArraySlice<String>, firstLine: Int
  ) -> [ReferenceEntry] {
    var starts: [Int] = []
    var inFence = false
    for index in body.indices {
      if body[index].hasPrefix("```") { inFence.toggle() }
      if !inFence, body[index].hasPrefix("### ") { starts.append(index) }
    }
    return starts.enumerated().map { position, start in
      let end = position + 1 < starts.count ? starts[position + 1] : body.endIndex
      return entry(kind: kind, lines: body[start..<end], line: start + 1)
    }
  }

  private static func entry(
    kind: ReferenceEntry.Kind, lines: ArraySlice<String>, line: Int
  ) -> ReferenceEntry {
    let name = String((lines.first ?? "").dropFirst(4)).trimmed
      .trimmingCharacters(in: ["`"])
    var fields: [String: String] = [:]
    var options: [String] = []
    var inOptions = false
    var inFence = false
    for text in lines.dropFirst() {
      if text.hasPrefix("```") { inFence.toggle() }
      guard !inFence else { continue }
      if text.hasPrefix("- "), let colon = text.firstIndex(of: ":") {
        let field = String(text[text.index(text.startIndex, offsetBy: 2)..<colon])
        guard !field.contains(" ") || field == "options" else { continue }
        fields[field] = String(text[text.index(after: colon)...]).trimmed
        inOptions = field == "options"
      } else if inOptions, text.hasPrefix("  - `") {
        let rest = text.dropFirst(5)
        if let close = rest.firstIndex(of: "`") { options.append(String(rest[..<close])) }
      } else if !text.hasPrefix("  ") {
        inOptions = false
      }
    }
    var examples: [ReferenceEntry.Example] = []
    let blocks = fencedBlocks(lines, language: nil)
    for (position, block) in blocks.enumerated()
    where block.language == "dsw" || block.language == "repl" || block.language == "dsw-remote" {
      let next = position + 1 < blocks.count ? blocks[position + 1] : nil
      let output = next.flatMap { $0.language == "text" && $0.follows ? $0.text : nil }
      examples.append(
        .init(source: block.text, isWorkbench: block.language == "repl", output: output))
    }
    return ReferenceEntry(
      kind: kind, name: name, fields: fields, options: options, examples: examples,
      markdown: lines.joined(separator: "\n").trimmed, line: line)
  }

  /// A fenced code block: its language, text, and whether it comes right
  /// after the previous block (only blank lines between).
  struct FencedBlock {
    var language: String
    var text: String
    var follows: Bool
    /// The lines of the block's text, as indices into the document.
    var range: Range<Int>
  }

  static func fencedBlocks(_ lines: ArraySlice<String>, language: String?) -> [FencedBlock] {
    var blocks: [FencedBlock] = []
    var open: (language: String, start: Int, follows: Bool)?
    var lastEnd: Int?
    for index in lines.indices {
      let line = lines[index]
      guard line.hasPrefix("```") else { continue }
      if let block = open {
        let text = lines[(block.start + 1)..<index].joined(separator: "\n")
        if language == nil || block.language == language {
          blocks.append(
            FencedBlock(
              language: block.language, text: text, follows: block.follows,
              range: (block.start + 1)..<index))
        }
        open = nil
        lastEnd = index
      } else {
        let follows =
          lastEnd.map { end in lines[(end + 1)..<index].allSatisfy { $0.trimmed.isEmpty } }
          ?? false
        open = (String(line.dropFirst(3)).trimmed, index, follows)
      }
    }
    return blocks
  }

  // MARK: Looking up

  /// The entries called `name` (a word may be a statement and a step), or
  /// a guide's text wrapped as one entry-like result; empty when unknown.
  func entries(named name: String) -> [ReferenceEntry] {
    entries.filter { $0.name == name }
  }

  func guide(_ topic: String) -> Guide? {
    guides.first { $0.topic == topic } ?? guides.first { $0.aliases.contains(topic) }
  }

  /// Every topic `:help` knows: guides, then entry names, once each.
  var topics: [String] {
    var seen = Set<String>()
    return (guides.map(\.topic) + entries.map(\.name) + guides.flatMap(\.aliases)).filter {
      seen.insert($0).inserted
    }
  }

  /// The names documented for each option owner (`synth`, `gbt`, …).
  func options(of owner: String) -> [String] {
    entries.filter { $0.name == owner && $0.kind != .command }.flatMap(\.options)
  }
}

extension String {
  fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
