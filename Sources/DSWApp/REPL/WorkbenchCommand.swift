/// A colon command of the workbench, with its usage and help (DESIGN §5).
struct WorkbenchCommand {
  var name: String
  var arguments: String
  var summary: String
  var details: [String]

  var usage: String { ":" + name + (arguments.isEmpty ? "" : " " + arguments) }

  /// Every command, in the order `:help` lists them.
  static let all: [WorkbenchCommand] = [
    WorkbenchCommand(
      name: "help", arguments: "[TOPIC]", summary: "this list, or help on a command or topic",
      details: ["Topics: any command (`:help run`), `keys` and `language`."]),
    WorkbenchCommand(
      name: "cells", arguments: "", summary: "number, kind, status and first line of every cell",
      details: [
        "Status is ok, error, stale (an upstream cell changed since it ran) or blank (not run)."
      ]),
    WorkbenchCommand(
      name: "show", arguments: "N", summary: "a cell's source and its last outputs",
      details: ["Markdown cells are shown rendered."]),
    WorkbenchCommand(
      name: "run", arguments: "N|N-M|all|stale", summary: "run cells of the notebook",
      details: [
        "Runs the cells in order against the session, stopping at the first failure.",
        "`:run stale` reruns the cells marked stale. The notebook is saved after each cell.",
      ]),
    WorkbenchCommand(
      name: "add", arguments: "[KIND] [after N]",
      summary: "type a new cell, ended by an empty line",
      details: [
        "KIND is markdown, query, train, score, ingest or audience; without it the kind",
        "is inferred from the statements. The cell goes at the end, or after cell N.",
        "Ctrl-C cancels.",
      ]),
    WorkbenchCommand(
      name: "edit", arguments: "N", summary: "edit a cell in $EDITOR, or inline",
      details: [
        "With $VISUAL or $EDITOR set, the cell opens there. Otherwise each line is offered",
        "for editing in turn; clear a line to remove it, then add lines until an empty one.",
        "An edited cell and the cells that read what it defines become stale.",
      ]),
    WorkbenchCommand(
      name: "del", arguments: "N", summary: "delete a cell",
      details: ["The cells that read what it defined become stale."]),
    WorkbenchCommand(
      name: "mv", arguments: "N M", summary: "move cell N to position M", details: []),
    WorkbenchCommand(
      name: "keep", arguments: "", summary: "the last scratch input becomes a cell",
      details: [
        "Keeps the last input that ran without error, with its outputs; its kind is",
        "inferred. A line that begins with `|` extends the previous pipeline first.",
      ]),
    WorkbenchCommand(
      name: "save", arguments: "[PATH]", summary: "save the notebook (to PATH: save as)",
      details: [
        "Saving is atomic. With PATH, the workbench goes on editing the new file.",
        "Cell runs save by themselves; edits are journaled until a save.",
      ]),
    WorkbenchCommand(
      name: "export", arguments: "md|ipynb PATH", summary: "write Markdown or a Jupyter notebook",
      details: []),
    WorkbenchCommand(
      name: "sql", arguments: "PIPELINE", summary: "the SQL form of a pipeline (planned)",
      details: []),
    WorkbenchCommand(
      name: "datasets", arguments: "", summary: "the catalog: datasets, rows, columns, memory",
      details: []),
    WorkbenchCommand(
      name: "models", arguments: "", summary: "the model registry", details: []),
    WorkbenchCommand(
      name: "audiences", arguments: "", summary: "every audience with its size", details: []),
    WorkbenchCommand(
      name: "theme", arguments: "[NAME]", summary: "switch colours; remembered in the notebook",
      details: ["dark, light, high-contrast, or a file themes/NAME.json near the notebook."]),
    WorkbenchCommand(
      name: "timer", arguments: "on|off", summary: "show how long each run took", details: []),
    WorkbenchCommand(
      name: "maxrows", arguments: "N", summary: "rows shown of a table (1 to 10000)",
      details: []),
    WorkbenchCommand(
      name: "set", arguments: "[NAME VALUE]", summary: "show or change a session setting",
      details: [
        "memory_limit SIZE: the most memory the session may use (4GB, 512MiB, 50%).",
        "Work that would pass it (a join, pivot, window, synth or load) stops with",
        "an estimate instead of exhausting the machine. The default is 80% of the",
        "memory available to dsw; `dsw --memory-limit SIZE` sets it at start.",
      ]),
    WorkbenchCommand(
      name: "quit", arguments: "", summary: "leave, offering to save unsaved edits",
      details: ["Ctrl-D on an empty line does the same."]),
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

  /// The `keys` help topic.
  static let keysHelp = [
    "Tab        complete commands, keywords, functions, datasets and columns",
    "Up/Down    history; a multi-line entry is one entry",
    "Ctrl-C     clear the line, or interrupt a running cell (the session stays)",
    "Ctrl-D     quit (on an empty line)",
    "Ctrl-R     search the history",
  ]

  /// The `language` help topic.
  static let languageHelp = [
    "Statements run as a scratch cell; `:keep` adds the last one to the notebook.",
    "A line ending inside parentheses or with `|` continues on the next line.",
    "A line that begins with `|` extends the previous pipeline and runs it again:",
    "  from groupby | take 5",
    "  | filter v1 > 2",
    "Statements: param synth load let from datasets schema describe correlate expect",
    "  funnel export drop train evaluate models save ingest audience audiences overlap",
    "  activate",
    "Steps: filter select drop rename derive aggregate sort take distinct join append",
    "  pivot window sample expect score chart describe",
  ]
}
