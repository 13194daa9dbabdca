import DSWCore
import DSWTerminal

/// Dispatching colon commands, and the small ones.
extension Workbench {
  /// Runs `text`, a line that begins with `:`. A recalled `:add` entry
  /// brings its cell's lines after the first.
  func runCommand(_ text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = lines.removeFirst().trimmingSpaces
    let words = first.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(
      String.init)
    guard let word = words.first else {
      error("a command follows `:`", help: "`:help` lists the commands")
      return
    }
    guard let command = WorkbenchCommand.named(word) ?? WorkbenchCommand.uniquelyStarting(word)
    else {
      let starting = WorkbenchCommand.names.filter { $0.hasPrefix(word) }.map { "`:\($0)`" }
      let hint =
        starting.count > 1
        ? "it could be " + starting.joined(separator: ", ") + "; "
        : Suggestion.closest(to: word, among: WorkbenchCommand.names)
          .map { "did you mean `:\($0)`? " } ?? ""
      error(
        "unknown command `:\(SafeText.escape(word))`", help: hint + "`:help` lists the commands")
      return
    }
    let arguments = Array(words.dropFirst())
    let staleBefore = staleIDs()
    switch command.name {
    case "help": help(arguments)
    case "cells": listCells()
    case "show": showCell(arguments)
    case "run": runCells(arguments)
    case "add": addCell(arguments, body: lines.isEmpty ? nil : lines)
    case "edit": editCell(arguments)
    case "del": deleteCell(arguments)
    case "mv": moveCell(arguments)
    case "keep": keep(arguments)
    case "save": saveCommand(arguments)
    case "export": export(arguments)
    case "sql", "plan":
      let rest = String(first.dropFirst(1 + word.count)).trimmingSpaces
      showSQL(([rest] + lines).joined(separator: "\n"), plan: command.name == "plan")
    case "datasets", "models", "audiences":
      runListing(command.name)
    case "theme": theme(arguments)
    case "timer": timer(arguments)
    case "maxrows": maxRows(arguments)
    case "mode": mode(arguments)
    case "pager": pager(arguments)
    case "set": setting(arguments)
    case "quit": quit()
    default: break
    }
    reportNewlyStale(since: staleBefore)
  }

  // MARK: Help

  private func help(_ arguments: [String]) {
    guard let topic = arguments.first else {
      let width = WorkbenchCommand.all.map { $0.usage.count }.max() ?? 0
      message("Commands:", role: .heading)
      for command in WorkbenchCommand.all {
        let padded = command.usage.padding(toLength: width, withPad: " ", startingAt: 0)
        message("  " + styler.paint(padded, .code) + "  " + command.summary)
      }
      message("Anything else runs as a statement.", role: .muted)
      message("")
      message(HelpText.render(HelpText.index(), width: min(settings.width(), 100), styler: styler))
      return
    }
    switch HelpText.answer(topic) {
    case .markdown(let markdown):
      message(HelpText.render(markdown, width: min(settings.width(), 100), styler: styler))
    case .unknown(let suggestion):
      error("no help on `\(SafeText.escape(topic))`", help: HelpText.unknownHelp(suggestion))
    }
  }

  // MARK: Listings and settings

  private func runListing(_ statement: String) {
    let (run, durationMs) = timedRun(statement)
    show(run, source: statement, location: "input", durationMs: durationMs)
  }

  private func theme(_ arguments: [String]) {
    guard let name = arguments.first else {
      let current = settings.themeName ?? "dark"
      let builtins = Theme.builtins.keys.sorted().joined(separator: ", ")
      message("theme: \(SafeText.escape(current)); built in: \(builtins)")
      return
    }
    let (theme, warning) = settings.loadTheme(name)
    if let warning {
      message(SafeText.escapeLines(warning), role: .warning, toErrors: true)
      return
    }
    settings.styler.theme = theme
    settings.themeName = name
    guard notebook.metadata.theme != name else { return }
    notebook.metadata.theme = name
    recordEdit(.theme(name))
    message("theme \(SafeText.escape(name)); the notebook will remember it", role: .muted)
  }

