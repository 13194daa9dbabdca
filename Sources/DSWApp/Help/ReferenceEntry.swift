/// One entry of the language reference: a statement, step, function,
/// aggregate, window function, model or workbench command.
///
/// An entry is a `### NAME` heading in `docs/reference.md`, under the `##`
/// section of its kind, followed by fields (`- syntax: …`), prose and
/// examples. `:help NAME` and `dsw help NAME` print it.
struct ReferenceEntry: Equatable {
  /// What kind of name an entry documents; each has its own `##` section.
  enum Kind: String, CaseIterable {
    case statement = "Statements"
    case transform = "Pipeline steps"
    case function = "Functions"
    case aggregate = "Aggregates"
    case window = "Window functions"
    case model = "Models"
    case command = "Workbench commands"

    /// The singular noun, for messages: "the function `lower`".
    var noun: String {
      switch self {
      case .statement: "statement"
      case .transform: "pipeline step"
      case .function: "function"
      case .aggregate: "aggregate"
      case .window: "window function"
      case .model: "model algorithm"
      case .command: "workbench command"
      }
    }

    /// The fields every entry of this kind must give.
    var requiredFields: [String] {
      ["syntax", "arguments", "result", "nulls"]
    }
  }

  /// An example: a cell of dsw (run by the reference's test, with the
  /// output it must give), lines typed at the workbench prompt, or a cell
  /// that needs a database server (`dsw-remote`: shown, and run by the
  /// remote engine's tests instead).
  struct Example: Equatable {
    var source: String
    var isWorkbench: Bool
    /// The rendered output the example gives, as the reference shows it.
    var output: String?
  }

  var kind: Kind
  var name: String
  /// `syntax`, `arguments`, `result`, `nulls`: the field's text.
  var fields: [String: String]
  /// The options (or named arguments) the entry documents, in order.
  var options: [String]
  var examples: [Example]
  /// The entry's Markdown, heading included, as `:help` renders it.
  var markdown: String
  /// The entry's first line in the reference, for messages.
  var line: Int
}
