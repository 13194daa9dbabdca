import ArgumentParser
import DSWCore
import Foundation

/// `dsw`: the root command. With a notebook path and no subcommand it opens
/// the REPL; `run`, `check`, `teach` and `export` work headlessly.
public struct DSWCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "dsw",
    abstract: "A data-science notebook workbench for the terminal.",
    discussion: """
      Open a notebook:      dsw analysis.dswnb
      Replay it headlessly: dsw run analysis.dswnb -p users=500 --output out.dswnb
      Validate it:          dsw check analysis.dswnb
      Learn step by step:   dsw teach notebooks/propensity.dswnb
      Convert it:           dsw export analysis.dswnb --to md
      Read the reference:   dsw help language, dsw help pivot
      """,
    version: "0.1.0",
    subcommands: [
      OpenCommand.self, RunCommand.self, CheckCommand.self, TeachCommand.self, ExportCommand.self,
      SQLCommand.self, ServeCommand.self,
      HelpCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  public init() {}
}

/// The entry point: maps the argument parser's errors to exit code 2.
public enum DSWMain {
  public static func main(_ arguments: [String]? = nil) -> Never {
    AllocatorPolicy.keepLargeBlocksInHeap(true)
    do {
      var command = try DSWCommand.parseAsRoot(arguments)
      try command.run()
      exit(0)
    } catch let code as ExitCode {
      exit(code.rawValue)
    } catch {
      let code = DSWCommand.exitCode(for: error)
      let message = DSWCommand.fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
        exit(0)
      }
      FileHandle.standardError.write(Data((message + "\n").utf8))
      exit(2)
    }
  }
}

/// Options every command shares.
struct DisplayOptions: ParsableArguments {
  @ArgumentParser.Option(help: "Colour: auto (only on a terminal), always or never.")
  var color: ColorChoice = .auto

  @ArgumentParser.Option(help: "A colour theme: dark, light, high-contrast, or a file in themes/.")
  var theme: String?

  @ArgumentParser.Option(
    name: .customLong("allow-path"), help: "Another folder notebooks may read and write.")
  var allowPaths: [String] = []

  @ArgumentParser.Option(
    name: .customLong("memory-limit"),
    help: ArgumentHelp(
      "The most memory the session may use (4GB, 512MiB, 50%); default 80% of what is available.",
      valueName: "size"))
  var memoryLimit: String?

  func validate() throws {
    _ = try memoryLimitBytes()
  }

  /// The limit in bytes: the user's, or the default.
  func memoryLimitBytes() throws -> Int {
    guard let memoryLimit else { return SystemMemory.defaultLimit }
    guard let bytes = SystemMemory.parseLimit(memoryLimit) else {
      throw ValidationError(
        "--memory-limit must be a size such as 4GB, 512MiB or 50%, not '\(memoryLimit)'")
    }
    return bytes
  }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, md
}
