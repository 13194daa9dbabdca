/// Diagnostics for names that resolve to nothing, with a "did you mean".
enum UnknownName {
  static func column(_ name: String, span: SourceSpan, among names: [String]) -> Diagnostic {
    Diagnostic.error(
      "E201", "unknown column `\(name)`", at: span, notes: [availableNote("columns", names)],
      help: suggestion(name, names))
  }

  static func dataset(_ name: String, span: SourceSpan, among names: [String]) -> Diagnostic {
    Diagnostic.error(
      "E212", "unknown dataset `\(name)`", at: span,
      notes: names.isEmpty
        ? ["the catalog is empty: `load` or `synth` a dataset first"]
        : [availableNote("datasets", names)],
      help: suggestion(name, names))
  }

  static func audience(_ name: String, span: SourceSpan, among names: [String]) -> Diagnostic {
    Diagnostic.error(
      "E713", "unknown audience `\(name)`", at: span,
      notes: names.isEmpty
        ? ["no audiences yet: `audience NAME = from profile | filter ...` makes one"]
        : [availableNote("audiences", names)],
      help: suggestion(name, names))
  }

  static func function(_ name: String, span: SourceSpan) -> Diagnostic {
    Diagnostic.error(
      "E203", "unknown function `\(name)`", at: span,
      help: suggestion(name, FunctionNames.all))
  }

  static func suggestion(_ name: String, _ candidates: [String]) -> String? {
    Suggestion.didYouMean(name, among: candidates)
  }

  static func availableNote(_ what: String, _ names: [String]) -> String {
    let shown = names.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
    let more = names.count > 12 ? ", … (\(names.count) in all)" : ""
    return "the \(what) here are \(shown)\(more)"
  }
}
