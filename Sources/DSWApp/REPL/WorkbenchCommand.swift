/// A colon command of the workbench, with its usage and one-line summary.
///
/// Its full help is its entry in the language reference (`:help NAME`).
struct WorkbenchCommand {
  var name: String
  var arguments: String
  var summary: String

  var usage: String { ":" + name + (arguments.isEmpty ? "" : " " + arguments) }

  /// Every command, in the order `:help` lists them.
  static let all: [WorkbenchCommand] = [
    WorkbenchCommand(
      name: "help", arguments: "[TOPIC]", summary: "this list, or help on a command or topic"),
    WorkbenchCommand(
      name: "cells", arguments: "", summary: "number, kind, status and first line of every cell"),
    WorkbenchCommand(
      name: "show", arguments: "N", summary: "a cell's source and its last outputs"),
    WorkbenchCommand(
      name: "run", arguments: "N|N-M|all|stale", summary: "run cells of the notebook"),
    WorkbenchCommand(
      name: "add", arguments: "[KIND] [after N]",
      summary: "type a new cell, ended by an empty line"),
    WorkbenchCommand(
      name: "edit", arguments: "N", summary: "edit a cell in $EDITOR, or inline"),
    WorkbenchCommand(
      name: "del", arguments: "N", summary: "delete a cell"),
    WorkbenchCommand(
      name: "mv", arguments: "N M", summary: "move cell N to position M"),
    WorkbenchCommand(
      name: "keep", arguments: "[all]",
      summary: "the last input becomes a cell; `all`: every input since the last keep"),
    WorkbenchCommand(
      name: "save", arguments: "[PATH]", summary: "save the notebook (to PATH: save as)"),
    WorkbenchCommand(
      name: "export", arguments: "md|ipynb|html PATH",
      summary: "write Markdown, a Jupyter notebook or an HTML report"),
    WorkbenchCommand(
      name: "sql", arguments: "[PIPELINE]",
      summary: "the PostgreSQL a pipeline compiles to (the last one by default)"),
    WorkbenchCommand(
      name: "plan", arguments: "[PIPELINE]",
      summary: "which steps of a pipeline run on an engine and which locally"),
    WorkbenchCommand(
      name: "datasets", arguments: "", summary: "the catalog: datasets, rows, columns, memory"),
    WorkbenchCommand(
      name: "models", arguments: "", summary: "the model registry"),
    WorkbenchCommand(
      name: "audiences", arguments: "", summary: "every audience with its size"),
    WorkbenchCommand(
      name: "theme", arguments: "[NAME]", summary: "switch colours; remembered in the notebook"),
    WorkbenchCommand(
      name: "timer", arguments: "on|off", summary: "show how long each run took"),
    WorkbenchCommand(
      name: "maxrows", arguments: "N", summary: "rows shown of a table (1 to 10000)"),
    WorkbenchCommand(
      name: "mode", arguments: "[MODE]",
      summary: "print results as table, line, csv, json or markdown"),
    WorkbenchCommand(
      name: "pager", arguments: "[on|off|auto]",
      summary: "page long or wide results ($PAGER, or less -S)"),
    WorkbenchCommand(
      name: "set", arguments: "[NAME VALUE]",
      summary: "show or change a setting: digits, memory_limit"),
    WorkbenchCommand(
      name: "quit", arguments: "", summary: "leave, offering to save unsaved edits"),
  ]

  /// Other spellings users reach for.
  static let aliases: [String: String] = ["q": "quit", "exit": "quit", "h": "help", "?": "help"]

  static var names: [String] { all.map(\.name) }

  static func named(_ name: String) -> WorkbenchCommand? {
    let resolved = aliases[name] ?? name
    return all.first { $0.name == resolved }
  }

  /// The one command whose name starts with `prefix`: `:ce` is `:cells`.
  static func uniquelyStarting(_ prefix: String) -> WorkbenchCommand? {
    guard !prefix.isEmpty else { return nil }
    let found = all.filter { $0.name.hasPrefix(prefix) }
    return found.count == 1 ? found.first : nil
  }
}
