import ArgumentParser
import DSWCore
import DSWTerminal
import Foundation

/// `dsw help [TOPIC]`: the same help as `:help TOPIC` in the workbench, for
/// reading in a shell.
struct HelpCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "help",
    abstract: "Help on a statement, step, function, model, command or guide.",
    discussion: "`dsw help` lists the topics; `dsw help language` is the language in brief.")

  @Argument(help: "A topic: `language`, `load`, `pivot`, `contains`, `row_number`, `:keep`, …")
  var topic: String?

  @ArgumentParser.Option(help: "Colour: auto (only on a terminal), always or never.")
  var color: ColorChoice = .auto

  func run() throws {
    let console = Console(colorMode: color.mode, theme: Theme.builtinDark)
    let width = min(console.width, 100)
    guard let topic else {
      console.line(HelpText.render(HelpText.index(), width: width, styler: console.styler))
      return
    }
    switch HelpText.answer(topic) {
    case .markdown(let markdown):
      console.line(HelpText.render(markdown, width: width, styler: console.styler))
    case .unknown(let suggestion):
      console.error(
        console.errorStyler.paint("error", .error)
          + ": no help on `\(SafeText.escape(topic))`; " + HelpText.unknownHelp(suggestion))
      throw ExitCode(2)
    }
  }
}
