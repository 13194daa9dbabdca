import ArgumentParser
import DSWCore
import DSWServe
import DSWTerminal
import Foundation

/// `dsw serve`: publishes trained models as an HTTP scoring service.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve trained models over HTTP: POST rows, get scores.",
    discussion: """
      Serves model files written by `save model` (each under its file name: conv.json \
      serves `conv`) and, with --notebook, every model the notebook trains, by name and \
      version. Endpoints: POST /v1/models/NAME/score (or NAME@VERSION), GET /v1/models, \
      /v1/models/NAME, /healthz, /readyz, /metrics, /openapi.json.
      SIGTERM or Ctrl-C shut down gracefully; SIGHUP, or replacing a served file, reloads.
      Exit codes: 0 after a clean shutdown; 2 for a usage error or a model that cannot be loaded.
      """)

  @Argument(help: "Model files written by `save model`.")
  var models: [String] = []

  @ArgumentParser.Option(help: "Run this notebook headlessly and serve every model it trains.")
  var notebook: String?

  @ArgumentParser.Option(
    name: .customShort("p"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "Override a parameter of --notebook: -p NAME=VALUE.", valueName: "NAME=VALUE"))
  var parameters: [String] = []

  @ArgumentParser.Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @ArgumentParser.Option(help: "The port to listen on (0 picks a free one).")
  var port = 8080

  @ArgumentParser.Option(
    name: .customLong("token-env"),
    help: ArgumentHelp(
      "Require `Authorization: Bearer TOKEN`, TOKEN read from this environment variable.",
      valueName: "VAR"))
  var tokenEnv: String?

  @ArgumentParser.Option(help: "Threads answering requests (default: one per core).")
  var workers: Int?

  @ArgumentParser.Option(
    name: .customLong("max-body"),
    help: ArgumentHelp("The largest request body (8MiB, 512KB, …).", valueName: "size"))
  var maxBody = "8MiB"

  @ArgumentParser.Option(
    name: .customLong("max-rows"), help: "The most rows one score request may hold.")
  var maxRows = 10_000

  @ArgumentParser.Option(
    name: .customLong("allow-path"), help: "Another folder the notebook may read and write.")
  var allowPaths: [String] = []

  func validate() throws {
    if models.isEmpty && notebook == nil {
      throw ValidationError("give model files to serve, or --notebook NB")
    }
    if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
    if let workers, !(1...256).contains(workers) {
      throw ValidationError("--workers must be 1 to 256")
    }
    if maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
    guard maxBody.last != "%", let bytes = ByteCount.parse(maxBody), bytes >= 1 else {
      throw ValidationError("--max-body must be a size such as 8MiB or 512KB, not '\(maxBody)'")
    }
    _ = bytes
    if let tokenEnv {
      guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
        throw ValidationError("--token-env \(tokenEnv): the environment variable is not set")
      }
    }
  }

  func run() throws {
    var configuration = ServeConfiguration(
      workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
    configuration.usesSharedLoops = ScoringServer.takeOverConcurrency(
      workers: configuration.workers)
    configuration.host = host
    configuration.port = port
    configuration.maxRows = maxRows
    configuration.maxBodyBytes = ByteCount.parse(maxBody) ?? configuration.maxBodyBytes
    configuration.token = tokenEnv.flatMap { ProcessInfo.processInfo.environment[$0] }

    var sources = models.map(ModelSource.modelFile)
    if let notebook {
      sources.append(try notebookSource(notebook))
    }
    let server: ScoringServer
    do {
      server = try ScoringServer(
        configuration: configuration, sources: sources, output: .standardOutput)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
    let finished = DispatchSemaphore(value: 0)
    let outcome = ServeOutcome()
    Task {
      do {
        try await server.run()
      } catch {
        outcome.failure = server.describe(error)
      }
      finished.signal()
    }
    finished.wait()
    if let failure = outcome.failure {
      FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
      throw ExitCode(2)
    }
  }

  private func notebookSource(_ notebook: String) throws -> ModelSource {
    var overrides: [String: String] = [:]
    for parameter in parameters {
      guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
        throw ValidationError("-p takes NAME=VALUE, got \"\(SafeText.escape(parameter))\"")
      }
      overrides[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
    }
    let allowPaths = self.allowPaths
    let memoryLimit = SystemMemory.defaultLimit
    let frozen = overrides
    return ModelSource(label: notebook, watchedPath: nil) {
      try NotebookModels.load(
        path: notebook, overrides: frozen, allowPaths: allowPaths, memoryLimit: memoryLimit,
        interrupt: nil)
    }
  }
}

/// How the server's run ended, handed from its task to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var _failure: String?
  var failure: String? {
    get { lock.withLock { _failure } }
    set { lock.withLock { _failure = newValue } }
  }
}