  private func timer(_ arguments: [String]) {
    switch arguments.first {
    case nil: message("timer is \(settings.showTimer ? "on" : "off")")
    case "on":
      settings.showTimer = true
      message("timer on", role: .muted)
    case "off":
      settings.showTimer = false
      message("timer off", role: .muted)
    case let other?:
      error("`:timer` takes `on` or `off`, not `\(SafeText.escape(other))`")
    }
  }

  private func maxRows(_ arguments: [String]) {
    guard let text = arguments.first else {
      message("tables show at most \(settings.maxRows) rows")
      return
    }
    guard let count = Int(text), (1...10_000).contains(count) else {
      error("`:maxrows` takes a number from 1 to 10000, not `\(SafeText.escape(text))`")
      return
    }
    settings.maxRows = count
    session.context.maxRows = count
    message("tables show at most \(count) rows", role: .muted)
  }

  private func setting(_ arguments: [String]) {
    let limitText = session.context.memoryLimit.map(ByteCount.text) ?? "none"
    let names = ["digits", "memory_limit"]
    guard let name = arguments.first else {
      message("digits        \(settings.numbers.digits)  (`:set digits 10` changes it)")
      message("memory_limit  \(limitText)  (`:set memory_limit 4GB` changes it)")
      return
    }
    if name == "digits" {
      digits(arguments.count > 1 ? arguments[1] : nil)
      return
    }
    guard name == "memory_limit" else {
      let hint = Suggestion.closest(to: name, among: names).map {
        "did you mean `\($0)`? "
      }
      error(
        "unknown setting `\(SafeText.escape(name))`",
        help: (hint ?? "") + "the settings are: " + names.joined(separator: ", "))
      return
    }
    guard arguments.count == 2 else {
      message("memory_limit  \(limitText)")
      return
    }
    guard let bytes = SystemMemory.parseLimit(arguments[1]) else {
      error(
        "`memory_limit` must be a size such as 4GB, 512MiB or 50%, "
          + "not `\(SafeText.escape(arguments[1]))`")
      return
    }
    session.context.memoryLimit = bytes
    let capped = bytes == SystemMemory.available && ByteCount.parse(arguments[1]) != bytes
    message(
      "memory limit \(ByteCount.text(bytes))" + (capped ? " (all the memory available)" : ""),
      role: .muted)
  }

  // MARK: Cell numbers

  /// The 0-based index of cell `text` (1-based), or an error.
  func cellIndex(_ text: String?, command: String) -> Int? {
    guard let text else {
      error("`:\(command)` needs a cell number", help: usageHelp(command))
      return nil
    }
    guard let number = Int(text) else {
      error("`\(SafeText.escape(text))` is not a cell number", help: usageHelp(command))
      return nil
    }
    guard (1...max(1, notebook.cells.count)).contains(number), !notebook.cells.isEmpty else {
      error(noSuchCell(number))
      return nil
    }
    return number - 1
  }

  func noSuchCell(_ number: Int) -> String {
    switch notebook.cells.count {
    case 0: "there is no cell \(number): the notebook has no cells yet"
    case 1: "there is no cell \(number): the notebook has 1 cell"
    default: "there is no cell \(number): the notebook has cells 1 to \(notebook.cells.count)"
    }
  }

  func usageHelp(_ command: String) -> String {
    "usage: " + (WorkbenchCommand.named(command)?.usage ?? ":" + command)
  }

  // MARK: Staleness

  func staleIDs() -> Set<String> {
    Set(notebook.cells.filter { $0.execution?.status == .stale }.map(\.id))
  }

  /// Tells the user which cells a command made stale.
  func reportNewlyStale(since before: Set<String>) {
    let now = notebook.cells.indices.filter {
      notebook.cells[$0].execution?.status == .stale && !before.contains(notebook.cells[$0].id)
    }
    guard !now.isEmpty else { return }
    let numbers = now.map { String($0 + 1) }.joined(separator: ", ")
    let noun = now.count == 1 ? "cell \(numbers) is" : "cells \(numbers) are"
    message("\(noun) now stale; `:run stale` reruns them", role: .warning)
  }
}
