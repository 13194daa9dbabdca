import DSWCore

/// Every name a user can type, read from the code's own registries: the
/// parser's keywords, the function enums, the model algorithms, the option
/// lists and the workbench commands. The reference must document each one.
enum NameRegistry {
  /// A name and the reference section it belongs in.
  struct Name: Hashable, Sendable {
    var kind: String
    var name: String
  }

  static var names: [Name] {
    func tagged(_ kind: ReferenceEntry.Kind, _ names: [String]) -> [Name] {
      names.map { Name(kind: kind.rawValue, name: $0) }
    }
    return tagged(.statement, Parser.statementKeywords)
      + tagged(.transform, Parser.transformKeywords)
      + tagged(.function, ScalarFunction.allCases.map(\.rawValue) + ["cast", "try_cast"])
      + tagged(.aggregate, AggregateFunction.allCases.map(\.rawValue))
      + tagged(.window, WindowFunction.allCases.map(\.rawValue))
      + tagged(.model, ModelAlgorithm.allCases.map(\.rawValue))
      + tagged(.command, WorkbenchCommand.all.map { ":" + $0.name })
  }

  /// Each owner of options (a statement, step or model) and the option
  /// names the code accepts for it.
  static var options: [(owner: String, names: [String])] {
    OptionNames.byOwner
      + ModelAlgorithm.allCases.map { (owner: $0.rawValue, names: $0.argumentNames) }
  }
}
