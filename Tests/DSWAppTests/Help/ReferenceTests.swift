import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// The reference, `docs/reference.md`, against the code: every name the
/// code knows has an entry, every entry names something real, every entry
/// gives its fields, and the embedded copy that `:help` reads is current.
@Suite struct ReferenceTests {
  static let documentURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/reference.md")

  static let reference = Reference.shipped

  @Test func theEmbeddedReferenceIsTheDocument() throws {
    let document = try String(contentsOf: Self.documentURL, encoding: .utf8)
    #expect(
      ReferenceText.markdown + "\n" == document,
      "docs/reference.md changed: run scripts/embed-reference.sh so `:help` shows it")
  }

  @Test(arguments: NameRegistry.names)
  func everyNameHasAnEntry(_ name: NameRegistry.Name) {
    let found = Self.reference.entries.contains {
      $0.kind.rawValue == name.kind && $0.name == name.name
    }
    #expect(
      found,
      """
      `\(name.name)` has no entry in docs/reference.md: add `### \(name.name)` under \
      `## \(name.kind)` (syntax, arguments, result, nulls, an example), then run \
      scripts/embed-reference.sh
      """)
  }

  @Test func everyEntryNamesSomethingThatExists() {
    let known = Set(NameRegistry.names)
    for entry in Self.reference.entries {
      let name = NameRegistry.Name(kind: entry.kind.rawValue, name: entry.name)
      let exists = known.contains(name)
      #expect(
        exists,
        """
        docs/reference.md line \(entry.line) documents the \(entry.kind.noun) `\(entry.name)`, \
        which the code does not have
        """)
    }
  }

  @Test func noNameIsDocumentedTwice() {
    var seen = Set<String>()
    for entry in Self.reference.entries {
      let key = entry.kind.rawValue + "/" + entry.name
      #expect(
        seen.insert(key).inserted, "`\(entry.name)` has two entries in `## \(entry.kind.rawValue)`")
    }
  }

  @Test func everyEntryGivesItsFieldsAndAnExample() {
    for entry in Self.reference.entries {
      for field in entry.kind.requiredFields {
        let text = entry.fields[field] ?? ""
        #expect(
          !text.isEmpty,
          "the entry `\(entry.name)` (line \(entry.line)) has no `- \(field):` line")
      }
      #expect(
        !entry.examples.isEmpty, "the entry `\(entry.name)` (line \(entry.line)) has no example")
    }
  }

  @Test func everyOptionIsDocumentedWithItsOwner() {
    for (owner, names) in NameRegistry.options {
      let documented = Self.reference.options(of: owner)
      for name in names where !documented.contains(name) {
        Issue.record(
          "the option `\(name)` of `\(owner)` is missing from its entry: add `  - `\(name)`: …` under `- options:`"
        )
      }
      for name in documented where !names.contains(name) {
        Issue.record(
          "the entry `\(owner)` documents an option `\(name)` that the code does not take")
      }
    }
  }

  @Test func theGuidesAreThere() {
    for topic in ["language", "expressions", "keys", "parquet"] {
      #expect(Self.reference.guide(topic) != nil, "no guide `\(topic)`")
    }
    #expect(!Self.reference.exampleSetup.isEmpty)
  }
}
